using System.Linq.Expressions;
using Gydex.Kernel.Persistence;

namespace Gydex.Kernel.Access;

/// <summary>
/// Which records a user may see under one right: all, those of their department and the departments below
/// it, or their own. Applied inside the query, so the database filters and ids outside it find nothing.
/// </summary>
public sealed record DataScope(RightScope Scope, Guid UserId, IReadOnlyCollection<Guid> Departments)
{
    public static DataScope Everything(Guid userId) => new(RightScope.All, userId, []);
}

/// <summary>Where a compiled query takes a scope's user, its one department, or its departments from.</summary>
public sealed record ScopeArguments(Expression User, Expression Department, Expression Departments);

public static class DataScopeQueries
{
    /// <summary>
    /// What the query of a scope looks like, apart from its values: its kind and, for a department scope, whether it
    /// holds exactly one department (an equality rather than a list).
    /// </summary>
    public static (RightScope Kind, bool OneDepartment) ShapeOf(DataScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return (scope.Scope, scope.Scope == RightScope.Department && scope.Departments.Count == 1);
    }

    /// <summary>A scope of <paramref name="shape"/> with blank values: what a compiled query is built from.</summary>
    public static DataScope OfShape((RightScope Kind, bool OneDepartment) shape) =>
        new(shape.Kind, Guid.Empty, shape.OneDepartment ? [Guid.Empty] : []);

    /// <summary>
    /// Keeps the records within <paramref name="scope"/>: <paramref name="owner"/> is the user responsible
    /// for (or author of) a record, <paramref name="department"/> the department it belongs to.
    /// </summary>
    public static IQueryable<T> Within<T>(this IQueryable<T> query, DataScope scope,
        Expression<Func<T, Guid>> owner, Expression<Func<T, Guid?>> department) =>
        Within(query, scope, owner, department, null);

    /// <summary>
    /// As above, the scope's values taken from <paramref name="arguments"/> (a compiled query's parameters)
    /// instead of captured: the query's shape then depends only on the kind of scope and whether it
    /// holds one department (<see cref="ShapeOf"/>).
    /// </summary>
    public static IQueryable<T> Within<T>(this IQueryable<T> query, DataScope scope,
        Expression<Func<T, Guid>> owner, Expression<Func<T, Guid?>> department, ScopeArguments? arguments)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(department);
        switch (scope.Scope)
        {
            case RightScope.All:
                return query;
            case RightScope.Own:
                return query.Where(Expression.Lambda<Func<T, bool>>(
                    Expression.Equal(owner.Body, arguments?.User ?? QueryParameter.Of(scope.UserId)), owner.Parameters));
            default:
                // One department (a leaf, the usual case): an equality, so an index on (department, sort key)
                // gives the rows already in order and a page reads 51 of them.
                if (scope.Departments.Count == 1)
                {
                    return query.Where(Expression.Lambda<Func<T, bool>>(
                        Expression.Equal(department.Body, Expression.Convert(arguments?.Department ?? QueryParameter.Of(scope.Departments.First()), typeof(Guid?))), department.Parameters));
                }

                // Non-nullable on both sides: PostgreSQL gets a plain "= ANY(@ids)"; with Guid? EF adds an
                // "OR (… IS NULL AND array_position(@ids, NULL) …)" that no index serves. A record without a
                // department is in no one's department scope either way.
                var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(Guid)],
                    arguments?.Departments ?? QueryParameter.Of(scope.Departments.ToArray()), Expression.Convert(department.Body, typeof(Guid)));
                return query.Where(Expression.Lambda<Func<T, bool>>(contains, department.Parameters));
        }
    }
}

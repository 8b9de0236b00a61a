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

public static class DataScopeQueries
{
    /// <summary>
    /// Keeps the records within <paramref name="scope"/>: <paramref name="owner"/> is the user responsible
    /// for (or author of) a record, <paramref name="department"/> the department it belongs to.
    /// </summary>
    public static IQueryable<T> Within<T>(this IQueryable<T> query, DataScope scope,
        Expression<Func<T, Guid>> owner, Expression<Func<T, Guid?>> department)
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
                    Expression.Equal(owner.Body, QueryParameter.Of(scope.UserId)), owner.Parameters));
            default:
                // One department (a leaf, the usual case): an equality, so an index on (department, sort key)
                // gives the rows already in order and a page reads 51 of them.
                if (scope.Departments.Count == 1)
                {
                    return query.Where(Expression.Lambda<Func<T, bool>>(
                        Expression.Equal(department.Body, Expression.Convert(QueryParameter.Of(scope.Departments.First()), typeof(Guid?))), department.Parameters));
                }

                // Non-nullable on both sides: PostgreSQL gets a plain "= ANY(@ids)"; with Guid? EF adds an
                // "OR (… IS NULL AND array_position(@ids, NULL) …)" that no index serves. A record without a
                // department is in no one's department scope either way.
                var ids = scope.Departments.ToArray();
                var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(Guid)],
                    QueryParameter.Of(ids), Expression.Convert(department.Body, typeof(Guid)));
                return query.Where(Expression.Lambda<Func<T, bool>>(contains, department.Parameters));
        }
    }
}

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
                var ids = scope.Departments.Select(d => (Guid?)d).ToArray();
                var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(Guid?)],
                    QueryParameter.Of(ids), department.Body);
                return query.Where(Expression.Lambda<Func<T, bool>>(contains, department.Parameters));
        }
    }
}

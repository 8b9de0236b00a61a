using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Gydex.Kernel.Access;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Gydex.Modules.Customers;

/// <summary>
/// The contacts list without filters — the list every visit opens with and pages through — as compiled queries, one
/// per shape: the kind of scope, the sort with its direction, first page or after a cursor. Each is built by the same
/// <see cref="DataScopeQueries"/> and <see cref="Keyset"/> paging as the list built afresh, with the scope's values
/// (its user, its one department, its departments) and the cursor's as the compiled query's parameters — scalar
/// ones: a member of a parameter object is not translated. Built afresh, EF walked, hashed and compared the whole
/// expression on every request to find its cached plan, which cost the application more than reading and
/// materializing the 51 rows.
/// </summary>
public static class ContactPages
{
    private readonly record struct Shape((RightScope Kind, bool OneDepartment) Scope, string Sort, bool Descending, bool AfterCursor);

    /// <summary>A compiled query serves one model: one set per model (a process has one; tests build several).</summary>
    private static readonly ConditionalWeakTable<IModel, ConcurrentDictionary<Shape, Func<OrgDbContext, Guid, Guid, Guid[], string, DateTimeOffset, long, IAsyncEnumerable<Contact>>>> Compiled = new();

    /// <summary>Whether <paramref name="list"/> is a compiled shape: no filter, the page's usual size.</summary>
    public static bool Serves(ListQuery list)
    {
        ArgumentNullException.ThrowIfNull(list);
        return !list.Filtered && list.Limit == ListQuery.DefaultLimit && list.SortField is "name" or "code" or "updated";
    }

    /// <summary>The page <see cref="CustomerLists"/> would give for this list built afresh, with the list's row.</summary>
    public static async Task<ListPage<Contact>> PageAsync(OrgDbContext db, DataScope scope, ListQuery list, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(list);
        var department = scope.Departments.Count == 1 ? scope.Departments.First() : Guid.Empty;
        Guid[] departments = scope.Scope == RightScope.Department && scope.Departments.Count != 1 ? [.. scope.Departments] : [];
        var cursor = ContactCursor.Read(list);
        var shape = new Shape(DataScopeQueries.ShapeOf(scope), list.SortField, list.Descending, cursor is not null);
        var query = Compiled.GetOrCreateValue(db.Model).GetOrAdd(shape, Compile, db);
        var rows = new List<Contact>(list.Limit + 1);
        await foreach (var row in query(db, scope.UserId, department, departments, cursor?.Text ?? "", cursor?.Instant ?? DateTimeOffset.MinValue, cursor?.Number ?? 0)
            .WithCancellation(cancellationToken))
            rows.Add(row);
        return CustomerLists.ContactPageOf(rows, list);
    }

    private static Func<OrgDbContext, Guid, Guid, Guid[], string, DateTimeOffset, long, IAsyncEnumerable<Contact>> Compile(Shape shape, OrgDbContext db)
    {
        var context = Expression.Parameter(typeof(OrgDbContext), "db");
        var user = Expression.Parameter(typeof(Guid), "user");
        var department = Expression.Parameter(typeof(Guid), "department");
        var departments = Expression.Parameter(typeof(Guid[]), "departments");
        var text = Expression.Parameter(typeof(string), "text");
        var instant = Expression.Parameter(typeof(DateTimeOffset), "instant");
        var number = Expression.Parameter(typeof(long), "number");
        // Only the scope's kind and department count are read here; its values are the parameters.
        var query = db.Set<Contact>().AsNoTracking().Within(DataScopeQueries.OfShape(shape.Scope), c => c.ResponsibleId, c => c.DepartmentId,
            new ScopeArguments(user, department, departments));
        query = CustomerLists.InContactOrder(query, shape.Sort, shape.Descending, shape.AfterCursor ? new ContactCursorValues(text, instant, number) : null);
        // A constant in a compiled query stays a literal (EF.Constant is for queries built afresh, and refused here).
        var page = query.Take(ListQuery.DefaultLimit + 1).Select(CustomerLists.ContactRow);
        return EF.CompileAsyncQuery(Expression.Lambda<Func<OrgDbContext, Guid, Guid, Guid[], string, DateTimeOffset, long, IQueryable<Contact>>>(page.Expression, context, user, department, departments, text, instant, number));
    }
}

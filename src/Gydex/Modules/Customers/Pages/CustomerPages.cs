using Gydex.Kernel.Access;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Modules.Customers.Pages;

/// <summary>An employee or department offered in a form's select.</summary>
public sealed record Choice(Guid Id, string Name);

/// <summary>What the customer pages share: the employees and departments to choose from, names by id.</summary>
public sealed class CustomerPageData(OrgDbContext db)
{
    public async Task<IReadOnlyList<Choice>> EmployeesAsync(CancellationToken cancellationToken) =>
        (await db.Users.AsNoTracking().Where(u => !u.IsDisabled).OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancellationToken))
            .Select(u => new Choice(u.Id, u.DisplayName)).ToList();

    public async Task<IReadOnlyList<Choice>> DepartmentsAsync(CancellationToken cancellationToken) =>
        (await db.Set<Department>().AsNoTracking().OrderBy(d => d.Name).Select(d => new { d.Id, d.Name }).ToListAsync(cancellationToken))
            .Select(d => new Choice(d.Id, d.Name)).ToList();

    public async Task<Dictionary<Guid, string>> UserNamesAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var list = ids.Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => list.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }
}

/// <summary>Bulk actions on the ticked rows of a list: each record is checked against the action's right and scope.</summary>
public static class BulkActions
{
    public const int MaxRecords = 500;
}

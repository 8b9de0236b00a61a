using Gydex.Kernel.Access;
using Gydex.Kernel.Identity;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Modules.Customers.Pages;

/// <summary>An employee or department offered in a form's select.</summary>
public sealed record Choice(Guid Id, string Name);

/// <summary>What the customer pages share: the employees and departments to choose from, names by id.</summary>
public sealed class CustomerPageData(OrgDbContext db, Employees employees)
{
    public async Task<IReadOnlyList<Choice>> EmployeesAsync(CancellationToken cancellationToken) =>
        (await employees.ActiveAsync(cancellationToken)).Select(e => new Choice(e.Id, e.Name)).ToList();

    public async Task<IReadOnlyList<Choice>> DepartmentsAsync(CancellationToken cancellationToken) =>
        (await db.Set<Department>().AsNoTracking().OrderBy(d => d.Name).Select(d => new { d.Id, d.Name }).ToListAsync(cancellationToken))
            .Select(d => new Choice(d.Id, d.Name)).ToList();

    public async Task<Dictionary<Guid, string>> UserNamesAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var all = await employees.ByIdAsync(cancellationToken);
        return ids.Distinct().Where(all.ContainsKey).ToDictionary(id => id, id => all[id].Name);
    }
}

/// <summary>Bulk actions on the ticked rows of a list: each record is checked against the action's right and scope.</summary>
public static class BulkActions
{
    public const int MaxRecords = 500;
}

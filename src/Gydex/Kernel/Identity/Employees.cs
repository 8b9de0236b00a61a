using Gydex.Kernel.Access;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Kernel.Identity;

/// <summary>An employee as lists and pickers show them.</summary>
public sealed record Employee(Guid Id, string Name, Guid? DepartmentId, bool IsDisabled);

/// <summary>
/// The organization's employees, for names in lists and for pickers: read on nearly every page, so kept in
/// <see cref="OrgCache"/> (adding, disabling, renaming or moving an employee moves the stamp).
/// </summary>
public sealed class Employees(OrgDbContext db, OrgCache cache)
{
    /// <summary>Both views made once per stamp, not per request.</summary>
    private sealed record Directory(IReadOnlyList<Employee> Active, IReadOnlyDictionary<Guid, Employee> ById);

    private Task<Directory> LoadAsync(CancellationToken cancellationToken) =>
        cache.GetAsync("employees", async ct =>
        {
            var all = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName)
                .Select(u => new Employee(u.Id, u.DisplayName, u.DepartmentId, u.IsDisabled)).ToListAsync(ct);
            return new Directory(all.Where(e => !e.IsDisabled).ToList(), all.ToDictionary(e => e.Id));
        }, cancellationToken).AsTask();

    /// <summary>Everyone, disabled too (a record keeps its responsible's name), by id.</summary>
    public async Task<IReadOnlyDictionary<Guid, Employee>> ByIdAsync(CancellationToken cancellationToken) =>
        (await LoadAsync(cancellationToken)).ById;

    /// <summary>Enabled employees by name: whom a record may be given to.</summary>
    public async Task<IReadOnlyList<Employee>> ActiveAsync(CancellationToken cancellationToken) =>
        (await LoadAsync(cancellationToken)).Active;
}

using Gydex.Kernel.Access;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Modules.Administration;

/// <summary>A department with its depth in the tree, for showing it indented.</summary>
public sealed record DepartmentNode(Department Department, int Depth, int Users);

/// <summary>The department tree: create, rename, delete (only an empty one), never the root.</summary>
public sealed class DepartmentAdministration(OrgDbContext db)
{
    public async Task<List<DepartmentNode>> TreeAsync(CancellationToken cancellationToken)
    {
        var all = await db.Set<Department>().AsNoTracking().OrderBy(d => d.Name).ToListAsync(cancellationToken);
        var users = await db.Users.GroupBy(u => u.DepartmentId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key ?? Guid.Empty, g => g.Count, cancellationToken);
        var result = new List<DepartmentNode>();
        void Walk(Guid? parent, int depth)
        {
            foreach (var d in all.Where(d => d.ParentId == parent))
            {
                result.Add(new DepartmentNode(d, depth, users.GetValueOrDefault(d.Id)));
                Walk(d.Id, depth + 1);
            }
        }

        Walk(null, 0);
        return result;
    }

    public async Task<AdminResult> CreateAsync(string name, Guid parentId, CancellationToken cancellationToken)
    {
        if (ValidateName(name) is { } error)
            return AdminResult.Refused(error);
        if (!await db.Set<Department>().AnyAsync(d => d.Id == parentId, cancellationToken))
            return AdminResult.Refused("Unknown department.");
        db.Set<Department>().Add(new Department { Id = Guid.CreateVersion7(), Name = name.Trim(), ParentId = parentId });
        await db.SaveChangesAsync(cancellationToken);
        return AdminResult.Done;
    }

    public async Task<AdminResult> RenameAsync(Guid id, string name, CancellationToken cancellationToken)
    {
        if (ValidateName(name) is { } error)
            return AdminResult.Refused(error);
        var department = await db.Set<Department>().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (department is null)
            return AdminResult.Refused("Not found.");
        department.Name = name.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return AdminResult.Done;
    }

    public async Task<AdminResult> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var department = await db.Set<Department>().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (department is null)
            return AdminResult.Refused("Not found.");
        if (department.ParentId is null)
            return AdminResult.Refused("The root department is the organization itself and cannot be deleted.");
        if (await db.Set<Department>().AnyAsync(d => d.ParentId == id, cancellationToken) || await db.Users.AnyAsync(u => u.DepartmentId == id, cancellationToken))
            return AdminResult.Refused("Only an empty department can be deleted: move its users to other departments and delete the departments below it first.");
        db.Set<Department>().Remove(department);
        await db.SaveChangesAsync(cancellationToken);
        return AdminResult.Done;
    }

    private static string? ValidateName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "The name is required."
        : name.Trim().Length > Department.NameMaxLength ? "The name is too long."
        : null;
}

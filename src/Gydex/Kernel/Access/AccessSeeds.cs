using Gydex.Kernel.Identity;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Kernel.Access;

/// <summary>
/// Lets a module say which of its rights each stereotype group gets in a new organization
/// (Administrators get everything without being told).
/// </summary>
public interface IStereotypeGrants
{
    IEnumerable<(GroupStereotype Group, Right Right, RightScope? Scope)> Grants { get; }
}

/// <summary>
/// A new organization's access: the root department, the stereotype groups with their default grants, and
/// the first administrator in Administrators.
/// </summary>
public sealed class AccessOrganizationSeed(IEnumerable<IStereotypeGrants> defaults, TimeProvider clock) : IOrganizationSeed
{
    public static readonly IReadOnlyDictionary<GroupStereotype, LocalizedText> GroupNames = new Dictionary<GroupStereotype, LocalizedText>
    {
        [GroupStereotype.Administrators] = new("Администраторы", "Administrators"),
        [GroupStereotype.Managers] = new("Менеджеры", "Managers"),
        [GroupStereotype.Accountants] = new("Бухгалтеры", "Accountants"),
        [GroupStereotype.Employees] = new("Сотрудники", "Employees"),
    };

    public int Order => -100;

    public async Task SeedAsync(IServiceProvider orgServices, Organization organization, GydexUser administrator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orgServices);
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(administrator);
        var db = orgServices.GetRequiredService<OrgDbContext>();
        var root = await db.Set<Department>().FirstOrDefaultAsync(d => d.ParentId == null, cancellationToken);
        if (root is null)
        {
            root = new Department { Id = Guid.CreateVersion7(), Name = organization.Name };
            db.Set<Department>().Add(root);
            await db.SaveChangesAsync(cancellationToken);
        }

        await db.Users.Where(u => u.DepartmentId == null).ExecuteUpdateAsync(s => s.SetProperty(u => u.DepartmentId, root.Id), cancellationToken);

        var all = defaults.SelectMany(d => d.Grants).ToList();
        foreach (var (stereotype, name) in GroupNames)
        {
            var group = new Group
            {
                Id = Guid.CreateVersion7(),
                Name = name.For(organization.DefaultLanguage),
                Stereotype = stereotype,
                CreatedAt = clock.GetUtcNow(),
            };
            foreach (var (_, right, scope) in all.Where(g => g.Group == stereotype))
                group.Grants.Add(new GroupGrant { RightCode = right.Code, Scope = right.HasScope ? scope ?? RightScope.All : null });
            if (stereotype == GroupStereotype.Administrators)
                group.Members.Add(new GroupMember { UserId = administrator.Id });
            db.Set<Group>().Add(group);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>
/// An organization that predates the table of rights (created before the Access migration) gets what a new one
/// starts with: the root department and the stereotype groups, its oldest active account as administrator.
/// </summary>
public sealed class AccessOrganizationUpgrade(AccessOrganizationSeed seed) : IOrganizationUpgrade
{
    public async Task UpgradeAsync(IServiceProvider orgServices, Organization organization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orgServices);
        var db = orgServices.GetRequiredService<OrgDbContext>();
        if (await db.Set<Group>().AnyAsync(cancellationToken))
            return;
        var administrator = await db.Users.Where(u => !u.IsDisabled).OrderBy(u => u.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (administrator is null)
            return;
        await seed.SeedAsync(orgServices, organization, administrator, cancellationToken);
    }
}

/// <summary>The demo's employees, each in the group of their stereotype (the intern in Employees only).</summary>
public sealed class AccessDemoSeed : IDemoSeed
{
    public async Task SeedAsync(IServiceProvider orgServices, IReadOnlyDictionary<string, GydexUser> usersByLogin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orgServices);
        ArgumentNullException.ThrowIfNull(usersByLogin);
        var db = orgServices.GetRequiredService<OrgDbContext>();
        var groups = await db.Set<Group>().Include(g => g.Members).ToListAsync(cancellationToken);
        foreach (var demo in DemoOrganization.Users)
        {
            if (!usersByLogin.TryGetValue(demo.Login, out var user) || !Enum.TryParse<GroupStereotype>(demo.Stereotype, out var stereotype))
                continue;
            var group = groups.Single(g => g.Stereotype == stereotype);
            if (group.Members.All(m => m.UserId != user.Id))
                group.Members.Add(new GroupMember { UserId = user.Id });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}

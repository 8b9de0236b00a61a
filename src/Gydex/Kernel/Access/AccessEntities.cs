using Gydex.Kernel.Identity;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gydex.Kernel.Access;

/// <summary>The groups every new organization starts with; Administrators always holds every right.</summary>
public enum GroupStereotype
{
    Custom,
    Administrators,
    Managers,
    Accountants,
    Employees,
}

/// <summary>A group of employees; its grants are what its members may do.</summary>
public sealed class Group
{
    public const int NameMaxLength = 100;

    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public GroupStereotype Stereotype { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<GroupMember> Members { get; set; } = [];

    public List<GroupGrant> Grants { get; set; } = [];
}

public sealed class GroupMember
{
    public Guid GroupId { get; set; }

    public Guid UserId { get; set; }
}

/// <summary>A right given to a group, with its data scope where the right has one.</summary>
public sealed class GroupGrant
{
    public Guid GroupId { get; set; }

    public string RightCode { get; set; } = "";

    public RightScope? Scope { get; set; }
}

/// <summary>A right given to, or taken from, one user beyond what their groups say.</summary>
public sealed class UserGrant
{
    public Guid UserId { get; set; }

    public string RightCode { get; set; } = "";

    /// <summary>True: the right is taken away even where a group gives it.</summary>
    public bool IsRevocation { get; set; }

    public RightScope? Scope { get; set; }
}

/// <summary>A node of the organization's department tree; every user belongs to one.</summary>
public sealed class Department
{
    public const int NameMaxLength = 200;

    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Null for the root (the organization itself).</summary>
    public Guid? ParentId { get; set; }
}

/// <summary>
/// One row whose version grows with every change to groups, grants, memberships, departments or accounts;
/// every node compares it with its cached effective rights, so a change takes effect at the next request.
/// </summary>
public sealed class AccessStamp
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public long Version { get; set; }
}

[OrgEntity]
internal sealed class AccessModel :
    IEntityTypeConfiguration<Group>, IEntityTypeConfiguration<GroupMember>, IEntityTypeConfiguration<GroupGrant>,
    IEntityTypeConfiguration<UserGrant>, IEntityTypeConfiguration<Department>, IEntityTypeConfiguration<AccessStamp>,
    IEntityTypeConfiguration<GydexUser>
{
    public void Configure(EntityTypeBuilder<GydexUser> builder)
    {
        builder.HasOne<Department>().WithMany().HasForeignKey(u => u.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => u.DepartmentId);
    }

    public void Configure(EntityTypeBuilder<Group> builder)
    {
        builder.ToTable("Groups");
        builder.Property(g => g.Name).HasMaxLength(Group.NameMaxLength);
        builder.Property(g => g.Stereotype).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(g => g.Name).IsUnique();
        builder.HasMany(g => g.Members).WithOne().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(g => g.Grants).WithOne().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<GroupMember> builder)
    {
        builder.ToTable("GroupMembers");
        builder.HasKey(m => new { m.GroupId, m.UserId });
        builder.HasIndex(m => m.UserId);
        builder.HasOne<GydexUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<GroupGrant> builder)
    {
        builder.ToTable("GroupGrants");
        builder.HasKey(g => new { g.GroupId, g.RightCode });
        builder.Property(g => g.RightCode).HasMaxLength(100);
        builder.Property(g => g.Scope).HasConversion<string>().HasMaxLength(16);
    }

    public void Configure(EntityTypeBuilder<UserGrant> builder)
    {
        builder.ToTable("UserGrants");
        builder.HasKey(g => new { g.UserId, g.RightCode });
        builder.Property(g => g.RightCode).HasMaxLength(100);
        builder.Property(g => g.Scope).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<GydexUser>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<Department> builder)
    {
        builder.ToTable("Departments");
        builder.Property(d => d.Name).HasMaxLength(Department.NameMaxLength);
        builder.HasIndex(d => d.ParentId);
        builder.HasOne<Department>().WithMany().HasForeignKey(d => d.ParentId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<AccessStamp> builder)
    {
        builder.ToTable("AccessStamps");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasData(new AccessStamp { Id = AccessStamp.SingletonId, Version = 1 });
    }
}

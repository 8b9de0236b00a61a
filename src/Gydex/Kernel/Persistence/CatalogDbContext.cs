using Gydex.Kernel.Identity;
using Gydex.Kernel.Organizations;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Kernel.Persistence;

/// <summary>
/// The installation's own database: organizations and their placement, platform operators,
/// data-protection keys shared by every node, installation settings.
/// Provider-specific subclasses exist only so each provider has its own migrations.
/// </summary>
public abstract class CatalogDbContext(DbContextOptions options)
    : IdentityUserContext<PlatformOperator, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<CatalogSetting> Settings => Set<CatalogSetting>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<PlatformOperator>(e =>
        {
            e.ToTable("Operators");
            e.Property(o => o.DisplayName).HasMaxLength(200);
        });
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<Guid>>().ToTable("OperatorClaims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid>>().ToTable("OperatorLogins");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>>().ToTable("OperatorTokens");

        builder.Entity<Organization>(e =>
        {
            e.ToTable("Organizations");
            e.HasIndex(o => o.Slug).IsUnique();
            e.Property(o => o.Slug).HasMaxLength(OrgSlug.MaxLength + 5); // a test copy adds "-test"
            e.Property(o => o.Name).HasMaxLength(Organization.NameMaxLength);
            e.Property(o => o.TimeZoneId).HasMaxLength(64);
            e.Property(o => o.DefaultLanguage).HasMaxLength(8);
            e.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(o => o.DatabaseServer).HasMaxLength(256);
            e.Property(o => o.DatabaseName).HasMaxLength(128);
            e.Property(o => o.SchemaVersion).HasMaxLength(150);
            e.Property(o => o.MigrationError).HasMaxLength(2000);
            e.HasIndex(o => o.DatabaseServer);
            e.HasIndex(o => o.TestCopyOfId).IsUnique();
        });
        builder.Entity<CatalogSetting>(e =>
        {
            e.ToTable("Settings");
            e.HasKey(s => s.Key);
            e.Property(s => s.Key).HasMaxLength(100);
            e.Property(s => s.Value).HasMaxLength(2000);
        });
        // Modules keep installation-wide tables here too (backup records, job leases) without editing the kernel.
        builder.ApplyConfigurationsFromAssembly(typeof(CatalogDbContext).Assembly,
            type => type.IsDefined(typeof(CatalogEntityAttribute), inherit: false));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        ProviderConventions(configurationBuilder);
    }

    /// <summary>Type mappings that differ per provider (SQLite cannot order DateTimeOffset).</summary>
    protected virtual void ProviderConventions(ModelConfigurationBuilder configurationBuilder)
    {
    }
}

/// <summary>Marks a module's entity configuration as part of the catalog database.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CatalogEntityAttribute : Attribute;

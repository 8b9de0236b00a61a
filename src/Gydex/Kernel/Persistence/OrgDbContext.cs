using Gydex.Kernel.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Kernel.Persistence;

/// <summary>
/// One organization's database. Its model is assembled from every <see cref="IEntityTypeConfiguration{T}"/>
/// in this assembly marked with <see cref="OrgEntityAttribute"/>, so a module adds its tables without
/// editing the kernel. Provider-specific subclasses exist only so each provider has its own migrations.
/// </summary>
public abstract class OrgDbContext(DbContextOptions options) : IdentityUserContext<GydexUser, Guid>(options)
{
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    /// <summary>
    /// The services of the scope (a request, a job) that rented this context from the pool. Interceptors are shared
    /// by every pooled context, so what belongs to a request — who acts, in which organization — they take from here.
    /// </summary>
    public IServiceProvider? Scope { get; internal set; }

    /// <summary>The access stamp was moved inside a transaction not yet committed (see <c>AccessStampInterceptor</c>).</summary>
    internal bool AccessStampMovedUncommitted { get; set; }

    public static IServiceProvider ScopeOf(DbContext context) =>
        (context as OrgDbContext)?.Scope ?? throw new InvalidOperationException("This organization context was not rented by a scope (OrgContexts.Rent).");

    /// <summary>
    /// A save whose journal head was moved meanwhile by another node is numbered again and retried; inside a
    /// caller's transaction EF's savepoint makes the retry clean. The move shows either as the head's failed
    /// condition or, when the batch inserts the records first, as a record number the other node has taken.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }
            catch (DbUpdateException conflict) when (attempt < 5 && IsJournalHeadMoved(conflict)
                && (Database.CurrentTransaction is null || Database.AutoSavepointsEnabled))
            {
                // The interceptor has forgotten the head and put the records back; the next attempt reads it afresh.
            }
        }
    }

    private static bool IsJournalHeadMoved(DbUpdateException conflict) => conflict switch
    {
        DbUpdateConcurrencyException concurrency => concurrency.Entries.All(e => e.Entity is EventLog.JournalHead),
        _ => conflict.InnerException switch
        {
            Npgsql.PostgresException pg => pg.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation && pg.ConstraintName == "PK_Journal",
            // SQLITE_CONSTRAINT_PRIMARYKEY names the table and column in its message.
            Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteExtendedErrorCode == 1555
                && sqlite.Message.Contains("Journal.Id", StringComparison.Ordinal),
            _ => false,
        },
    };

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<GydexUser>(e =>
        {
            e.ToTable("Users");
            e.Property(u => u.UserName).HasMaxLength(GydexUser.LoginMaxLength);
            e.Property(u => u.NormalizedUserName).HasMaxLength(GydexUser.LoginMaxLength);
            e.Property(u => u.DisplayName).HasMaxLength(GydexUser.DisplayNameMaxLength);
            e.Property(u => u.Language).HasMaxLength(8);
            e.HasIndex(u => u.NormalizedEmail);
        });
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("UserClaims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("UserLogins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("UserTokens");
        builder.Entity<ApiToken>(e =>
        {
            e.ToTable("ApiTokens");
            e.HasIndex(t => t.TokenHash).IsUnique();
            e.HasIndex(t => t.UserId);
            e.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(t => t.Name).HasMaxLength(ApiToken.NameMaxLength);
            e.Property(t => t.TokenHash).HasMaxLength(64);
            e.Property(t => t.Prefix).HasMaxLength(16);
            e.HasOne<GydexUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.ApplyConfigurationsFromAssembly(typeof(OrgDbContext).Assembly,
            type => type.IsDefined(typeof(OrgEntityAttribute), inherit: false));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        ProviderConventions(configurationBuilder);
    }

    protected virtual void ProviderConventions(ModelConfigurationBuilder configurationBuilder)
    {
    }
}

/// <summary>Marks a module's entity configuration as part of the organization database.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class OrgEntityAttribute : Attribute;

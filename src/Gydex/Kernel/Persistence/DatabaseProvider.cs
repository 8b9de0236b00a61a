using Gydex.Kernel.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gydex.Kernel.Persistence;

/// <summary>Where an organization's database is to live.</summary>
public sealed record OrgPlacement(string DatabaseServer, string DatabaseName);

/// <summary>
/// Everything that differs between SQLite and PostgreSQL, in one place: modules never branch on the provider.
/// </summary>
public abstract class DatabaseProvider
{
    public abstract StorageProvider Kind { get; }

    /// <summary>What a SELECT appends to lock the rows it reads until the transaction ends ("" where writers are serialized anyway).</summary>
    public virtual string ForUpdate => "";

    public abstract void ConfigureCatalog(DbContextOptionsBuilder builder);

    /// <summary>Chooses the server for a new organization: the configured one holding the fewest organizations.</summary>
    public abstract OrgPlacement Place(Guid orgId, IReadOnlyDictionary<string, int> orgsPerServer);

    /// <summary>Opens a context on the organization's database (creating nothing).</summary>
    public abstract OrgDbContext CreateOrgContext(Organization org, IEnumerable<IInterceptor> interceptors);

    /// <summary>A pool of organization contexts bound to no database yet (<see cref="Connect"/> binds one).</summary>
    public abstract Func<OrgDbContext> CreateOrgContextPool(IReadOnlyList<IInterceptor> interceptors);

    /// <summary>Points a pooled context, before its first use, at the organization's database.</summary>
    public abstract void Connect(OrgDbContext context, Organization org);

    /// <summary>Removes the organization's database; used to undo a provisioning that failed midway.</summary>
    public abstract Task DropOrgDatabaseAsync(Organization org, CancellationToken cancellationToken);

    /// <summary>Runs once after an organization's database is created and migrated.</summary>
    public virtual Task AfterCreatedAsync(OrgDbContext db, CancellationToken cancellationToken) => Task.CompletedTask;
}

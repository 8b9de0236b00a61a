using System.Collections.Concurrent;

namespace Gydex.Kernel.Organizations;

public enum OrgMigrationState
{
    Pending,
    Done,
    Failed,
}

/// <summary>This node's view of the start-up migrations: the readiness probe and the org resolver read it.</summary>
public sealed class MigrationStatus
{
    private readonly ConcurrentDictionary<Guid, OrgMigrationState> orgs = new();
    private volatile bool catalogReady;
    private volatile bool startupDone;

    public bool CatalogReady => catalogReady;

    /// <summary>The catalog and every organization that existed at start-up have been attempted.</summary>
    public bool StartupDone => startupDone;

    public void MarkCatalogReady() => catalogReady = true;

    public void MarkStartupDone() => startupDone = true;

    public void Set(Guid orgId, OrgMigrationState state) => orgs[orgId] = state;

    /// <summary>An organization this node did not migrate at start-up was created later, already migrated.</summary>
    public OrgMigrationState Get(Guid orgId) => orgs.GetValueOrDefault(orgId, OrgMigrationState.Done);
}

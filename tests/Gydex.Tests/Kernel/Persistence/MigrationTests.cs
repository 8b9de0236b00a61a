using System.Net;
using Gydex.Kernel.Identity;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Kernel.Persistence;

/// <summary>Start-ups over an installation that already exists: each test owns its installation.</summary>
public sealed class MigrationTests
{
    private static async Task<(List<string> Catalog, List<string> Org, int Orgs, int Users)> SnapshotAsync(GydexFactory factory, TestOrg org)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var catalogMigrations = (await catalog.Database.GetAppliedMigrationsAsync()).ToList();
        var orgs = await catalog.Organizations.CountAsync();
        var (orgMigrations, users) = await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            return ((await db.Database.GetAppliedMigrationsAsync()).ToList(), await db.Users.CountAsync());
        });
        return (catalogMigrations, orgMigrations, orgs, users);
    }

    [Fact]
    public async Task Catalog_and_organization_databases_are_built_from_nothing_and_a_second_start_changes_nothing()
    {
        var slot = InstallationSlot.New();
        TestOrg org;
        (List<string> Catalog, List<string> Org, int Orgs, int Users) first;
        await using (var factory = new GydexFactory(slot))
        {
            await factory.StartAsync();
            org = await factory.CreateOrgAsync();
            first = await SnapshotAsync(factory, org);
        }

        await using var restarted = new GydexFactory(slot);
        await restarted.StartAsync();
        var second = await SnapshotAsync(restarted, org);
        await using var scope = restarted.Services.CreateAsyncScope();
        var pending = await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Database.GetPendingMigrationsAsync();

        Assert.NotEmpty(first.Catalog);
        Assert.NotEmpty(first.Org);
        Assert.Empty(pending);
        Assert.Equal(first.Catalog, second.Catalog);
        Assert.Equal(first.Org, second.Org);
        Assert.Equal(first.Orgs, second.Orgs);
        Assert.Equal(first.Users, second.Users);
        var row = await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Organizations.SingleAsync(o => o.Id == org.Organization.Id);
        Assert.Equal(first.Org[^1], row.SchemaVersion);
        Assert.Null(row.MigrationError);
    }

    [Fact]
    public async Task One_organizations_failed_migration_does_not_stop_the_others_from_serving()
    {
        var slot = InstallationSlot.New();
        TestOrg broken, healthy;
        await using (var factory = new GydexFactory(slot))
        {
            await factory.StartAsync();
            broken = await factory.CreateOrgAsync();
            healthy = await factory.CreateOrgAsync();
            // Forget the history: the next start tries to create tables that exist, and fails.
            await factory.InOrgAsync(broken, async sp =>
                await sp.GetRequiredService<OrgDbContext>().Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsHistory\""));
        }

        await using var restarted = new GydexFactory(slot);
        await restarted.StartAsync();
        using var client = restarted.CreateClient();
        using var brokenPage = await client.GetAsync(new Uri($"/{broken.Slug}/login", UriKind.Relative));
        using var healthyPage = await client.GetAsync(new Uri($"/{healthy.Slug}/login", UriKind.Relative));
        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        await using var scope = restarted.Services.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Organizations.SingleAsync(o => o.Id == broken.Organization.Id);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, brokenPage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, healthyPage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.NotNull(row.MigrationError);
        Assert.Equal(OrgMigrationState.Failed, restarted.Services.GetRequiredService<MigrationStatus>().Get(broken.Organization.Id));
    }

    [Fact]
    public async Task A_new_organization_is_placed_and_the_placement_is_recorded()
    {
        var slot = InstallationSlot.New();
        await using var factory = new GydexFactory(slot);
        if (TestEnvironment.Provider == StorageProvider.Postgres)
        {
            // The same cluster under two names stands for two servers.
            var localhost = new Npgsql.NpgsqlConnectionStringBuilder(TestEnvironment.PostgresServer) { Host = "localhost" }.ConnectionString;
            factory.With("Storage:Postgres:Servers:1", localhost);
        }

        await factory.StartAsync();
        var orgs = new List<TestOrg>();
        for (var i = 0; i < 4; i++)
            orgs.Add(await factory.CreateOrgAsync());
        await using var scope = factory.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Organizations.AsNoTracking().ToListAsync();

        if (TestEnvironment.Provider == StorageProvider.Postgres)
        {
            Assert.Equal(2, rows.Count(r => r.DatabaseServer.StartsWith("127.0.0.1:", StringComparison.Ordinal)));
            Assert.Equal(2, rows.Count(r => r.DatabaseServer.StartsWith("localhost:", StringComparison.Ordinal)));
            Assert.All(rows, r => Assert.StartsWith(slot.PostgresPrefix, r.DatabaseName, StringComparison.Ordinal));
        }
        else
        {
            Assert.All(rows, r => Assert.Equal(SqliteDatabaseProvider.ServerKey, r.DatabaseServer));
            Assert.All(rows, r => Assert.True(File.Exists(Path.Combine(slot.DataPath, "orgs", r.DatabaseName)), r.DatabaseName));
        }

        // Each organization signs in against its own database.
        using var client = factory.CreateClient();
        foreach (var org in orgs)
            Assert.False(string.IsNullOrEmpty(await client.TokenAsync(org.Slug, org.AdminLogin, org.AdminPassword)));
    }

    [Fact]
    public void Placement_picks_the_server_with_fewest_organizations_then_the_first_listed()
    {
        var provider = new PostgresDatabaseProvider("Host=catalog", new PostgresStorageOptions
        {
            Servers = ["Host=pg1;Port=5432", "Host=pg2;Port=5433", "Host=pg3;Port=5432"],
        });
        var id = Guid.NewGuid();

        var empty = provider.Place(id, new Dictionary<string, int>());
        var uneven = provider.Place(id, new Dictionary<string, int> { ["pg1:5432"] = 3, ["pg2:5433"] = 1, ["pg3:5432"] = 2 });
        var tie = provider.Place(id, new Dictionary<string, int> { ["pg1:5432"] = 2, ["pg2:5433"] = 1, ["pg3:5432"] = 1 });

        Assert.Equal("pg1:5432", empty.DatabaseServer);
        Assert.Equal("pg2:5433", uneven.DatabaseServer);
        Assert.Equal("pg2:5433", tie.DatabaseServer);
        Assert.Equal("gydex_org_" + id.ToString("N"), empty.DatabaseName);
    }

    [Fact]
    public async Task A_provisioning_that_fails_midway_leaves_no_catalog_row_and_no_database()
    {
        await using var factory = new GydexFactory { TestServices = s => s.AddScoped<IOrganizationSeed, FailingSeed>() };
        await factory.StartAsync();
        var slug = "t" + Guid.NewGuid().ToString("N")[..10];
        await using var scope = factory.Services.CreateAsyncScope();

        await Assert.ThrowsAsync<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<OrganizationProvisioner>()
            .CreateAsync(new NewOrganization(slug, "Doomed", "UTC", "en", "admin", AdminPassword: TestOrganizations.Password), CancellationToken.None));

        Assert.False(await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Organizations.AnyAsync(o => o.Slug == slug));
        if (TestEnvironment.Provider == StorageProvider.Sqlite)
            Assert.Empty(Directory.GetFiles(Path.Combine(factory.Slot.DataPath, "orgs")));
        else
        {
            await using var connection = new Npgsql.NpgsqlConnection(TestEnvironment.PostgresServer);
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname LIKE @p", connection);
            command.Parameters.AddWithValue("p", factory.Slot.PostgresPrefix + "%");
            Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
        }
    }

    [Fact]
    public async Task An_organization_older_than_the_table_of_rights_gets_its_groups_at_start_up_once()
    {
        var slot = InstallationSlot.New();
        TestOrg org;
        await using (var factory = new GydexFactory(slot))
        {
            await factory.StartAsync();
            org = await factory.CreateOrgAsync();
            await factory.AddUserAsync(org, "later");
            // As before the Access migration: the tables exist, nothing is in them.
            await factory.InOrgAsync(org, async sp =>
            {
                var db = sp.GetRequiredService<OrgDbContext>();
                await db.Database.ExecuteSqlRawAsync("DELETE FROM \"GroupMembers\"");
                await db.Database.ExecuteSqlRawAsync("DELETE FROM \"GroupGrants\"");
                await db.Database.ExecuteSqlRawAsync("DELETE FROM \"Groups\"");
                return true;
            });
        }

        for (var start = 0; start < 2; start++)
        {
            await using var restarted = new GydexFactory(slot);
            await restarted.StartAsync();
            var (groups, administrators) = await restarted.InOrgAsync(org, async sp =>
            {
                var db = sp.GetRequiredService<OrgDbContext>();
                var members = await db.Set<Gydex.Kernel.Access.Group>().Where(g => g.Stereotype == Gydex.Kernel.Access.GroupStereotype.Administrators)
                    .SelectMany(g => g.Members).Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.UserName).ToListAsync();
                return (await db.Set<Gydex.Kernel.Access.Group>().CountAsync(), members);
            });

            Assert.Equal(4, groups);
            Assert.Equal([org.AdminLogin], administrators);
        }
    }

    private sealed class FailingSeed : IOrganizationSeed
    {
        public Task SeedAsync(IServiceProvider orgServices, Organization organization, GydexUser administrator, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("seed failed");
    }
}

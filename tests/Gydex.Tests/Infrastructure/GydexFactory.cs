using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Gydex.Tests.Infrastructure;

/// <summary>
/// The real application on the provider under test, with its own data folder and catalog, so factories never
/// share state. Tests open a fresh organization each (<see cref="TestOrganizations"/>) rather than resetting.
/// </summary>
public class GydexFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings = new(StringComparer.Ordinal);

    public GydexFactory()
        : this(InstallationSlot.New())
    {
    }

    /// <summary>A factory over an existing installation: the same data folder and catalog (a restart).</summary>
    public GydexFactory(InstallationSlot slot)
    {
        Slot = slot;
        settings["Storage:Provider"] = TestEnvironment.Provider.ToString();
        settings["Storage:DataPath"] = slot.DataPath;
        settings["Demo:Enabled"] = "false";
        // Scheduled jobs (backups at fixed hours) would run in whichever test crosses the hour; tests that need them turn them on.
        settings["Jobs:Enabled"] = "false";
        // One node: no other node's cached copy of an organization to wait out before a restore replaces it.
        settings["Backups:RestoreDrainSeconds"] = "0";
        if (TestEnvironment.Provider == StorageProvider.Postgres)
        {
            settings["ConnectionStrings:Catalog"] = slot.PostgresCatalog;
            settings["Storage:Postgres:Servers:0"] = TestEnvironment.PostgresServer;
            settings["Storage:Postgres:DatabasePrefix"] = slot.PostgresPrefix;
        }
    }

    public InstallationSlot Slot { get; }

    public ManualClock Clock { get; } = new();

    /// <summary>Sets a configuration key before the host starts.</summary>
    public GydexFactory With(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    /// <summary>Changes to services for one test (applied after the app's own registrations).</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Production");
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            TestServices?.Invoke(services);
        });
    }

    /// <summary>Starts the host and waits until start-up migrations are done (what /health/ready reports).</summary>
    public async Task<GydexFactory> StartAsync()
    {
        using var client = CreateClient();
        var status = Services.GetRequiredService<MigrationStatus>();
        for (var i = 0; i < 600 && !status.StartupDone; i++)
            await Task.Delay(50);
        if (!status.StartupDone)
            throw new TimeoutException("Start-up migrations did not finish.");
        return this;
    }

    /// <summary>A client that keeps cookies and shows redirects, asking for English where nothing else decides.</summary>
    public HttpClient Browser()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>Where one test installation keeps its data: a temp folder and, on PostgreSQL, its own catalog and database prefix.</summary>
public sealed class InstallationSlot
{
    private InstallationSlot(string id)
    {
        Id = id;
        DataPath = Path.Combine(Path.GetTempPath(), "gydex-tests", id);
        PostgresPrefix = $"gx_{id}_o_";
        if (TestEnvironment.Provider == StorageProvider.Postgres)
        {
            PostgresCatalog = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresServer) { Database = $"gx_{id}_catalog" }.ConnectionString;
        }
    }

    public string Id { get; }

    public string DataPath { get; }

    public string PostgresPrefix { get; }

    public string? PostgresCatalog { get; }

    public static InstallationSlot New() => new(Guid.NewGuid().ToString("N")[..12]);
}

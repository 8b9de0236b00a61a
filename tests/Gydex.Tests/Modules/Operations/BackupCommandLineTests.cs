using System.Diagnostics;
using System.Text.RegularExpressions;
using Gydex.Kernel.Persistence;
using Gydex.Tests.Infrastructure;

namespace Gydex.Tests.Modules.Operations;

/// <summary><c>backup create|list|restore|test-copy</c>, run as a real process of the application.</summary>
public sealed partial class BackupCommandLineTests
{
    private readonly InstallationSlot slot = InstallationSlot.New();

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Gydex.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["Storage__Provider"] = TestEnvironment.Provider.ToString();
        start.Environment["Storage__DataPath"] = slot.DataPath;
        start.Environment["Demo__Enabled"] = "false";
        if (TestEnvironment.Provider == StorageProvider.Postgres)
        {
            start.Environment["ConnectionStrings__Catalog"] = slot.PostgresCatalog;
            start.Environment["Storage__Postgres__Servers__0"] = TestEnvironment.PostgresServer;
            start.Environment["Storage__Postgres__DatabasePrefix"] = slot.PostgresPrefix;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    [GeneratedRegex("Backup ([0-9]{8}T[0-9]{6}Z-[0-9a-f]{7}) taken and verified")]
    private static partial Regex Taken();

    [Fact]
    public async Task Backup_create_exits_0_once_verified_list_shows_it_and_restore_makes_a_new_org_or_asks_for_confirmation()
    {
        var slug = "bk-" + slot.Id[..6];
        var created = await RunAsync("org", "create", slug, "--name", "Backed up", "--admin", "boss");
        Assert.True(created.ExitCode == 0, created.Error);

        var backup = await RunAsync("backup", "create", slug);
        Assert.True(backup.ExitCode == 0, backup.Error + backup.Output);
        var id = Taken().Match(backup.Output).Groups[1].Value;
        Assert.NotEmpty(id);

        var list = await RunAsync("backup", "list", slug);
        Assert.Equal(0, list.ExitCode);
        Assert.Matches($"{id} +[0-9-]+ [0-9:]+ +Complete +Passed", list.Output);

        var unconfirmed = await RunAsync("backup", "restore", slug, id);
        Assert.Equal(2, unconfirmed.ExitCode);
        Assert.Contains("--yes", unconfirmed.Error, StringComparison.Ordinal);

        var copy = "cp-" + slot.Id[..6];
        var restored = await RunAsync("backup", "restore", slug, id, "--into", copy);
        Assert.True(restored.ExitCode == 0, restored.Error);
        var orgs = await RunAsync("org", "list");
        Assert.Contains(copy, orgs.Output, StringComparison.Ordinal);

        var itself = await RunAsync("backup", "restore", slug, id, "--yes");
        Assert.True(itself.ExitCode == 0, itself.Error);
        Assert.Matches("The state before the restore: backup [0-9T]+Z-[0-9a-f]+ \\(Passed\\)", itself.Output);

        var testCopy = await RunAsync("backup", "test-copy", slug);
        Assert.True(testCopy.ExitCode == 0, testCopy.Error);
        Assert.Contains($"/{slug}-test", testCopy.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_commands_refuse_an_unknown_org_and_a_malformed_backup_id()
    {
        var slug = "bk-" + slot.Id[..6];
        Assert.True((await RunAsync("org", "create", slug, "--name", "X", "--admin", "boss")).ExitCode == 0);

        var unknown = await RunAsync("backup", "create", "nobody-here");
        var traversal = await RunAsync("backup", "restore", slug, "../../etc", "--into", "elsewhere");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("No organization 'nobody-here'", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(1, traversal.ExitCode);
        Assert.Contains("not a backup id", traversal.Error, StringComparison.Ordinal);
    }
}

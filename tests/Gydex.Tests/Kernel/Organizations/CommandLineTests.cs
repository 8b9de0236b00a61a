using System.Diagnostics;
using Gydex.Kernel.Persistence;
using Gydex.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Kernel.Organizations;

/// <summary>The README's commands, run as a real process of the application against a fresh installation.</summary>
public sealed class CommandLineTests
{
    private readonly InstallationSlot slot = InstallationSlot.New();

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => RunInAsync(null, args);

    /// <summary>Runs the application's command line; <paramref name="shellDirectory"/> stands for the shell's $PWD.</summary>
    private async Task<(int ExitCode, string Output, string Error)> RunInAsync(string? shellDirectory, params string[] args)
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
        if (shellDirectory is not null)
            start.Environment["PWD"] = shellDirectory;
        if (TestEnvironment.Provider == StorageProvider.Postgres)
        {
            start.Environment["ConnectionStrings__Catalog"] = slot.PostgresCatalog;
            start.Environment["Storage__Postgres__Servers__0"] = TestEnvironment.PostgresServer;
            start.Environment["Storage__Postgres__DatabasePrefix"] = slot.PostgresPrefix;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task Org_create_prints_a_one_time_password_that_signs_in_and_org_list_shows_it()
    {
        var slug = "cli-" + slot.Id[..6];

        var created = await RunAsync("org", "create", slug, "--name", "Рога и копыта", "--admin", "boss");
        var listed = await RunAsync("org", "list");
        var suspended = await RunAsync("org", "suspend", slug);
        var listedAfter = await RunAsync("org", "list");

        Assert.True(created.ExitCode == 0, created.Error);
        Assert.Matches("one-time password: [A-Za-z0-9]{16}", created.Output);
        Assert.Contains(slug, listed.Output, StringComparison.Ordinal);
        Assert.Contains("Рога и копыта", listed.Output, StringComparison.Ordinal);
        Assert.Equal(0, suspended.ExitCode);
        Assert.Contains("Suspended", listedAfter.Output, StringComparison.Ordinal);

        var password = System.Text.RegularExpressions.Regex.Match(created.Output, "one-time password: (\\S+)").Groups[1].Value;
        var resumed = await RunAsync("org", "resume", slug);
        Assert.Equal(0, resumed.ExitCode);
        await using var factory = new GydexFactory(slot);
        await factory.StartAsync();
        // The one-time password signs in, and leads straight to choosing one's own.
        using var browser = factory.Browser();
        using var signIn = await browser.SignInAsync(slug, "boss", password);
        using var home = await browser.GetAsync(new Uri($"/{slug}/", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal($"/{slug}/profile/password", home.Location());
    }

    [Fact]
    public async Task Journal_verify_exits_0_on_an_intact_chain_and_1_naming_the_record_changed_in_the_database()
    {
        var slug = "jv-" + slot.Id[..6];
        Assert.Equal(0, (await RunAsync("org", "create", slug, "--name", "Journal", "--admin", "boss")).ExitCode);

        var intact = await RunAsync("journal", "verify", slug);
        Assert.True(intact.ExitCode == 0, intact.Error);
        Assert.Matches("Intact: [1-9][0-9]* records", intact.Output);

        await using (var factory = new GydexFactory(slot))
        {
            await factory.StartAsync();
            var org = await factory.Services.GetRequiredService<Gydex.Kernel.Organizations.OrganizationDirectory>().FindBySlugAsync(slug, CancellationToken.None);
            await factory.InOrgAsync(new TestOrg(org!, "boss", ""), async sp =>
            {
                await Gydex.Tests.Kernel.EventLog.JournalTampering.AlterCommentAsync(sp.GetRequiredService<OrgDbContext>(), 2, "forged");
                return true;
            });
        }

        var broken = await RunAsync("journal", "verify", slug);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("BROKEN at record 2:", broken.Error, StringComparison.Ordinal);
        Assert.Equal(2, (await RunAsync("journal", "verify", "no-such-org")).ExitCode);
    }

    [Fact]
    public async Task Org_create_with_a_malformed_slug_fails_and_creates_nothing()
    {
        var created = await RunAsync("org", "create", "Not A Slug", "--name", "X", "--admin", "boss");
        var listed = await RunAsync("org", "list");

        Assert.Equal(2, created.ExitCode);
        Assert.Contains("Slug:", created.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Not A Slug", listed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operator_create_prints_a_password()
    {
        var created = await RunAsync("operator", "create", "support1");

        Assert.True(created.ExitCode == 0, created.Error);
        Assert.Matches("Operator 'support1' created. Password: [A-Za-z0-9]{16}", created.Output);
    }

    [Fact]
    public async Task Commerceml_inspect_reads_a_real_1C_file_given_relative_to_the_shell_directory()
    {
        var samples = Path.GetFullPath(Path.Combine(TestEnvironment.RepositoryRoot, "..", "shared", "commerceml", "samples"));
        if (!Directory.Exists(samples))
            Assert.Skip($"{samples} is absent: the real 1C files are not beside this clone.");

        var result = await RunInAsync(Path.GetDirectoryName(samples), "commerceml", "inspect", "samples/carono-yii2-1c-exchange--to.xml");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("schema version: 2.03", result.Output, StringComparison.Ordinal);
        Assert.Contains("encoding: windows-1251", result.Output, StringComparison.Ordinal);
        Assert.Contains("documents: 1", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commerceml_inspect_refuses_a_3x_file_naming_its_version_and_exits_non_zero()
    {
        var file = Path.Combine(Path.GetTempPath(), $"gydex-3x-{slot.Id}.xml");
        await File.WriteAllTextAsync(file, """<?xml version="1.0" encoding="UTF-8"?><КоммерческаяИнформация ВерсияСхемы="3.1" ДатаФормирования="2026-01-01T00:00:00"><Каталог/></КоммерческаяИнформация>""");
        try
        {
            var result = await RunAsync("commerceml", "inspect", file);

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("3.1", result.Output + result.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

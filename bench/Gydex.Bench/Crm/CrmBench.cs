using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Gydex.Bench.Journal;
using Gydex.Kernel.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;
using static Gydex.Bench.Journal.JournalBench;

namespace Gydex.Bench.Crm;

/// <summary>
/// The CRM load bench (<c>crm …</c>): an organization of 1,000,000 contacts, 200,000 counterparties and 300,000
/// deals; the real application (a child process, Release build, PostgreSQL) serving its contacts list to a signed-in
/// manager under wrk, side by side with a bare Kestrel + Npgsql page rendering the same 50 rows; page 1000 against
/// page 1; three-letter searches at the 99th percentile.
/// </summary>
internal static partial class CrmBench
{
    private const string Slug = "crmbench";
    private const string Password = "Bench-password-2026";

    public static async Task<int> RunAsync(string[] args)
    {
        string? postgres = null;
        int contacts = 1_000_000, counterparties = 200_000, deals = 300_000, seconds = 20, connections = 16, rounds = 2, farPage = 1000;
        var reuse = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--postgres": postgres = args[++i]; break;
                case "--contacts": contacts = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--counterparties": counterparties = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--deals": deals = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seconds": seconds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--connections": connections = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--rounds": rounds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--page": farPage = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--reuse": reuse = true; break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }

        if (postgres is null)
        {
            Console.Error.WriteLine("crm --postgres \"Host=…;Port=…;Username=…\" [--contacts N --counterparties N --deals N --seconds S --connections C --rounds R --page P --reuse]");
            return 2;
        }

        Line($"gydex crm bench {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        var server = new NpgsqlConnectionStringBuilder(postgres) { Pooling = true }.ConnectionString;
        var catalog = "gydex_crmbench_catalog";
        if (!reuse)
        {
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{catalog}\" WITH (FORCE)");
            await DropOrgDatabasesAsync(server);
        }

        var environment = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Postgres",
            ["ConnectionStrings__Catalog"] = new NpgsqlConnectionStringBuilder(server) { Database = catalog }.ConnectionString,
            ["Storage__Postgres__Servers__0"] = server,
            ["Storage__Postgres__DatabasePrefix"] = "gydex_crmbench_org_",
            ["Demo__Enabled"] = "false",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };

        await using var host = BenchHost.Create(StorageProvider.Postgres, server, Path.Combine(Path.GetTempPath(), "gydex-crm-bench"), catalog);
        var org = reuse ? await host.FindOrgAsync(Slug) : null;
        CrmStaff? staff = null;
        if (org is null)
        {
            Header($"Generating {counterparties:N0} counterparties, {contacts:N0} contacts, {deals:N0} deals");
            var created = await RunGydexAsync(environment, ["org", "create", Slug, "--name", "ООО «Бенчмарк»", "--admin", "admin"]);
            if (created.ExitCode != 0)
                throw new InvalidOperationException("org create failed: " + created.Output);
            org = await host.FindOrgAsync(Slug) ?? throw new InvalidOperationException("the organization is not in the catalog");
            staff = await CrmGenerator.StaffAsync(host, org, Password);
            await CrmGenerator.FillAsync(host, org, staff, counterparties, contacts, deals);
        }

        var port = FreePort();
        using var app = StartGydex(environment, port);
        var baseUrl = $"http://127.0.0.1:{port}";
        await WaitReadyAsync(baseUrl);
        var cookie = await SignInAsync(baseUrl, "bench-manager", Password);

        await using var bareData = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server) { Database = org.DatabaseName, MaxPoolSize = 50 }.ConnectionString);
        var barePort = FreePort();
        await using var bare = await BareListServer.StartAsync(bareData, barePort);

        // Which rows the manager sees: the page must match the bare page's rows exactly, filter and order alike.
        var appPage1 = await GetAsync($"{baseUrl}/{Slug}/customers/contacts", cookie);
        var appCodes = Codes(appPage1);
        var scope = await BareListServer.MatchScopeAsync(bareData, org, appCodes);
        Line($"the manager's contacts list shows {appCodes.Count} rows; the bare page renders them with {scope.Description}");
        var cursor = await BareListServer.CursorOfPageAsync(bareData, scope, page: farPage);
        var appPage1000 = await GetAsync($"{baseUrl}/{Slug}/customers/contacts?cursor={cursor}", cookie);
        var barePage1000 = await GetAsync($"http://127.0.0.1:{barePort}/contacts?scope={scope.Key}&cursor={cursor}", null);
        if (!Codes(appPage1000).SequenceEqual(Codes(barePage1000)) || Codes(appPage1000).Count != 50)
            throw new InvalidOperationException($"page {farPage} of the application and of the bare page differ");

        Header($"Contacts list, wrk -t2 -c{connections} -d{seconds}s, {rounds} rounds alternated");
        var runs = new List<(string Name, string Url, string? Cookie)>
        {
            ("bare Kestrel + Npgsql, page 1 (baseline)", $"http://127.0.0.1:{barePort}/contacts?scope={scope.Key}", null),
            ("Gydex contacts list, page 1", $"{baseUrl}/{Slug}/customers/contacts", cookie),
            ($"bare Kestrel + Npgsql, page {farPage}", $"http://127.0.0.1:{barePort}/contacts?scope={scope.Key}&cursor={cursor}", null),
            ($"Gydex contacts list, page {farPage}", $"{baseUrl}/{Slug}/customers/contacts?cursor={cursor}", cookie),
        };
        var results = runs.ToDictionary(r => r.Name, _ => new List<WrkResult>());
        // A browser is sent a renewed session cookie once a minute (the security stamp check) and uses it from
        // then on; wrk repeats one cookie, so each Gydex run starts from a fresh sign-in, as a browser would be.
        async Task<string?> FreshAsync(string? cookie) => cookie is null ? null : await SignInAsync(baseUrl, "bench-manager", Password);
        // Warm-up of both servers: .NET compiles hot methods again, optimized from what it saw, over the first
        // tens of seconds under load; five seconds left the first round a fifth slower than the second.
        await WrkAsync(runs[0].Url, runs[0].Cookie, 2, connections, 20);
        await WrkAsync(runs[1].Url, await FreshAsync(runs[1].Cookie), 2, connections, 20);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var run in round % 2 == 0 ? runs : Enumerable.Reverse(runs).ToList())
            {
                var result = await WrkAsync(run.Url, await FreshAsync(run.Cookie), 2, connections, seconds);
                results[run.Name].Add(result);
                Line($"  round {round + 1}: {run.Name}: {result.RequestsPerSecond:F0} req/s, p50 {result.P50:F1} ms, p99 {result.P99:F1} ms, non-2xx {result.Errors}");
            }
        }

        double Best(string name) => results[name].Max(r => r.RequestsPerSecond);
        Console.WriteLine();
        Console.WriteLine("| page | req/s (best of rounds) | ratio |");
        Console.WriteLine("|---|---|---|");
        foreach (var run in runs)
            Line($"| {run.Name} | {Best(run.Name):F0} | {Best(run.Name) / Best(runs[0].Name):P0} of the bare page 1 |");
        Line($"Gydex / bare, page 1: {Best(runs[1].Name) / Best(runs[0].Name):P0} (target ≥ 50 %); Gydex page {farPage} costs {Best(runs[1].Name) / Best(runs[3].Name):F2}× page 1 (target ≤ 1.5)");

        Header("Global search, three letters, wrk -t1 -c2, rotating queries");
        await WrkAsync($"{baseUrl}/{Slug}/search", await FreshAsync(cookie), 1, 2, 10, SearchScript()); // warm-up
        var search = await WrkAsync($"{baseUrl}/{Slug}/search", await FreshAsync(cookie), 1, 2, seconds, SearchScript());
        Line($"  {search.RequestsPerSecond:F0} req/s, p50 {search.P50:F1} ms, p90 {search.P90:F1} ms, p99 {search.P99:F1} ms (target p99 ≤ 100 ms), non-2xx {search.Errors}");
        return 0;
    }

    private static List<string> Codes(string html) => CodePattern().Matches(html).Select(m => m.Value).Distinct().ToList();

    [GeneratedRegex(@"CT-\d{6,}")]
    private static partial Regex CodePattern();

    /// <summary>Rotates over three-letter beginnings of common surnames, names and companies.</summary>
    private static string SearchScript()
    {
        var path = Path.Combine(Path.GetTempPath(), "gydex-crm-search.lua");
        var words = new[] { "Ива", "Сми", "Куз", "Поп", "Вас", "Пет", "Сок", "Мих", "Нов", "Мор", "Вол", "Але", "Леб", "Сем", "Его", "Пав", "Коз", "Сте", "Сев", "Аль", "Гор", "Мер", "Тех", "Агр" };
        File.WriteAllText(path, "local words = {" + string.Join(", ", words.Select(w => "\"" + Uri.EscapeDataString(w) + "\"")) + "}\n" +
            "local i = 0\nrequest = function()\n  i = i + 1\n  return wrk.format(\"GET\", wrk.path .. \"?q=\" .. words[(i % #words) + 1])\nend\n");
        return path;
    }

    private sealed record WrkResult(double RequestsPerSecond, double P50, double P90, double P99, int Errors);

    private static async Task<WrkResult> WrkAsync(string url, string? cookie, int threads, int connections, int seconds, string? script = null)
    {
        var arguments = new List<string> { "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency", "--timeout", "10s" };
        if (cookie is not null)
            arguments.AddRange(["-H", "Cookie: " + cookie]);
        if (script is not null)
            arguments.AddRange(["-s", script]);
        arguments.Add(url);
        var start = new ProcessStartInfo("wrk") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var (exit, output) = await RunAsync(start);
        if (exit != 0)
            throw new InvalidOperationException("wrk failed: " + output);
        double Number(string pattern) => double.Parse(Regex.Match(output, pattern).Groups[1].Value, CultureInfo.InvariantCulture);
        double Latency(string percentile)
        {
            var m = Regex.Match(output, @"\s" + percentile + @"%\s+([\d.]+)(us|ms|s)");
            var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            return m.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
        }

        var errors = Regex.Match(output, @"Non-2xx or 3xx responses: (\d+)") is { Success: true } e ? int.Parse(e.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return new WrkResult(Number(@"Requests/sec:\s+([\d.]+)"), Latency("50"), Latency("90"), Latency("99"), errors);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gydex.slnx")))
                return dir.FullName;
        }

        throw new InvalidOperationException("run the bench from the repository (Gydex.slnx not found above it)");
    }

    /// <summary>The application as built in Release beside the bench (the bench's build builds it).</summary>
    private static ProcessStartInfo GydexStart(IReadOnlyDictionary<string, string> environment, IEnumerable<string> arguments)
    {
        var project = Path.Combine(RepositoryRoot(), "src", "Gydex");
        var dll = Path.Combine(project, "bin", "Release", "net10.0", "Gydex.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"{dll} is missing: dotnet build -c Release bench/Gydex.Bench");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = project, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        return start;
    }

    private static Task<(int ExitCode, string Output)> RunGydexAsync(IReadOnlyDictionary<string, string> environment, IEnumerable<string> arguments) =>
        RunAsync(GydexStart(environment, arguments));

    private static GydexProcess StartGydex(IReadOnlyDictionary<string, string> environment, int port)
    {
        var process = Process.Start(GydexStart(environment, ["--urls", $"http://127.0.0.1:{port}"])) ?? throw new InvalidOperationException("Gydex did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                Console.Error.WriteLine("gydex: " + e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new GydexProcess(process);
    }

    /// <summary>The application under load; stopped with the bench.</summary>
    private sealed class GydexProcess(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            process.WaitForExit();
            process.Dispose();
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException(start.FileName + " did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    private static async Task WaitReadyAsync(string baseUrl)
    {
        using var http = new HttpClient();
        for (var i = 0; i < 240; i++)
        {
            try
            {
                if ((await http.GetAsync(baseUrl + "/health/ready")).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(500);
        }

        throw new InvalidOperationException("Gydex did not become ready in 2 minutes");
    }

    /// <summary>Signs in through the real form and returns the cookies a browser would send.</summary>
    private static async Task<string> SignInAsync(string baseUrl, string login, string password)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
        var form = await http.GetStringAsync($"/{Slug}/login");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var response = await http.PostAsync($"/{Slug}/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Login"] = login,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"sign-in answered {(int)response.StatusCode}");
        return cookies.GetCookieHeader(new Uri($"{baseUrl}/{Slug}/customers/contacts"));
    }

    private static async Task<string> GetAsync(string url, string? cookie)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (cookie is not null)
            request.Headers.Add("Cookie", cookie);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}");
        return body;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task DropOrgDatabasesAsync(string server)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        var names = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE 'gydex_crmbench_org_%'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                names.Add(reader.GetString(0));
        }

        foreach (var name in names)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using Gydex.Kernel.Persistence;
using Npgsql;
using NpgsqlTypes;
using static Gydex.Bench.Journal.JournalBench;

namespace Gydex.Bench.Crm;

/// <summary>
/// The import bench (<c>crm-import …</c>): a CSV file of 100,000 contacts (<see cref="RussianData"/>) uploaded through
/// the real form by a signed-in manager of the application running as a child process (Release, PostgreSQL), mapped,
/// started and run to its end; rows per second from the start to <c>Done</c>, and the application process's peak
/// memory (<c>VmHWM</c> of <c>/proc/&lt;pid&gt;/status</c> before and after, and the GC heap's largest size from
/// dotnet-counters when it is installed). The baseline, in the same run: a child process reading the same file with
/// bare CsvHelper and writing it by Npgsql binary COPY into a table of its own — the floor of any import.
/// </summary>
internal static partial class CrmBench
{
    private const string ImportCatalog = "gydex_crmimport_catalog";
    private const string ImportOrgPrefix = "gydex_crmimport_org_";
    private const string BareDatabase = "gydex_crmimport_bare";

    private static readonly string[] ImportColumns = ["surname", "name", "patronymic", "position", "phones", "emails", "birthday", "consentDate", "consentPurpose", "consentMethod", "tags"];

    public static async Task<int> RunImportAsync(string[] args)
    {
        string? postgres = null;
        var rows = 100_000;
        var duplicates = "Skip";
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--postgres": postgres = args[++i]; break;
                case "--rows": rows = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--duplicates": duplicates = args[++i]; break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }

        if (postgres is null)
        {
            Console.Error.WriteLine("crm-import --postgres \"Host=…;Port=…;Username=…\" [--rows N --duplicates Skip|Update|Create]");
            return 2;
        }

        Line($"gydex import bench {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        var server = new NpgsqlConnectionStringBuilder(postgres) { Pooling = true }.ConnectionString;
        // Only the bench's own databases are dropped.
        await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{ImportCatalog}\" WITH (FORCE)");
        await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{BareDatabase}\" WITH (FORCE)");
        await DropDatabasesLikeAsync(server, ImportOrgPrefix);

        var file = Path.Combine(Path.GetTempPath(), $"gydex-import-{rows}.csv");
        var bytes = WriteContactsFile(file, rows);
        Line($"the file: {rows:N0} contacts, {bytes / 1048576.0:F1} MB, UTF-8, ';' separated, columns {string.Join(", ", ImportColumns)}");

        // The baseline first, in a process of its own so that its peak memory is its own.
        Header("Baseline: bare CsvHelper read + Npgsql binary COPY, a child process");
        await ExecuteAsync(server, $"CREATE DATABASE \"{BareDatabase}\"");
        var baseline = ProcessStart("dotnet", [typeof(CrmBench).Assembly.Location, "crm-import-baseline", file, new NpgsqlConnectionStringBuilder(server) { Database = BareDatabase }.ConnectionString]);
        var (exit, output) = await RunAsync(baseline);
        if (exit != 0)
            throw new InvalidOperationException("the baseline failed: " + output);
        Console.Write(output);
        var bareSeconds = double.Parse(Regex.Match(output, @"in ([\d.]+) s").Groups[1].Value, CultureInfo.InvariantCulture);
        var bareHwm = long.Parse(Regex.Match(output, @"VmHWM (\d+) kB").Groups[1].Value, CultureInfo.InvariantCulture);

        var environment = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Postgres",
            ["ConnectionStrings__Catalog"] = new NpgsqlConnectionStringBuilder(server) { Database = ImportCatalog }.ConnectionString,
            ["Storage__Postgres__Servers__0"] = server,
            ["Storage__Postgres__DatabasePrefix"] = ImportOrgPrefix,
            ["Storage__DataPath"] = Path.Combine(Path.GetTempPath(), "gydex-import-bench-data"),
            ["Demo__Enabled"] = "false",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
        };

        Header("Gydex: upload through the form, map, start, wait for Done");
        await using var host = Journal.BenchHost.Create(StorageProvider.Postgres, server, Path.Combine(Path.GetTempPath(), "gydex-import-bench"), ImportCatalog);
        var created = await RunGydexAsync(environment, ["org", "create", Slug, "--name", "ООО «Импорт»", "--admin", "admin"]);
        if (created.ExitCode != 0)
            throw new InvalidOperationException("org create failed: " + created.Output);
        var org = await host.FindOrgAsync(Slug) ?? throw new InvalidOperationException("the organization is not in the catalog");
        var staff = await CrmGenerator.StaffAsync(host, org, Password);

        var port = FreePort();
        using var app = Process.Start(GydexStart(environment, ["--urls", $"http://127.0.0.1:{port}"])) ?? throw new InvalidOperationException("Gydex did not start");
        app.OutputDataReceived += (_, _) => { };
        app.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                Console.Error.WriteLine("gydex: " + e.Data);
        };
        app.BeginOutputReadLine();
        app.BeginErrorReadLine();
        try
        {
            var baseUrl = $"http://127.0.0.1:{port}";
            await WaitReadyAsync(baseUrl);
            var cookie = await SignInAsync(baseUrl, staff.ManagerLogin, Password);
            var page = $"{baseUrl}/{Slug}/customers/contacts/import";
            // Warm: the import page and the contacts list once, so "before" is a serving process, not a cold one.
            await GetAsync(page, cookie);
            await GetAsync($"{baseUrl}/{Slug}/customers/contacts", cookie);
            var before = Status(app.Id);
            Line($"the application (pid {app.Id}) before: VmRSS {before.Rss / 1024} MB, VmHWM {before.Hwm / 1024} MB");

            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromMinutes(10) };
            var clock = Stopwatch.StartNew();
            var token = Token(await GetAsync(page, cookie));
            using var form = new MultipartFormDataContent();
            form.Add(new StringContent(token), "__RequestVerificationToken");
            var content = new StreamContent(File.OpenRead(file));
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(content, "file", "contacts.csv");
            using var upload = new HttpRequestMessage(HttpMethod.Post, page + "?handler=Upload") { Content = form };
            upload.Headers.Add("Cookie", cookie);
            using var uploaded = await http.SendAsync(upload);
            if (uploaded.StatusCode != HttpStatusCode.Redirect)
                throw new InvalidOperationException($"the upload answered {(int)uploaded.StatusCode}: {await uploaded.Content.ReadAsStringAsync()}");
            var mappingUrl = baseUrl + uploaded.Headers.Location!.OriginalString;
            var id = Guid.Parse(mappingUrl[(mappingUrl.IndexOf("id=", StringComparison.Ordinal) + 3)..]);
            var uploadSeconds = clock.Elapsed.TotalSeconds;

            // The mapping as the page guessed it (the columns are named as the fields), posted as the form would.
            var mapping = await GetAsync(mappingUrl, cookie);
            var fields = new List<KeyValuePair<string, string>>();
            foreach (Match select in Regex.Matches(mapping, "<select id=\"map-[^\"]+\" name=\"(map\\.[^\"]+)\">(.*?)</select>", RegexOptions.Singleline))
            {
                var chosen = Regex.Match(select.Groups[2].Value, "<option value=\"(-?\\d+)\" selected=\"selected\"");
                fields.Add(new(WebUtility.HtmlDecode(select.Groups[1].Value), chosen.Success ? chosen.Groups[1].Value : "-1"));
            }

            var mapped = fields.Count(f => f.Value != "-1");
            if (mapped != ImportColumns.Length)
                throw new InvalidOperationException($"the page mapped {mapped} of {ImportColumns.Length} columns");
            fields.Add(new("duplicates", duplicates));
            fields.Add(new("encoding", "Auto"));
            fields.Add(new("__RequestVerificationToken", Token(mapping)));
            using var start = new HttpRequestMessage(HttpMethod.Post, $"{page}?handler=Start&id={id}") { Content = new FormUrlEncodedContent(fields) };
            start.Headers.Add("Cookie", cookie);
            clock.Restart();
            using (var started = await http.SendAsync(start))
            {
                if (started.StatusCode != HttpStatusCode.Redirect)
                    throw new InvalidOperationException($"the start answered {(int)started.StatusCode}");
            }

            using var counters = StartCounters(app.Id);
            await using var orgData = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server) { Database = org.DatabaseName }.ConnectionString);
            long peakRss = 0;
            string status;
            int processed, created2, rejected;
            var lastReport = 0.0;
            while (true)
            {
                await using (var command = orgData.CreateCommand("SELECT \"Status\", \"Processed\", \"Created\", \"Rejected\", \"Error\" FROM \"CustomerImports\" WHERE \"Id\" = $1"))
                {
                    command.Parameters.AddWithValue(id);
                    await using var reader = await command.ExecuteReaderAsync();
                    await reader.ReadAsync();
                    (status, processed, created2, rejected) = (reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3));
                    if (status == "Failed")
                        throw new InvalidOperationException("the import failed: " + (reader.IsDBNull(4) ? "" : reader.GetString(4)));
                }

                peakRss = Math.Max(peakRss, Status(app.Id).Rss);
                if (status == "Done")
                    break;
                if (clock.Elapsed.TotalSeconds - lastReport >= 30)
                {
                    lastReport = clock.Elapsed.TotalSeconds;
                    Line($"  {clock.Elapsed.TotalSeconds:F0} s: {processed:N0} rows, {processed / clock.Elapsed.TotalSeconds:F0} rows/s, VmRSS {Status(app.Id).Rss / 1024} MB");
                }

                await Task.Delay(250);
            }

            var seconds = clock.Elapsed.TotalSeconds;
            var after = Status(app.Id);
            var heap = counters?.Stop();
            Line($"Done: {created2:N0} created, {rejected:N0} rejected, {processed:N0} rows in {seconds:F1} s (upload {uploadSeconds:F1} s before)");
            Line($"the application after: VmRSS {after.Rss / 1024} MB, VmHWM {after.Hwm / 1024} MB (largest VmRSS sampled while importing {peakRss / 1024} MB)");
            if (heap is { } h)
                Line($"GC heap (dotnet-counters, once a second): largest {h.Heap:F0} MB after a collection, committed at most {h.Committed:F0} MB");

            Console.WriteLine();
            Console.WriteLine("| import of the file | rows/s | time | peak memory of the process (VmHWM) |");
            Console.WriteLine("|---|---|---|---|");
            Line($"| bare CsvHelper + binary COPY (baseline) | {rows / bareSeconds:F0} | {bareSeconds:F1} s | {bareHwm / 1024} MB |");
            Line($"| **Gydex, through the form, {duplicates}** | **{processed / seconds:F0}** | {seconds:F1} s | {after.Hwm / 1024} MB (before: {before.Hwm / 1024} MB) |");
            Line($"Gydex imports at {processed / seconds / (rows / bareSeconds):P1} of the baseline's rows/s; its peak grew by {(after.Hwm - before.Hwm) / 1024} MB during the import");
            return 0;
        }
        finally
        {
            if (!app.HasExited)
                app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }
    }

    /// <summary>The baseline's child process: reads the file with bare CsvHelper and COPYs it in binary into a table; prints time and VmHWM.</summary>
    public static async Task<int> RunImportBaselineAsync(string[] args)
    {
        var (file, connectionString) = (args[0], args[1]);
        await using var data = NpgsqlDataSource.Create(connectionString);
        await using (var create = data.CreateCommand("CREATE TABLE contacts (id uuid PRIMARY KEY, surname text NOT NULL, name text, patronymic text, position text, phones text, emails text, birthday date, consent_date date, consent_purpose text, consent_method text, tags text)"))
            await create.ExecuteNonQueryAsync();
        var clock = Stopwatch.StartNew();
        await using var connection = await data.OpenConnectionAsync();
        var count = 0;
        await using (var copy = await connection.BeginBinaryImportAsync("COPY contacts FROM STDIN (FORMAT BINARY)"))
        {
            await using var stream = File.OpenRead(file);
            await using var csv = CsvReader.Create(stream, new CsvReaderOptions { HasHeader = true, TrimWhitespace = true }, false);
            while (await csv.ReadAsync())
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                for (var i = 0; i < ImportColumns.Length - 1; i++)
                {
                    var value = csv.GetString(i);
                    if (value.Length == 0)
                        await copy.WriteNullAsync();
                    else if (i is 6 or 7)
                        await copy.WriteAsync(DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture), NpgsqlDbType.Date);
                    else
                        await copy.WriteAsync(value, NpgsqlDbType.Text);
                }

                var tags = csv.GetString(ImportColumns.Length - 1);
                if (tags.Length == 0)
                    await copy.WriteNullAsync();
                else
                    await copy.WriteAsync(tags, NpgsqlDbType.Text);
                count++;
            }

            await copy.CompleteAsync();
        }

        var seconds = clock.Elapsed.TotalSeconds;
        Line($"  {count:N0} rows in {seconds:F2} s: {count / seconds:F0} rows/s, the process's VmHWM {Status(Environment.ProcessId).Hwm} kB");
        return 0;
    }

    /// <summary>Writes the contacts file; returns its size in bytes.</summary>
    private static long WriteContactsFile(string path, int rows)
    {
        var data = new RussianData(seed: 20261205);
        var today = new DateOnly(2026, 12, 4);
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            writer.Write(string.Join(';', ImportColumns));
            writer.Write('\n');
            for (var i = 0; i < rows; i++)
            {
                var person = data.NextPerson();
                var consent = i % 10 != 0;
                writer.Write(string.Join(';',
                    person.Surname, person.Name, person.Patronymic, data.Position(), data.Phone(), data.Email(person, i),
                    i % 3 == 0 ? today.AddDays(-(7000 + data.Next(15000))).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "",
                    consent ? today.AddDays(-data.Next(1000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "",
                    consent ? "Исполнение договора и информирование о заказах" : "",
                    consent ? "Письменное согласие" : "",
                    i % 4 == 0 ? "импорт, 1С" : "импорт"));
                writer.Write('\n');
            }
        }

        return new FileInfo(path).Length;
    }

    private static string Token(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value is { Length: > 0 } token
            ? token
            : throw new InvalidOperationException("no antiforgery token on the page");

    /// <summary>VmRSS and VmHWM of a process, in kB.</summary>
    private static (long Rss, long Hwm) Status(int pid)
    {
        var text = File.ReadAllText($"/proc/{pid}/status");
        long Field(string name) => long.Parse(Regex.Match(text, name + @":\s+(\d+) kB").Groups[1].Value, CultureInfo.InvariantCulture);
        return (Field("VmRSS"), Field("VmHWM"));
    }

    private static ProcessStartInfo ProcessStart(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return start;
    }

    /// <summary>dotnet-counters on the application, if installed (~/.dotnet/tools), writing System.Runtime once a second to a CSV file.</summary>
    private static HeapCounters? StartCounters(int pid)
    {
        var tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-counters");
        if (!File.Exists(tool))
            return null;
        var output = Path.Combine(Path.GetTempPath(), $"gydex-import-counters-{pid}");
        File.Delete(output + ".csv");
        var process = Process.Start(ProcessStart(tool, ["collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "--counters", "System.Runtime", "--refresh-interval", "1", "--format", "csv", "-o", output + ".csv"]));
        return process is null ? null : new HeapCounters(process, output + ".csv");
    }

    /// <summary>The running dotnet-counters; <see cref="Stop"/> gives the largest GC heap (all generations after a collection) and committed size it saw, in MB.</summary>
    private sealed class HeapCounters(Process process, string file) : IDisposable
    {
        public (double Heap, double Committed)? Stop()
        {
            if (!process.HasExited)
                process.Kill();
            process.WaitForExit();
            if (!File.Exists(file))
                return null;
            // Timestamp,Provider,Counter Name,Counter Type,Mean/Increment; the heap's size is given per generation.
            var values = new Dictionary<(string At, string Counter), double>();
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var cells = line.Split(',');
                if (cells.Length >= 5 && double.TryParse(cells[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                    values[(cells[0], cells[2])] = value;
            }

            var heap = values.Where(v => v.Key.Counter.StartsWith("dotnet.gc.last_collection.heap.size", StringComparison.Ordinal))
                .GroupBy(v => v.Key.At).Select(g => g.Sum(v => v.Value)).DefaultIfEmpty().Max();
            var committed = values.Where(v => v.Key.Counter.StartsWith("dotnet.gc.last_collection.memory.committed_size", StringComparison.Ordinal))
                .Select(v => v.Value).DefaultIfEmpty().Max();
            return heap == 0 ? null : (heap / 1048576, committed / 1048576);
        }

        public void Dispose()
        {
            if (!process.HasExited)
                process.Kill();
            process.Dispose();
        }
    }

    private static async Task DropDatabasesLikeAsync(string server, string prefix)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        var names = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", connection))
        {
            list.Parameters.AddWithValue(prefix);
            await using var reader = await list.ExecuteReaderAsync();
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

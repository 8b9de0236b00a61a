using System.Net;
using System.Text;
using Gydex.Kernel.EventLog;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Customers;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gydex.Tests.Modules.Customers.CustomersTestKit;

namespace Gydex.Tests.Modules.Customers;

/// <summary>Import through the pages: mapping, bad rows reported by number, duplicates, journal with the import's id, undo, export.</summary>
public sealed class CustomersImportTests(SharedHost host)
{
    private readonly GydexFactory factory = host.Factory;

    private Task<T> InOrgAsync<T>(TestOrg org, Func<OrgDbContext, Task<T>> work) =>
        factory.InOrgAsync(org, sp => work(sp.GetRequiredService<OrgDbContext>()));

    /// <summary>Uploads the file, maps every column by its header, starts the import and waits for it to end.</summary>
    internal static async Task<Guid> ImportAsync(GydexFactory factory, HttpClient browser, TestOrg org, string target, string fileName, byte[] content,
        string duplicates = "Skip", int waitSeconds = 120)
    {
        var id = await StartImportAsync(browser, org, target, fileName, content, duplicates);
        await WaitAsync(factory, org, id, waitSeconds);
        return id;
    }

    /// <summary>Uploads the file and returns the import waiting for its mapping (the address of the mapping step).</summary>
    internal static async Task<(Guid Id, string MappingUrl)> UploadAsync(HttpClient browser, TestOrg org, string target, string fileName, byte[] content)
    {
        var page = $"/{org.Slug}/customers/{target}/import";
        var token = await browser.AntiforgeryTokenAsync(page);
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        form.Add(new ByteArrayContent(content), "file", fileName);
        using var uploaded = await browser.PostAsync(new Uri(page + "?handler=Upload", UriKind.Relative), form);
        Assert.True(uploaded.StatusCode == HttpStatusCode.Redirect, $"upload: {(int)uploaded.StatusCode} {await uploaded.Content.ReadAsStringAsync()}");
        var mappingUrl = uploaded.Location()!;
        return (Guid.Parse(mappingUrl[(mappingUrl.IndexOf("id=", StringComparison.Ordinal) + 3)..]), mappingUrl);
    }

    /// <summary>Uploads the file, maps every column by its header and starts the import, without waiting.</summary>
    internal static async Task<Guid> StartImportAsync(HttpClient browser, TestOrg org, string target, string fileName, byte[] content, string duplicates = "Skip")
    {
        var (id, mappingUrl) = await UploadAsync(browser, org, target, fileName, content);
        await StartMappedAsync(browser, org, target, id, await browser.GetPageAsync(mappingUrl), duplicates);
        return id;
    }

    /// <summary>Posts the mapping step as it is shown (each field on the column guessed for it), with these duplicates and encoding.</summary>
    internal static async Task StartMappedAsync(HttpClient browser, TestOrg org, string target, Guid id, AngleSharp.Html.Dom.IHtmlDocument mapping, string duplicates = "Skip",
        string? encoding = null)
    {
        var fields = mapping.QuerySelectorAll("[data-map] select").Select(s => new KeyValuePair<string, string>(s.GetAttribute("name")!,
            s.QuerySelector("option[selected]")?.GetAttribute("value") ?? "-1")).ToList();
        fields.Add(new("duplicates", duplicates));
        if (encoding is not null)
            fields.Add(new("encoding", encoding));
        fields.Add(new("__RequestVerificationToken", Html.Token(mapping)));
        using var start = await browser.PostAsync(new Uri($"/{org.Slug}/customers/{target}/import?handler=Start&id={id}", UriKind.Relative), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
    }

    internal static async Task WaitAsync(GydexFactory factory, TestOrg org, Guid id, int seconds)
    {
        for (var i = 0; i < seconds * 10; i++)
        {
            var status = await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<CustomerImport>().Where(x => x.Id == id).Select(x => x.Status).SingleAsync());
            if (status is ImportStatus.Done or ImportStatus.Undone or ImportStatus.Failed)
            {
                Assert.NotEqual(ImportStatus.Failed, status);
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The import did not finish.");
    }

    [Fact]
    public async Task An_import_reports_each_bad_row_skips_duplicates_journals_records_with_its_id_and_is_undone()
    {
        var org = await factory.CreateOrgAsync();
        using var browser = await factory.SignedInAsync(org, "admin");
        var token = await browser.TokenAsync(org.Slug, "admin", TestOrganizations.Password);
        var existing = await browser.CreateCounterpartyAsync(org, token, new { name = "Уже есть", inn = Inn10 });
        var csv = "name;inn;kind;phones;responsible\n"
            + "Новая;7736207543;legal;+7 495 000-00-01;\n"
            + "Плохой ИНН;7707083894;legal;;\n"
            + ";500100732259;sole;;\n"
            + "Дубль базы;7707083893;;;\n"
            + "ИП Петров;500100732259;ип;;admin\n"
            + "Чужой;;legal;;nobody\n"
            + "Дубль файла;7736207543;legal;;\n";
        var id = await ImportAsync(factory, browser, org, "counterparties", "clients.csv", Encoding.UTF8.GetBytes(csv));

        var import = await InOrgAsync(org, db => db.Set<CustomerImport>().SingleAsync(i => i.Id == id));
        Assert.Equal((2, 0, 2, 3), (import.Created, import.Updated, import.Skipped, import.Rejected));
        var rejected = await InOrgAsync(org, db => db.Set<ImportRejection>().Where(r => r.ImportId == id).OrderBy(r => r.Row).ToListAsync());
        Assert.Equal([3, 4, 7], rejected.Select(r => r.Row));
        Assert.Contains("inn", rejected[0].Reason, StringComparison.Ordinal);
        Assert.Contains("name", rejected[1].Reason, StringComparison.Ordinal);
        Assert.Contains("nobody", rejected[2].Reason, StringComparison.Ordinal);

        // The report page names the rows too.
        var report = await browser.GetPageAsync($"/{org.Slug}/customers/counterparties/import?id={id}");
        Assert.Equal(3, report.QuerySelectorAll("[data-rejected-row]").Length);

        var created = (await InOrgAsync(org, db => db.Set<Counterparty>().Where(c => c.ImportId == id).Select(c => c.Id).ToListAsync())).Select(g => g.ToString()).ToList();
        Assert.Equal(2, created.Count);
        var journaled = await InOrgAsync(org, db => db.Set<JournalRecord>().Where(r => r.Action == CustomersJournal.CounterpartyCreated.Code && created.Contains(r.DocumentId!)).Select(r => r.Changes).ToListAsync());
        Assert.Equal(2, journaled.Count);
        Assert.All(journaled, changes => Assert.Contains(JournalChanges.Parse(changes), f => f.Field == "ImportId" && f.New == id.ToString()));

        // Undo: what it created is gone, what was there stays.
        using var undo = await browser.PostFormAsync($"/{org.Slug}/customers/counterparties/import?id={id}", new Dictionary<string, string>(),
            $"/{org.Slug}/customers/counterparties/import?handler=Undo&id={id}");
        Assert.Equal(HttpStatusCode.Redirect, undo.StatusCode);
        await WaitAsync(factory, org, id, 60);
        Assert.Equal([existing], await InOrgAsync(org, db => db.Set<Counterparty>().Select(c => c.Id).ToListAsync()));
        Assert.True(await InOrgAsync(org, db => db.Set<JournalRecord>().AnyAsync(r => r.Action == CustomersJournal.ImportUndone.Code)));
    }

    [Fact]
    public async Task An_import_in_update_mode_changes_matches_and_its_undo_restores_their_old_values()
    {
        var org = await factory.CreateOrgAsync();
        using var browser = await factory.SignedInAsync(org, "admin");
        var token = await browser.TokenAsync(org.Slug, "admin", TestOrganizations.Password);
        var contact = await browser.CreateContactAsync(org, token, new { surname = "Иванов", emails = new[] { "ivanov@example.com" }, position = "менеджер" });
        var csv = "surname,name,emails,position,birthday\nИванов,Иван,IVANOV@example.com,директор,1980-02-03\nСидоров,,sidorov@example.com,,31.12.1990\nОшибка,,not-an-email,,\nДата,,,,32.13.2000\n";
        var id = await ImportAsync(factory, browser, org, "contacts", "people.csv", Encoding.UTF8.GetBytes(csv), duplicates: "Update");

        var import = await InOrgAsync(org, db => db.Set<CustomerImport>().SingleAsync(i => i.Id == id));
        Assert.Equal((1, 1, 2), (import.Created, import.Updated, import.Rejected));
        var changed = await InOrgAsync(org, db => db.Set<Contact>().SingleAsync(c => c.Id == contact));
        Assert.Equal(("директор", "Иван"), (changed.Position, changed.Name));

        using var undo = await browser.PostFormAsync($"/{org.Slug}/customers/contacts/import?id={id}", new Dictionary<string, string>(),
            $"/{org.Slug}/customers/contacts/import?handler=Undo&id={id}");
        await WaitAsync(factory, org, id, 60);
        var restored = await InOrgAsync(org, db => db.Set<Contact>().SingleAsync());
        Assert.Equal((contact, "менеджер", (string?)null), (restored.Id, restored.Position, restored.Name));
    }

    [Fact]
    public async Task A_file_that_is_not_a_table_is_refused_and_leaves_nothing()
    {
        var org = await factory.CreateOrgAsync();
        using var browser = await factory.SignedInAsync(org, "admin");
        var page = $"/{org.Slug}/customers/counterparties/import";
        foreach (var (name, bytes) in new[] { ("evil.exe", "MZ"u8.ToArray()), ("broken.xlsx", "PK\u0003\u0004 not a zip"u8.ToArray()), ("../../etc/passwd.csv", Array.Empty<byte>()) })
        {
            var token = await browser.AntiforgeryTokenAsync(page);
            using var form = new MultipartFormDataContent();
            form.Add(new StringContent(token), "__RequestVerificationToken");
            form.Add(new ByteArrayContent(bytes), "file", name);
            using var response = await browser.PostAsync(new Uri(page + "?handler=Upload", UriKind.Relative), form);
            Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{name}: {(int)response.StatusCode}");
        }

        Assert.Equal(0, await InOrgAsync(org, db => db.Set<CustomerImport>().CountAsync()));
    }

    [Fact]
    public async Task An_export_holds_the_filtered_rows_within_the_export_scope_and_is_journaled()
    {
        var org = await factory.CreateOrgAsync();
        using var admin = await factory.SignedInAsync(org, "admin");
        var token = await admin.TokenAsync(org.Slug, "admin", TestOrganizations.Password);
        var own = await factory.ScopedUserAsync(org, "own", null, Gydex.Kernel.Access.RightScope.Own, AllOf(CustomersRights.Counterparties));
        await admin.CreateCounterpartyAsync(org, token, new { name = "Моя VIP", tags = new[] { "vip" }, responsibleId = own });
        await admin.CreateCounterpartyAsync(org, token, new { name = "Моя обычная", responsibleId = own });
        await admin.CreateCounterpartyAsync(org, token, new { name = "Чужая VIP", tags = new[] { "vip" } });
        using var browser = await factory.SignedInAsync(org, "own");
        using var response = await browser.GetAsync(new Uri($"/{org.Slug}/customers/counterparties/export?tag=vip&format=csv", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Моя VIP", text, StringComparison.Ordinal);
        Assert.DoesNotContain("обычная", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Чужая", text, StringComparison.Ordinal);
        Assert.True(await InOrgAsync(org, db => db.Set<JournalRecord>().AnyAsync(r => r.Action == CustomersJournal.Exported.Code && r.Comment!.Contains("1 rows"))));

        using var xlsx = await browser.GetAsync(new Uri($"/{org.Slug}/customers/counterparties/export?format=xlsx", UriKind.Relative));
        var path = Path.GetTempFileName() + ".xlsx";
        await File.WriteAllBytesAsync(path, await xlsx.Content.ReadAsByteArrayAsync());
        var rows = new List<string[]>();
        await foreach (var row in Gydex.Kernel.Lists.TableFiles.ReadAsync(path, Gydex.Kernel.Lists.TableFormat.Xlsx, default))
            rows.Add(row);
        File.Delete(path);
        Assert.Equal(3, rows.Count);
        Assert.Equal("code", rows[0][0]);
    }
}

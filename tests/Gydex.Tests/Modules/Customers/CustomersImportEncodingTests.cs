using System.Net;
using System.Text;
using Gydex.Kernel.Lists;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Customers;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Modules.Customers;

/// <summary>CSV files as 1C and Excel in Russia save them: Windows-1251, `;` or tab separated — detected, or read as the user chooses.</summary>
public sealed class CustomersImportEncodingTests(SharedHost host)
{
    private readonly GydexFactory factory = host.Factory;

    private static Encoding Windows1251 => CodePagesEncodingProvider.Instance.GetEncoding(1251)!;

    [Fact]
    public async Task A_windows_1251_file_with_semicolons_is_detected_and_its_cyrillic_surnames_survive_the_import()
    {
        var org = await factory.CreateOrgAsync();
        using var browser = await factory.SignedInAsync(org, "admin");
        var csv = "Фамилия;Имя;Отчество;Должность;E-mail\r\n"
            + "Ёлкин;Пётр;Щербакович;Генеральный директор;elkin@example.ru\r\n"
            + "Щукина;Анна;Юрьевна;Главный бухгалтер;\r\n"
            + "Эйхман-Жуковская;Ксения;;«Старший» менеджер №1;\r\n";
        var bytes = Windows1251.GetBytes(csv);
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(bytes)); // really not UTF-8

        // The mapping step says what it detected and shows the rows readable, the columns guessed from their Russian names.
        var (id, mappingUrl) = await CustomersImportTests.UploadAsync(browser, org, "contacts", "1c-contacts.csv", bytes);
        var mapping = await browser.GetPageAsync(mappingUrl);
        Assert.Equal("Windows1251", mapping.QuerySelector("[data-encoding]")?.GetAttribute("data-encoding"));
        Assert.Equal(["Фамилия", "Имя", "Отчество", "Должность", "E-mail"], mapping.QuerySelectorAll("[data-table=preview] th").Select(h => h.TextContent));
        Assert.Contains("Ёлкин", mapping.QuerySelector("[data-table=preview]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("0", mapping.QuerySelector("[data-map=surname] option[selected]")?.GetAttribute("value"));

        await CustomersImportTests.StartMappedAsync(browser, org, "contacts", id, mapping);
        await CustomersImportTests.WaitAsync(factory, org, id, 60);
        var contacts = await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<Contact>().Where(c => c.ImportId == id).OrderBy(c => c.Number).ToListAsync());
        Assert.Equal(["Ёлкин", "Щукина", "Эйхман-Жуковская"], contacts.Select(c => c.Surname));
        Assert.Equal(("Пётр", "Щербакович", "Генеральный директор"), (contacts[0].Name, contacts[0].Patronymic, contacts[0].Position));
        Assert.Equal("«Старший» менеджер №1", contacts[2].Position);
    }

    [Fact]
    public async Task The_user_overrides_the_detected_encoding_on_the_mapping_step_and_the_import_reads_the_file_so()
    {
        var org = await factory.CreateOrgAsync();
        using var browser = await factory.SignedInAsync(org, "admin");
        // Valid UTF-8, tab separated, that the user knows to be Windows-1251 (here it is not: the override must still be obeyed).
        const string text = "name\tnotes\nРомашка\tпервый\n";
        var bytes = Encoding.UTF8.GetBytes(text);
        var (id, mappingUrl) = await CustomersImportTests.UploadAsync(browser, org, "counterparties", "tabs.txt", bytes);
        var page = $"/{org.Slug}/customers/counterparties/import";
        var mapping = await browser.GetPageAsync(mappingUrl);
        Assert.Equal("Utf8", mapping.QuerySelector("[data-encoding]")?.GetAttribute("data-encoding"));
        Assert.Equal("Auto", mapping.QuerySelector("#encoding option[selected]")?.GetAttribute("value"));
        Assert.Contains("Ромашка", mapping.QuerySelector("[data-table=preview]")!.TextContent, StringComparison.Ordinal);

        using (var chosen = await browser.PostFormAsync(mappingUrl, new Dictionary<string, string> { ["encoding"] = "Windows1251" }, $"{page}?handler=Encoding&id={id}"))
            Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        mapping = await browser.GetPageAsync(mappingUrl);
        var misread = Windows1251.GetString(Encoding.UTF8.GetBytes("Ромашка"));
        Assert.Equal("Windows1251", mapping.QuerySelector("#encoding option[selected]")?.GetAttribute("value"));
        Assert.Contains(misread, mapping.QuerySelector("[data-table=preview]")!.TextContent, StringComparison.Ordinal);

        // Started with the choice as it stands on the form: the rows are read in Windows-1251 too.
        await CustomersImportTests.StartMappedAsync(browser, org, "counterparties", id, mapping, encoding: "Windows1251");
        await CustomersImportTests.WaitAsync(factory, org, id, 60);
        var names = await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<Counterparty>().Select(c => c.Name).ToListAsync());
        Assert.Equal([misread], names);

        // And back to detection: the preview of a second upload of the same file reads it right again.
        var (second, secondUrl) = await CustomersImportTests.UploadAsync(browser, org, "counterparties", "tabs.txt", bytes);
        using (var auto = await browser.PostFormAsync(secondUrl, new Dictionary<string, string> { ["encoding"] = "Auto" }, $"{page}?handler=Encoding&id={second}"))
            Assert.Equal(HttpStatusCode.Redirect, auto.StatusCode);
        Assert.Contains("Ромашка", (await browser.GetPageAsync(secondUrl)).QuerySelector("[data-table=preview]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_organizations_import_answers_404_to_every_step_and_a_made_up_encoding_changes_nothing()
    {
        var org = await factory.CreateOrgAsync();
        var other = await factory.CreateOrgAsync();
        using var browser = await factory.SignedInAsync(org, "admin");
        using var stranger = await factory.SignedInAsync(other, "admin");
        var bytes = Windows1251.GetBytes("name\nРомашка\n");
        var (id, mappingUrl) = await CustomersImportTests.UploadAsync(browser, org, "counterparties", "mine.csv", bytes);

        // The other organization's administrator, with the id: every step is 404 there, and the import stays as it was.
        var page = $"/{other.Slug}/customers/counterparties/import";
        using (var view = await stranger.GetAsync(new Uri($"{page}?id={id}", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.NotFound, view.StatusCode);
        foreach (var handler in new[] { "Encoding", "Start", "Undo" })
        {
            using var post = await stranger.PostFormAsync(page, new Dictionary<string, string> { ["encoding"] = "Utf8", ["map.name"] = "0" }, $"{page}?handler={handler}&id={id}");
            Assert.True(post.StatusCode == HttpStatusCode.NotFound, $"{handler}: {(int)post.StatusCode}");
        }

        // Its own user sends an encoding that does not exist: refused quietly, the choice stays Auto.
        using (var bad = await browser.PostFormAsync(mappingUrl, new Dictionary<string, string> { ["encoding"] = "../../etc/passwd" },
            $"/{org.Slug}/customers/counterparties/import?handler=Encoding&id={id}"))
            Assert.Equal(HttpStatusCode.Redirect, bad.StatusCode);
        using (var unknown = await browser.PostFormAsync(mappingUrl, new Dictionary<string, string> { ["encoding"] = "7" },
            $"/{org.Slug}/customers/counterparties/import?handler=Encoding&id={id}"))
            Assert.Equal(HttpStatusCode.Redirect, unknown.StatusCode);
        var import = await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<CustomerImport>().AsNoTracking().SingleAsync(i => i.Id == id));
        Assert.Equal((ImportStatus.Pending, TextEncoding.Auto), (import.Status, import.Encoding));
        Assert.Contains("Ромашка", (await browser.GetPageAsync(mappingUrl)).QuerySelector("[data-table=preview]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Encodings_are_told_by_their_byte_order_mark_else_by_whether_the_whole_file_is_utf8()
    {
        var folder = Directory.CreateTempSubdirectory("gydex-encodings").FullName;
        async Task<(TextEncoding Detected, List<string[]> Rows)> ReadAsync(string name, byte[] bytes)
        {
            var path = Path.Combine(folder, name);
            await File.WriteAllBytesAsync(path, bytes);
            var rows = new List<string[]>();
            await foreach (var row in TableFiles.ReadAsync(path, TableFormat.Csv, default))
                rows.Add(row);
            return (await TableFiles.DetectEncodingAsync(path, default), rows);
        }

        const string text = "surname;name\nИванов;Пётр\n";
        var utf8 = await ReadAsync("utf8.csv", Encoding.UTF8.GetBytes(text));
        var bom = await ReadAsync("bom.csv", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);
        var utf16 = await ReadAsync("utf16.csv", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text.Replace(';', '\t'))]);
        var cp1251 = await ReadAsync("1251.csv", Windows1251.GetBytes(text));
        // A Latin header and 100 KB of Latin rows before the first Cyrillic letter: the detection reads the whole file.
        var late = await ReadAsync("late.csv", Windows1251.GetBytes("surname,name\n" + string.Concat(Enumerable.Repeat("Smith,John\n", 10_000)) + "Иванов,Пётр\n"));

        Assert.Equal((TextEncoding.Utf8, TextEncoding.Utf8, TextEncoding.Utf8, TextEncoding.Windows1251, TextEncoding.Windows1251),
            (utf8.Detected, bom.Detected, utf16.Detected, cp1251.Detected, late.Detected));
        foreach (var (rows, what) in new[] { (utf8.Rows, "utf-8"), (bom.Rows, "utf-8 with BOM"), (utf16.Rows, "utf-16, tabs"), (cp1251.Rows, "1251") })
        {
            Assert.True(rows.Count == 2, what);
            Assert.True(rows[0] is ["surname", "name"], $"{what}: {string.Join("|", rows[0])}");
            Assert.True(rows[1] is ["Иванов", "Пётр"], $"{what}: {string.Join("|", rows[1])}");
        }

        Assert.Equal(["Иванов", "Пётр"], late.Rows[^1]);
        Directory.Delete(folder, recursive: true);
    }
}

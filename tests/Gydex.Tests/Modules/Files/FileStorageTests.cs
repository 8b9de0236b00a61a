using System.Net;
using Gydex.Kernel.EventLog;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Files;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Modules.Files;

/// <summary>Uploads, versions, duplicates, bad input, cut-off uploads, serving, the bin and the journal.</summary>
public sealed class FileStorageTests(SharedHost host)
{
    private readonly GydexFactory factory = host.Factory;

    private async Task<(TestOrg Org, HttpClient Client, string Token, Guid Root)> AdminAsync(GydexFactory? on = null)
    {
        on ??= factory;
        var org = await on.CreateOrgAsync();
        var client = on.Browser();
        var token = await client.TokenAsync(org.Slug, "admin", TestOrganizations.Password);
        var root = await on.InOrgAsync(org, FilesFixtures.RootAsync);
        return (org, client, token, root);
    }

    private Task<T> InOrgAsync<T>(TestOrg org, Func<OrgDbContext, Task<T>> work) =>
        factory.InOrgAsync(org, sp => work(sp.GetRequiredService<OrgDbContext>()));

    [Fact]
    public async Task The_same_content_is_stored_once_and_the_same_name_adds_a_version_with_the_old_one_kept()
    {
        var (org, client, token, root) = await AdminAsync();
        using (client)
        {
            using var first = await client.UploadAsync(org.Slug, token, root, "offer.txt", "price 100"u8.ToArray());
            using var copy = await client.UploadAsync(org.Slug, token, root, "copy of offer.txt", "price 100"u8.ToArray());
            using var second = await client.UploadAsync(org.Slug, token, root, "offer.txt", "price 120"u8.ToArray());
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
            Assert.Equal(HttpStatusCode.Created, second.StatusCode);
            using var json = await second.JsonAsync();
            var fileId = json.RootElement.GetProperty("id").GetGuid();
            Assert.Equal(2, json.RootElement.GetProperty("version").GetInt32());

            var (blobs, versions) = await InOrgAsync(org, async db => (await db.Set<FileBlob>().CountAsync(), await db.Set<FileVersion>().CountAsync()));
            Assert.Equal(2, blobs);
            Assert.Equal(3, versions);
            var folder = Path.Combine(factory.Services.GetRequiredService<StorageOptions>().OrgFolder(org.Organization.Id), "files", "blobs");
            Assert.Equal(2, Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Count());

            using var v1 = await client.GetWithTokenAsync($"/{org.Slug}/api/v1/files/{fileId}/content?version=1", token);
            using var latest = await client.GetWithTokenAsync($"/{org.Slug}/api/v1/files/{fileId}/content", token);
            Assert.Equal("price 100", await v1.Content.ReadAsStringAsync());
            Assert.Equal("price 120", await latest.Content.ReadAsStringAsync());
        }
    }

    public static TheoryData<string> HostileNames() =>
    [
        "../../etc/passwd", "/etc/passwd", "C:\\Windows\\win.ini", "a\0b.txt", "..", ".", "CON", "con.txt", "LPT1", "nul.tar.gz",
        "line\nbreak.txt", "trailing.", " leading", new string('я', 128) + ".txt",
    ];

    [Theory]
    [MemberData(nameof(HostileNames))]
    public async Task A_hostile_or_invalid_name_is_refused_with_a_reason_and_nothing_is_stored(string name)
    {
        var (org, client, token, root) = await AdminAsync();
        using (client)
        {
            using var response = await client.UploadAsync(org.Slug, token, root, name, "content"u8.ToArray());
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Contains("name", (await response.Content.ReadAsStringAsync()).ToUpperInvariant().ToLowerInvariant(), StringComparison.Ordinal);
            Assert.Equal(0, await InOrgAsync(org, db => db.Set<StoredFile>().CountAsync()));
        }
    }

    [Fact]
    public async Task An_empty_file_too_large_a_file_and_a_full_quota_get_clear_errors()
    {
        await using var limited = new GydexFactory().With("Files:MaxFileBytes", "1000").With("Files:OrganizationQuotaBytes", "1500");
        await limited.StartAsync();
        var (org, client, token, root) = await AdminAsync(limited);
        using (client)
        {
            using var empty = await client.UploadAsync(org.Slug, token, root, "empty.txt", []);
            using var large = await client.UploadAsync(org.Slug, token, root, "large.bin", new byte[1001]);
            using var fits = await client.UploadAsync(org.Slug, token, root, "fits.bin", Enumerable.Repeat((byte)1, 1000).ToArray());
            using var full = await client.UploadAsync(org.Slug, token, root, "more.bin", Enumerable.Repeat((byte)2, 600).ToArray());
            using var sameContent = await client.UploadAsync(org.Slug, token, root, "again.bin", Enumerable.Repeat((byte)1, 1000).ToArray());

            Assert.Contains("empty", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Contains("larger than the limit", await large.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Created, fits.StatusCode);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, full.StatusCode);
            Assert.Contains("full", await full.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            // Content already stored takes no more room.
            Assert.Equal(HttpStatusCode.Created, sameContent.StatusCode);
            var tmp = Path.Combine(limited.Services.GetRequiredService<StorageOptions>().OrgFolder(org.Organization.Id), "files", "tmp");
            Assert.Empty(Directory.EnumerateFiles(tmp));
        }
    }

    /// <summary>Sends some bytes, then fails: the connection breaks off in the middle of the body.</summary>
    private sealed class CutOffContent(int before) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(new byte[before]);
            await stream.FlushAsync();
            throw new IOException("The client went away.");
        }

        protected override bool TryComputeLength(out long length)
        {
            length = before * 2;
            return true;
        }
    }

    [Fact]
    public async Task An_upload_cut_off_midway_leaves_neither_a_file_nor_a_row()
    {
        var (org, client, token, root) = await AdminAsync();
        using (client)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => client.UploadAsync(org.Slug, token, root, "broken.bin", new CutOffContent(300_000)));

            var files = Path.Combine(factory.Services.GetRequiredService<StorageOptions>().OrgFolder(org.Organization.Id), "files");
            for (var i = 0; i < 50 && Directory.Exists(Path.Combine(files, "tmp")) && Directory.EnumerateFiles(Path.Combine(files, "tmp")).Any(); i++)
                await Task.Delay(100);
            Assert.Equal(0, await InOrgAsync(org, db => db.Set<StoredFile>().CountAsync()));
            Assert.Equal(0, await InOrgAsync(org, db => db.Set<FileBlob>().CountAsync()));
            Assert.Empty(Directory.Exists(files) ? Directory.EnumerateFiles(files, "*", SearchOption.AllDirectories) : []);
            Assert.DoesNotContain(await InOrgAsync(org, db => db.Set<JournalRecord>().Select(r => r.Action).ToListAsync()), a => a == FilesJournal.Uploaded.Code);
        }
    }

    [Fact]
    public async Task Uploads_of_one_name_at_the_same_moment_all_land_as_versions()
    {
        var (org, client, token, root) = await AdminAsync();
        using (client)
        {
            var responses = await Task.WhenAll(Enumerable.Range(1, 5).Select(i =>
                client.UploadAsync(org.Slug, token, root, "minutes.txt", System.Text.Encoding.UTF8.GetBytes($"draft {i}"))));
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
            foreach (var r in responses)
                r.Dispose();

            var versions = await InOrgAsync(org, db => db.Set<FileVersion>().OrderBy(v => v.Number).Select(v => v.Number).ToListAsync());
            Assert.Equal([1, 2, 3, 4, 5], versions);
            Assert.Equal(1, await InOrgAsync(org, db => db.Set<StoredFile>().CountAsync()));
        }
    }

    [Fact]
    public async Task Content_that_is_not_what_its_name_says_is_only_ever_an_attachment()
    {
        var (org, client, token, root) = await AdminAsync();
        using (client)
        {
            using var fake = await client.UploadAsync(org.Slug, token, root, "picture.png", "<html><script>alert(1)</script></html>"u8.ToArray());
            using var real = await client.UploadAsync(org.Slug, token, root, "real.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]);
            using var fakeJson = await fake.JsonAsync();
            using var realJson = await real.JsonAsync();
            using var admin = await factory.SignedInAsync(org, "admin");

            using var fakeInline = await admin.GetAsync(new Uri($"/{org.Slug}/files/file/{fakeJson.RootElement.GetProperty("id").GetGuid()}/download?inline=true", UriKind.Relative));
            using var realInline = await admin.GetAsync(new Uri($"/{org.Slug}/files/file/{realJson.RootElement.GetProperty("id").GetGuid()}/download?inline=true", UriKind.Relative));

            Assert.StartsWith("attachment", fakeInline.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
            Assert.Equal("application/octet-stream", fakeInline.Content.Headers.ContentType!.MediaType);
            Assert.Equal("nosniff", fakeInline.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.StartsWith("inline", realInline.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
            Assert.Equal("image/png", realInline.Content.Headers.ContentType!.MediaType);
            Assert.Equal("nosniff", realInline.Headers.GetValues("X-Content-Type-Options").Single());
        }
    }

    [Fact]
    public async Task Every_action_is_journaled_and_the_bin_gives_back_what_was_deleted()
    {
        var (org, client, token, root) = await AdminAsync();
        using (client)
        {
            using var admin = await factory.SignedInAsync(org, "admin");
            var before = await InOrgAsync(org, db => db.Set<JournalRecord>().MaxAsync(r => r.Id));
            var rootPage = $"/{org.Slug}/files/folders/{root}";
            (await admin.PostFormAsync(rootPage, new Dictionary<string, string> { ["name"] = "Contracts" }, rootPage + "?handler=CreateFolder")).Dispose();
            var folder = await InOrgAsync(org, db => db.Set<Folder>().Where(f => f.Name == "Contracts").Select(f => f.Id).SingleAsync());
            using var uploaded = await client.UploadAsync(org.Slug, token, folder, "deal.txt", "terms"u8.ToArray());
            using var json = await uploaded.JsonAsync();
            var file = json.RootElement.GetProperty("id").GetGuid();
            var filePage = $"/{org.Slug}/files/file/{file}";
            (await admin.PostFormAsync(filePage, new Dictionary<string, string> { ["description"] = "Signed in May" }, filePage + "?handler=Describe")).Dispose();
            (await admin.PostFormAsync(filePage, new Dictionary<string, string> { ["name"] = "deal-2026.txt" }, filePage + "?handler=Rename")).Dispose();
            (await admin.GetAsync(new Uri(filePage + "/download", UriKind.Relative))).Dispose();
            (await admin.PostFormAsync(filePage, new Dictionary<string, string>(), filePage + "?handler=Delete")).Dispose();

            var folderPage = await admin.GetPageAsync($"/{org.Slug}/files/folders/{folder}");
            Assert.Null(folderPage.QuerySelector("tr[data-file]"));
            var bin = await admin.GetPageAsync($"/{org.Slug}/files/bin");
            Assert.NotNull(bin.QuerySelector("tr[data-bin-file='deal-2026.txt']"));
            (await admin.PostFormAsync($"/{org.Slug}/files/bin", new Dictionary<string, string>(), $"/{org.Slug}/files/bin?handler=RestoreFile&id={file}")).Dispose();
            Assert.NotNull((await admin.GetPageAsync($"/{org.Slug}/files/folders/{folder}")).QuerySelector("tr[data-file='deal-2026.txt']"));

            var records = await InOrgAsync(org, db => db.Set<JournalRecord>().AsNoTracking().Where(r => r.Id > before).OrderBy(r => r.Id).ToListAsync());
            var actions = records.Where(r => r.Action.StartsWith("file.", StringComparison.Ordinal) || r.Action.StartsWith("folder.", StringComparison.Ordinal)).Select(r => r.Action).ToList();
            Assert.Equal(["folder.created", "file.uploaded", "file.described", "file.renamed", "file.downloaded", "file.deleted", "file.restored"], actions);
            var renamed = records.Single(r => r.Action == "file.renamed");
            Assert.Equal("/Contracts/deal-2026.txt", renamed.DocumentCode);
            Assert.Contains(JournalChanges.Parse(renamed.Changes), c => c.Field == "Name" && c.Old == "deal.txt" && c.New == "deal-2026.txt");
            Assert.Equal(FilesRights.Folders.Code, renamed.Right);

            var history = (await admin.GetPageAsync(filePage)).QuerySelector("[data-section='history']");
            Assert.NotNull(history);
            Assert.Contains(history!.QuerySelectorAll("tr[data-record]"), r => r.GetAttribute("data-action") == "file.uploaded");
        }
    }
}

using System.Net;
using Gydex.Kernel.Access;
using Gydex.Modules.Files;
using Gydex.Tests.Infrastructure;

namespace Gydex.Tests.Modules.Files;

/// <summary>Program right AND folder right, with folder rights own or inherited, for a user or through a group.</summary>
public sealed class FolderRightsTests(SharedHost host)
{
    private readonly GydexFactory factory = host.Factory;

    public static TheoryData<bool, string, bool> Cases()
    {
        var data = new TheoryData<bool, string, bool>();
        foreach (var program in new[] { true, false })
        {
            foreach (var entry in new[] { "user", "group", "none" })
            {
                foreach (var inherited in new[] { false, true })
                    data.Add(program, entry, inherited);
            }
        }

        return data;
    }

    /// <summary>
    /// The worker may upload into "Target" exactly when they hold <c>files.upload</c> and an entry — theirs or their
    /// group's, on Target or on the parent Target inherits from — allows Upload. Reading is allowed by an entry for
    /// everyone in every case.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Uploading_needs_the_program_right_and_the_folder_right(bool programRight, string entry, bool inherited)
    {
        var org = await factory.CreateOrgAsync();
        var rights = programRight ? new[] { FilesRights.Access, FilesRights.Upload } : [FilesRights.Access];
        var worker = await factory.UserWithRightsAsync(org, "worker", rights);
        var team = await factory.NewGroupAsync(org, "Team");
        await factory.AddToGroupAsync(org, worker.Id, team);

        var target = await factory.InOrgAsync(org, async sp =>
        {
            var root = await FilesFixtures.RootAsync(sp);
            var entries = new List<(PrincipalKind, Guid?, FolderActions)> { (PrincipalKind.Everyone, null, FolderActions.Read) };
            if (entry == "user")
                entries.Add((PrincipalKind.User, worker.Id, FolderActions.Read | FolderActions.Upload));
            if (entry == "group")
                entries.Add((PrincipalKind.Group, team, FolderActions.Read | FolderActions.Upload));
            if (!inherited)
                return (await FilesFixtures.FolderAsync(sp, root, "Target", [.. entries])).Id;
            var parent = await FilesFixtures.FolderAsync(sp, root, "Parent", [.. entries]);
            return (await FilesFixtures.FolderAsync(sp, parent.Id, "Target")).Id;
        });

        using var client = factory.Browser();
        var token = await client.TokenAsync(org.Slug, "worker", TestOrganizations.Password);
        using var read = await client.GetWithTokenAsync($"/{org.Slug}/api/v1/folders/{target}", token);
        using var upload = await client.UploadAsync(org.Slug, token, target, "report.txt", "numbers"u8.ToArray());

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var expected = programRight && entry != "none" ? HttpStatusCode.Created : HttpStatusCode.Forbidden;
        Assert.Equal(expected, upload.StatusCode);
        if (!programRight)
            Assert.Contains("files.upload", await upload.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_without_Read_does_not_exist_for_the_user_anywhere()
    {
        var org = await factory.CreateOrgAsync();
        await factory.UserWithRightsAsync(org, "intern", FilesRights.Access, FilesRights.Upload);
        var managers = await factory.NewGroupAsync(org, "Managers team");
        var (agreements, inside, openBelow, contract) = await factory.InOrgAsync(org, async sp =>
        {
            var root = await FilesFixtures.RootAsync(sp);
            var hidden = await FilesFixtures.FolderAsync(sp, root, "Agreements", (PrincipalKind.Group, managers, FolderActions.Read));
            var sub = await FilesFixtures.FolderAsync(sp, hidden.Id, "2026");
            // Readable by everyone itself, but below a folder the intern may not read: still absent.
            var open = await FilesFixtures.FolderAsync(sp, hidden.Id, "Public annex", (PrincipalKind.Everyone, null, FolderActions.All));
            var file = await FilesFixtures.FileAsync(sp, sub.Id, "contract-agreement.pdf", "%PDF-1.7 secret");
            return (hidden.Id, sub.Id, open.Id, file.Id);
        });

        using var intern = await factory.SignedInAsync(org, "intern");
        var rootPage = await intern.GetPageAsync($"/{org.Slug}/files/folders");
        Assert.Null(rootPage.QuerySelector("tr[data-child-folder='Agreements']"));
        var search = await intern.GetPageAsync($"/{org.Slug}/files/search?q=agree");
        Assert.Empty(search.QuerySelectorAll("[data-result-folder], [data-result-file]"));
        foreach (var url in new[]
                 {
                     $"/files/folders/{agreements}", $"/files/folders/{inside}", $"/files/folders/{openBelow}",
                     $"/files/file/{contract}", $"/files/file/{contract}/download",
                 })
        {
            using var response = await intern.GetAsync(new Uri($"/{org.Slug}{url}", UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url}: {(int)response.StatusCode}");
        }

        // Without files.manage_access the access page is refused before any folder is looked at: the same answer as for no folder.
        using (var accessPage = await intern.GetAsync(new Uri($"/{org.Slug}/files/folders/{agreements}/access", UriKind.Relative)))
        using (var noFolder = await intern.GetAsync(new Uri($"/{org.Slug}/files/folders/{Guid.NewGuid()}/access", UriKind.Relative)))
            Assert.Equal(noFolder.StatusCode, accessPage.StatusCode);

        var token = await intern.TokenAsync(org.Slug, "intern", TestOrganizations.Password);
        foreach (var url in new[] { $"/api/v1/folders/{agreements}", $"/api/v1/files/{contract}", $"/api/v1/files/{contract}/content" })
        {
            using var response = await intern.GetWithTokenAsync($"/{org.Slug}{url}", token);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url}: {(int)response.StatusCode}");
        }

        using var rootApi = await intern.GetWithTokenAsync($"/{org.Slug}/api/v1/folders/root", token);
        Assert.DoesNotContain("Agreements", await rootApi.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var upload = await intern.UploadAsync(org.Slug, token, inside, "sneaky.txt", "x"u8.ToArray());
        Assert.Equal(HttpStatusCode.NotFound, upload.StatusCode);

        // The administrator still sees it: folder rights never lock out those who repair them.
        using var admin = await factory.SignedInAsync(org, "admin");
        Assert.NotNull((await admin.GetPageAsync($"/{org.Slug}/files/folders")).QuerySelector("tr[data-child-folder='Agreements']"));
    }

    [Fact]
    public async Task Another_organizations_folder_and_file_ids_answer_404()
    {
        var a = await factory.CreateOrgAsync();
        var b = await factory.CreateOrgAsync();
        var (folderOfA, fileOfA) = await factory.InOrgAsync(a, async sp =>
        {
            var folder = await FilesFixtures.FolderAsync(sp, await FilesFixtures.RootAsync(sp), "Of A");
            return (folder.Id, (await FilesFixtures.FileAsync(sp, folder.Id, "a.txt", "of a")).Id);
        });

        using var adminB = await factory.SignedInAsync(b, "admin");
        foreach (var url in new[] { $"/files/folders/{folderOfA}", $"/files/file/{fileOfA}", $"/files/file/{fileOfA}/download", $"/files/folders/{folderOfA}/access" })
        {
            using var response = await adminB.GetAsync(new Uri($"/{b.Slug}{url}", UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url}: {(int)response.StatusCode}");
        }

        var token = await adminB.TokenAsync(b.Slug, "admin", TestOrganizations.Password);
        using var api = await adminB.GetWithTokenAsync($"/{b.Slug}/api/v1/files/{fileOfA}/content", token);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        using var upload = await adminB.UploadAsync(b.Slug, token, folderOfA, "x.txt", "x"u8.ToArray());
        Assert.Equal(HttpStatusCode.NotFound, upload.StatusCode);
    }

    [Fact]
    public async Task Breaking_inheritance_starts_from_a_copy_and_view_as_shows_a_users_actions()
    {
        var org = await factory.CreateOrgAsync();
        var worker = await factory.UserWithRightsAsync(org, "worker", FilesRights.Access, FilesRights.Upload);
        var folder = await factory.InOrgAsync(org, async sp => (await FilesFixtures.FolderAsync(sp, await FilesFixtures.RootAsync(sp), "Projects")).Id);
        using var admin = await factory.SignedInAsync(org, "admin");
        var access = $"/{org.Slug}/files/folders/{folder}/access";

        var inherited = await admin.GetPageAsync(access);
        Assert.NotNull(inherited.QuerySelector("[data-inherits]"));
        Assert.Equal("inherited", inherited.QuerySelector("tr[data-entry='everyone'] td:last-child")!.TextContent.Trim());

        (await admin.PostFormAsync(access, new Dictionary<string, string>(), access + "?handler=Break")).Dispose();
        var own = await admin.GetPageAsync(access);
        Assert.Null(own.QuerySelector("[data-inherits]"));
        Assert.Equal("own", own.QuerySelector("tr[data-entry='everyone'] td:last-child")!.TextContent.Trim());

        var asWorker = await admin.GetPageAsync($"{access}?viewAs={worker.Id}");
        Assert.Equal((int)(FolderActions.Read | FolderActions.Upload), int.Parse(asWorker.QuerySelector("[data-view-as]")!.GetAttribute("data-view-as")!, System.Globalization.CultureInfo.InvariantCulture));

        (await admin.PostFormAsync(access, new Dictionary<string, string> { ["who"] = "everyone" }, access + "?handler=Set")).Dispose();
        var removed = await admin.GetPageAsync($"{access}?viewAs={worker.Id}");
        Assert.Null(removed.QuerySelector("tr[data-entry='everyone']"));
        Assert.Equal("0", removed.QuerySelector("[data-view-as]")!.GetAttribute("data-view-as"));
    }
}

using Gydex.Kernel.Access;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Administration;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Kernel.Access;

/// <summary>
/// A valid request for each guarded endpoint, so the harness can tell "refused" from "broken". Every module
/// adds its endpoints' samples here; the harness fails on a guarded endpoint that has none.
/// </summary>
public static class AccessMatrixSamples
{
    /// <summary>What the samples act on in a fresh organization.</summary>
    public sealed record Context(Guid VictimId, Guid GroupId, Guid DepartmentId, Guid RootDepartmentId, Guid EmptyDepartmentId,
        Guid FolderId, Guid OtherFolderId, Guid FileId, Guid DeletedFolderId, Guid DeletedFileId);

    /// <summary>A request; <paramref name="Body"/> is sent raw (an upload) instead of a form.</summary>
    public sealed record Sample(string Method, Func<Context, string> Path, Func<Context, IEnumerable<KeyValuePair<string, string>>> Form, byte[]? Body = null);

    private static Sample Get(Func<Context, string> path) => new("GET", path, _ => []);

    private static Sample Post(Func<Context, string> path, Func<Context, IEnumerable<KeyValuePair<string, string>>>? form = null) =>
        new("POST", path, form ?? (_ => []));

    private static Sample Upload(Func<Context, string> path) => new("POST", path, _ => [], "sample content"u8.ToArray());

    private static KeyValuePair<string, string> F(string key, object value) => new(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!);

    private static readonly Dictionary<(string Route, string Method, string? Handler), Sample> Samples = new()
    {
        [("/admin/users", "GET", null)] = Get(_ => "/admin/users"),
        [("/admin/users/new", "GET", null)] = Get(_ => "/admin/users/new"),
        [("/admin/users/new", "POST", null)] = Post(_ => "/admin/users/new", c => [F("Input.Login", "newcomer"), F("Input.DisplayName", "Newcomer"), F("Input.DepartmentId", c.DepartmentId)]),
        [("/admin/users/{id:guid}", "GET", null)] = Get(c => $"/admin/users/{c.VictimId}"),
        [("/admin/users/{id:guid}", "POST", "Save")] = Post(c => $"/admin/users/{c.VictimId}?handler=Save",
            c => [F("displayName", "Renamed"), F("email", "renamed@example.com"), F("departmentId", c.DepartmentId)]),
        [("/admin/users/{id:guid}", "POST", "Disable")] = Post(c => $"/admin/users/{c.VictimId}?handler=Disable"),
        [("/admin/users/{id:guid}", "POST", "Enable")] = Post(c => $"/admin/users/{c.VictimId}?handler=Enable"),
        [("/admin/users/{id:guid}", "POST", "ResetPassword")] = Post(c => $"/admin/users/{c.VictimId}?handler=ResetPassword"),
        [("/admin/users/{id:guid}", "POST", "ResetTwoFactor")] = Post(c => $"/admin/users/{c.VictimId}?handler=ResetTwoFactor"),
        [("/admin/users/{id:guid}", "POST", "Groups")] = Post(c => $"/admin/users/{c.VictimId}?handler=Groups", c => [F("groupIds", c.GroupId)]),
        [("/admin/users/{id:guid}", "POST", "Individual")] = Post(c => $"/admin/users/{c.VictimId}?handler=Individual",
            _ => [F("right", AdministrationRights.Departments.Code), F("mode", "Grant")]),
        [("/admin/groups", "GET", null)] = Get(_ => "/admin/groups"),
        [("/admin/groups", "POST", null)] = Post(_ => "/admin/groups", _ => [F("name", "Sales team")]),
        [("/admin/groups/{id:guid}", "GET", null)] = Get(c => $"/admin/groups/{c.GroupId}"),
        [("/admin/groups/{id:guid}", "POST", null)] = Post(c => $"/admin/groups/{c.GroupId}?handler=Rename", _ => [F("name", "Renamed group")]),
        [("/admin/rights", "GET", null)] = Get(_ => "/admin/rights"),
        [("/admin/rights", "POST", null)] = Post(_ => "/admin/rights", c => [F("cell", $"{c.GroupId}|{AdministrationRights.Departments.Code}")]),
        [("/admin/departments", "GET", null)] = Get(_ => "/admin/departments"),
        [("/admin/departments", "POST", null)] = Post(_ => "/admin/departments?handler=Create", c => [F("name", "Sales"), F("parentId", c.RootDepartmentId)]),
        [("/admin/help", "GET", null)] = Get(_ => "/admin/help"),
        [("/admin/help", "POST", null)] = Post(_ => "/admin/help", _ => [F("Input.Id", "our-rules"), F("Input.Language", "ru"), F("Input.Title", "Наши правила"), F("Input.Markdown", "Текст")]),
        [("/api/v1/users", "GET", null)] = Get(_ => "/api/v1/users"),
        [("/api/v1/users/{id:guid}", "GET", null)] = Get(c => $"/api/v1/users/{c.VictimId}"),
        [("/api/v1/groups", "GET", null)] = Get(_ => "/api/v1/groups"),
        [("/journal", "GET", null)] = Get(_ => "/journal"),
        [("/journal/export", "GET", null)] = Get(_ => "/journal/export"),
        [("/journal/verify", "GET", null)] = Get(_ => "/journal/verify"),
        [("/journal/verify", "POST", null)] = Post(_ => "/journal/verify"),
        [("/journal/settings", "GET", null)] = Get(_ => "/journal/settings"),
        [("/journal/settings", "POST", null)] = Post(_ => "/journal/settings", _ => [F("IdleThresholdMinutes", 20)]),
        [("/api/v1/journal", "GET", null)] = Get(_ => "/api/v1/journal"),
        [("/files/folders/{id:guid?}", "GET", null)] = Get(c => $"/files/folders/{c.FolderId}"),
        [("/files/folders/{id:guid?}", "POST", "Upload")] = Upload(c => $"/files/folders/{c.FolderId}?handler=Upload&name=new.txt"),
        [("/files/folders/{id:guid?}", "POST", "CreateFolder")] = Post(c => $"/files/folders/{c.FolderId}?handler=CreateFolder", _ => [F("name", "Created")]),
        [("/files/folders/{id:guid?}", "POST", "RenameFolder")] = Post(c => $"/files/folders/{c.FolderId}?handler=RenameFolder", _ => [F("name", "Renamed")]),
        [("/files/folders/{id:guid?}", "POST", "MoveFolder")] = Post(c => $"/files/folders/{c.FolderId}?handler=MoveFolder", c => [F("target", c.OtherFolderId)]),
        [("/files/folders/{id:guid?}", "POST", "DescribeFolder")] = Post(c => $"/files/folders/{c.FolderId}?handler=DescribeFolder", _ => [F("description", "Described")]),
        [("/files/folders/{id:guid?}", "POST", "DeleteFolder")] = Post(c => $"/files/folders/{c.FolderId}?handler=DeleteFolder"),
        // /files is the root folder's short address: the same page, so its handlers are sampled on a folder's address.
        [("/files", "GET", null)] = Get(_ => "/files"),
        [("/files", "POST", "Upload")] = Upload(c => $"/files/folders/{c.FolderId}?handler=Upload&name=new.txt"),
        [("/files", "POST", "CreateFolder")] = Post(c => $"/files/folders/{c.FolderId}?handler=CreateFolder", _ => [F("name", "Created")]),
        [("/files", "POST", "RenameFolder")] = Post(c => $"/files/folders/{c.FolderId}?handler=RenameFolder", _ => [F("name", "Renamed")]),
        [("/files", "POST", "MoveFolder")] = Post(c => $"/files/folders/{c.FolderId}?handler=MoveFolder", c => [F("target", c.OtherFolderId)]),
        [("/files", "POST", "DescribeFolder")] = Post(c => $"/files/folders/{c.FolderId}?handler=DescribeFolder", _ => [F("description", "Described")]),
        [("/files", "POST", "DeleteFolder")] = Post(c => $"/files/folders/{c.FolderId}?handler=DeleteFolder"),
        [("/files/file/{id:guid}", "GET", null)] = Get(c => $"/files/file/{c.FileId}"),
        [("/files/file/{id:guid}", "POST", "Rename")] = Post(c => $"/files/file/{c.FileId}?handler=Rename", _ => [F("name", "renamed.txt")]),
        [("/files/file/{id:guid}", "POST", "Move")] = Post(c => $"/files/file/{c.FileId}?handler=Move", c => [F("target", c.OtherFolderId)]),
        [("/files/file/{id:guid}", "POST", "Describe")] = Post(c => $"/files/file/{c.FileId}?handler=Describe", _ => [F("description", "Described")]),
        [("/files/file/{id:guid}", "POST", "Delete")] = Post(c => $"/files/file/{c.FileId}?handler=Delete"),
        [("/files/file/{id:guid}/download", "GET", null)] = Get(c => $"/files/file/{c.FileId}/download"),
        [("/files/search", "GET", null)] = Get(_ => "/files/search?q=sample"),
        [("/files/bin", "GET", null)] = Get(_ => "/files/bin"),
        [("/files/bin", "POST", null)] = Post(c => $"/files/bin?handler=RestoreFile&id={c.DeletedFileId}"),
        [("/files/folders/{id:guid}/access", "GET", null)] = Get(c => $"/files/folders/{c.FolderId}/access"),
        [("/files/folders/{id:guid}/access", "POST", null)] = Post(c => $"/files/folders/{c.FolderId}/access?handler=Set", c => [F("who", $"group:{c.GroupId}"), F("actions", "Read")]),
        [("/api/v1/folders/root", "GET", null)] = Get(_ => "/api/v1/folders/root"),
        [("/api/v1/folders/{id:guid}", "GET", null)] = Get(c => $"/api/v1/folders/{c.FolderId}"),
        [("/api/v1/folders/{id:guid}/files", "POST", null)] = Upload(c => $"/api/v1/folders/{c.FolderId}/files?name=api.txt"),
        [("/api/v1/files/{id:guid}", "GET", null)] = Get(c => $"/api/v1/files/{c.FileId}"),
        [("/api/v1/files/{id:guid}/content", "GET", null)] = Get(c => $"/api/v1/files/{c.FileId}/content"),
        [("/journal/worktime", "GET", null)] = Get(c => $"/journal/worktime?from=2026-03-01&to=2026-03-31&department={c.DepartmentId}"),
        [("/journal/worktime/export", "GET", null)] = Get(_ => "/journal/worktime/export?format=xlsx"),
        [("/admin/support", "GET", null)] = Get(_ => "/admin/support"),
        [("/admin/support", "POST", null)] = Post(_ => "/admin/support?handler=Settings", _ => [F("needsApproval", "true")]),
    };

    public static bool Has(string route, string method, string? handler) => Samples.ContainsKey((route, method, handler));

    public static Sample Get(string route, string method, string? handler) => Samples[(route, method, handler)];

    /// <summary>Makes what the samples act on: a victim user, a custom group, departments.</summary>
    public static async Task<Context> PrepareAsync(GydexFactory factory, TestOrg org)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var victim = await factory.AddUserAsync(org, "victim");
        return await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            var root = await db.Set<Department>().SingleAsync(d => d.ParentId == null);
            var department = new Department { Id = Guid.NewGuid(), Name = "Sales", ParentId = root.Id };
            var empty = new Department { Id = Guid.NewGuid(), Name = "Empty", ParentId = root.Id };
            var group = new Group { Id = Guid.NewGuid(), Name = "Custom", Stereotype = GroupStereotype.Custom };
            db.AddRange(department, empty, group);
            await db.SaveChangesAsync();

            // Folders whose own rights let everyone do everything: only the program rights decide.
            var files = await FilesFixtures.SampleTreeAsync(sp);
            return new Context(victim.Id, group.Id, department.Id, root.Id, empty.Id,
                files.FolderId, files.OtherFolderId, files.FileId, files.DeletedFolderId, files.DeletedFileId);
        });
    }
}

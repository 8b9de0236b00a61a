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
        Guid FolderId, Guid OtherFolderId, Guid FileId, Guid DeletedFolderId, Guid DeletedFileId,
        Guid CounterpartyId, string OtherCounterpartyCode, Guid ContactId, string OtherContactCode, SalesFixtures.Sample Sales);

    /// <summary>
    /// A request; <paramref name="Body"/> is sent raw (an upload) instead of a form; <paramref name="Json"/> makes it an API call
    /// of any method with that JSON body (empty: no body) and the bearer token.
    /// </summary>
    public sealed record Sample(string Method, Func<Context, string> Path, Func<Context, IEnumerable<KeyValuePair<string, string>>> Form, byte[]? Body = null,
        Func<Context, string>? Json = null);

    private static Sample Api(string method, Func<Context, string> path, string json = "") => new(method, path, _ => [], null, _ => json);

    /// <summary>An API call whose JSON body names what the samples act on.</summary>
    private static Sample ApiFor(string method, Func<Context, string> path, Func<Context, string> json) => new(method, path, _ => [], null, json);

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
        [("/admin/custom-fields", "GET", null)] = Get(_ => "/admin/custom-fields"),
        [("/customers/counterparties", "GET", null)] = Get(_ => "/customers/counterparties?q=a"),
        [("/customers/counterparties", "POST", "Assign")] = Post(_ => "/customers/counterparties?handler=Assign", c => [F("ids", c.CounterpartyId), F("responsibleId", c.VictimId)]),
        [("/customers/counterparties", "POST", "Tag")] = Post(_ => "/customers/counterparties?handler=Tag", c => [F("ids", c.CounterpartyId), F("tag", "vip")]),
        [("/customers/counterparties", "POST", "Delete")] = Post(_ => "/customers/counterparties?handler=Delete", c => [F("ids", c.CounterpartyId)]),
        [("/customers/counterparties/{id:guid}", "GET", null)] = Get(c => $"/customers/counterparties/{c.CounterpartyId}"),
        [("/customers/counterparties/{id:guid}", "POST", "Delete")] = Post(c => $"/customers/counterparties/{c.CounterpartyId}?handler=Delete"),
        [("/customers/counterparties/{id:guid}", "POST", "Merge")] = Post(c => $"/customers/counterparties/{c.CounterpartyId}?handler=Merge", c => [F("other", c.OtherCounterpartyCode)]),
        [("/customers/counterparties/new", "GET", null)] = Get(_ => "/customers/counterparties/new"),
        [("/customers/counterparties/new", "POST", null)] = Post(_ => "/customers/counterparties/new", _ => [F("Input.Name", "Новый"), F("Input.Kind", "Legal")]),
        [("/customers/counterparties/{id:guid}/edit", "GET", null)] = Get(c => $"/customers/counterparties/{c.CounterpartyId}/edit"),
        [("/customers/counterparties/{id:guid}/edit", "POST", null)] = Post(c => $"/customers/counterparties/{c.CounterpartyId}/edit", _ => [F("Input.Name", "Переименован"), F("Input.Kind", "Legal")]),
        [("/customers/counterparties/export", "GET", null)] = Get(_ => "/customers/counterparties/export?format=csv"),
        [("/customers/counterparties/import", "GET", null)] = Get(_ => "/customers/counterparties/import"),
        [("/customers/contacts", "GET", null)] = Get(_ => "/customers/contacts?q=a"),
        [("/customers/contacts", "POST", "Assign")] = Post(_ => "/customers/contacts?handler=Assign", c => [F("ids", c.ContactId), F("responsibleId", c.VictimId)]),
        [("/customers/contacts", "POST", "Tag")] = Post(_ => "/customers/contacts?handler=Tag", c => [F("ids", c.ContactId), F("tag", "vip")]),
        [("/customers/contacts", "POST", "Delete")] = Post(_ => "/customers/contacts?handler=Delete", c => [F("ids", c.ContactId)]),
        [("/customers/contacts/{id:guid}", "GET", null)] = Get(c => $"/customers/contacts/{c.ContactId}"),
        [("/customers/contacts/{id:guid}", "POST", "Delete")] = Post(c => $"/customers/contacts/{c.ContactId}?handler=Delete"),
        [("/customers/contacts/{id:guid}", "POST", "Merge")] = Post(c => $"/customers/contacts/{c.ContactId}?handler=Merge", c => [F("other", c.OtherContactCode)]),
        [("/customers/contacts/new", "GET", null)] = Get(_ => "/customers/contacts/new"),
        [("/customers/contacts/new", "POST", null)] = Post(_ => "/customers/contacts/new", _ => [F("Input.Surname", "Новиков")]),
        [("/customers/contacts/{id:guid}/edit", "GET", null)] = Get(c => $"/customers/contacts/{c.ContactId}/edit"),
        [("/customers/contacts/{id:guid}/edit", "POST", null)] = Post(c => $"/customers/contacts/{c.ContactId}/edit", _ => [F("Input.Surname", "Переименов")]),
        [("/customers/contacts/export", "GET", null)] = Get(_ => "/customers/contacts/export?format=xlsx"),
        [("/customers/contacts/import", "GET", null)] = Get(_ => "/customers/contacts/import"),
        [("/api/v1/counterparties", "GET", null)] = Get(_ => "/api/v1/counterparties"),
        [("/api/v1/counterparties", "POST", null)] = Api("POST", _ => "/api/v1/counterparties", """{"name":"API","inn":"7736207543"}"""),
        [("/api/v1/counterparties/{id:guid}", "GET", null)] = Get(c => $"/api/v1/counterparties/{c.CounterpartyId}"),
        [("/api/v1/counterparties/{id:guid}", "PATCH", null)] = Api("PATCH", c => $"/api/v1/counterparties/{c.CounterpartyId}", """{"notes":"patched"}"""),
        [("/api/v1/counterparties/{id:guid}", "DELETE", null)] = Api("DELETE", c => $"/api/v1/counterparties/{c.CounterpartyId}"),
        [("/api/v1/contacts", "GET", null)] = Get(_ => "/api/v1/contacts"),
        [("/api/v1/contacts", "POST", null)] = Api("POST", _ => "/api/v1/contacts", """{"surname":"Апиев"}"""),
        [("/api/v1/contacts/{id:guid}", "GET", null)] = Get(c => $"/api/v1/contacts/{c.ContactId}"),
        [("/api/v1/contacts/{id:guid}", "PATCH", null)] = Api("PATCH", c => $"/api/v1/contacts/{c.ContactId}", """{"position":"CEO"}"""),
        [("/api/v1/contacts/{id:guid}", "DELETE", null)] = Api("DELETE", c => $"/api/v1/contacts/{c.ContactId}"),
        [("/deals/board", "GET", null)] = Get(_ => "/deals/board"),
        [("/deals/board", "POST", "Move")] = Post(_ => "/deals/board?handler=Move", c => [F("id", c.Sales.DealId), F("stageId", c.Sales.OtherStageId)]),
        [("/deals", "GET", null)] = Get(_ => "/deals"),
        [("/deals", "POST", "Assign")] = Post(_ => "/deals?handler=Assign", c => [F("ids", c.Sales.DealId), F("responsibleId", c.VictimId)]),
        [("/deals", "POST", "Delete")] = Post(_ => "/deals?handler=Delete", c => [F("ids", c.Sales.DealId)]),
        [("/deals/export", "GET", null)] = Get(_ => "/deals/export"),
        [("/deals/new", "GET", null)] = Get(_ => "/deals/new"),
        [("/deals/new", "POST", null)] = Post(_ => "/deals/new", c => [F("Form.Title", "New deal"), F("Form.StageId", c.Sales.FirstStageId), F("Form.ResponsibleId", c.VictimId)]),
        [("/deals/{id:guid}", "GET", null)] = Get(c => $"/deals/{c.Sales.DealId}"),
        [("/deals/{id:guid}", "POST", "Save")] = Post(c => $"/deals/{c.Sales.DealId}?handler=Save", c => [F("Form.Title", "Renamed deal")]),
        [("/deals/{id:guid}", "POST", "Move")] = Post(c => $"/deals/{c.Sales.DealId}?handler=Move", c => [F("stageId", c.Sales.OtherStageId)]),
        [("/deals/{id:guid}", "POST", "Delete")] = Post(c => $"/deals/{c.Sales.DealId}?handler=Delete"),
        [("/deals/{id:guid}", "POST", "LogActivity")] = Post(c => $"/deals/{c.Sales.DealId}?handler=LogActivity", _ => [F("kind", "Meeting"), F("subject", "Met")]),
        [("/deals/{id:guid}", "POST", "AddTask")] = Post(c => $"/deals/{c.Sales.DealId}?handler=AddTask", c => [F("title", "Call back"), F("assigneeId", c.VictimId)]),
        [("/tasks", "GET", null)] = Get(_ => "/tasks?view=all"),
        [("/tasks", "POST", "Complete")] = Post(c => $"/tasks?handler=Complete&id={c.Sales.TaskId}"),
        [("/tasks/export", "GET", null)] = Get(_ => "/tasks/export?view=all"),
        [("/tasks/new", "GET", null)] = Get(_ => "/tasks/new"),
        [("/tasks/new", "POST", null)] = Post(_ => "/tasks/new", c => [F("Form.Title", "New task"), F("Form.AssigneeId", c.VictimId), F("Form.Priority", "High")]),
        [("/tasks/{id:guid}", "GET", null)] = Get(c => $"/tasks/{c.Sales.TaskId}"),
        [("/tasks/{id:guid}", "POST", "Save")] = Post(c => $"/tasks/{c.Sales.TaskId}?handler=Save",
            c => [F("Form.Title", "Renamed task"), F("Form.AssigneeId", c.VictimId), F("Form.Priority", "Low"), F("Form.Status", "InProgress")]),
        [("/tasks/{id:guid}", "POST", "Complete")] = Post(c => $"/tasks/{c.Sales.TaskId}?handler=Complete"),
        [("/tasks/{id:guid}", "POST", "Delete")] = Post(c => $"/tasks/{c.Sales.TaskId}?handler=Delete"),
        [("/activities", "GET", null)] = Get(_ => "/activities"),
        [("/activities", "POST", "Delete")] = Post(c => $"/activities?handler=Delete&id={c.Sales.ActivityId}"),
        [("/activities/export", "GET", null)] = Get(_ => "/activities/export"),
        [("/sales/pipelines", "GET", null)] = Get(_ => "/sales/pipelines"),
        [("/sales/pipelines", "POST", null)] = Post(_ => "/sales/pipelines?handler=CreatePipeline", _ => [F("name", "Wholesale")]),
        [("/api/v1/pipelines", "GET", null)] = Get(_ => "/api/v1/pipelines"),
        [("/api/v1/pipelines", "POST", null)] = Api("POST", _ => "/api/v1/pipelines", """{"name": "API pipeline"}"""),
        [("/api/v1/pipelines/{id:guid}", "PATCH", null)] = Api("PATCH", c => $"/api/v1/pipelines/{c.Sales.PipelineId}", """{"name": "Renamed pipeline"}"""),
        [("/api/v1/pipelines/{id:guid}", "DELETE", null)] = Api("DELETE", c => $"/api/v1/pipelines/{c.Sales.SparePipelineId}"),
        [("/api/v1/pipelines/{id:guid}/stages", "POST", null)] = Api("POST", c => $"/api/v1/pipelines/{c.Sales.PipelineId}/stages", """{"name": "API stage", "probability": 30}"""),
        [("/api/v1/pipelines/{id:guid}/stages/{stageId:guid}", "PATCH", null)] = Api("PATCH", c => $"/api/v1/pipelines/{c.Sales.PipelineId}/stages/{c.Sales.OtherStageId}", """{"probability": 35}"""),
        [("/api/v1/pipelines/{id:guid}/stages/order", "PUT", null)] = ApiFor("PUT", c => $"/api/v1/pipelines/{c.Sales.SparePipelineId}/stages/order", c => $$"""{"stageIds": ["{{c.Sales.SpareStageId}}"]}"""),
        [("/api/v1/pipelines/{id:guid}/stages/{stageId:guid}", "DELETE", null)] = Api("DELETE", c => $"/api/v1/pipelines/{c.Sales.PipelineId}/stages/{c.Sales.OtherStageId}"),
        [("/sales/pick/counterparties", "GET", null)] = Get(_ => "/sales/pick/counterparties?q=a"),
        [("/sales/pick/contacts", "GET", null)] = Get(_ => "/sales/pick/contacts?q=a"),
        [("/sales/pick/responsibles", "GET", null)] = Get(_ => "/sales/pick/responsibles?q=a"),
        [("/sales/pick/assignees", "GET", null)] = Get(_ => "/sales/pick/assignees?q=a"),
        [("/sales/reminder", "GET", null)] = Get(_ => "/sales/reminder"),
        [("/api/v1/deals", "GET", null)] = Get(_ => "/api/v1/deals"),
        [("/api/v1/deals", "POST", null)] = ApiFor("POST", _ => "/api/v1/deals", _ => """{"title": "API deal", "amount": 10.5}"""),
        [("/api/v1/deals/{id:guid}", "GET", null)] = Get(c => $"/api/v1/deals/{c.Sales.DealId}"),
        [("/api/v1/deals/{id:guid}", "PATCH", null)] = ApiFor("PATCH", c => $"/api/v1/deals/{c.Sales.DealId}", c => $$"""{"stageId": "{{c.Sales.OtherStageId}}"}"""),
        [("/api/v1/deals/{id:guid}", "DELETE", null)] = Api("DELETE", c => $"/api/v1/deals/{c.Sales.DealId}"),
        [("/api/v1/tasks", "GET", null)] = Get(_ => "/api/v1/tasks"),
        [("/api/v1/tasks", "POST", null)] = ApiFor("POST", _ => "/api/v1/tasks", _ => """{"title": "API task", "priority": "High"}"""),
        [("/api/v1/tasks/{id:guid}", "GET", null)] = Get(c => $"/api/v1/tasks/{c.Sales.TaskId}"),
        [("/api/v1/tasks/{id:guid}", "PATCH", null)] = ApiFor("PATCH", c => $"/api/v1/tasks/{c.Sales.TaskId}", _ => """{"status": "Done"}"""),
        [("/api/v1/tasks/{id:guid}", "DELETE", null)] = Api("DELETE", c => $"/api/v1/tasks/{c.Sales.TaskId}"),
        [("/api/v1/activities", "GET", null)] = Get(_ => "/api/v1/activities"),
        [("/api/v1/activities", "POST", null)] = ApiFor("POST", _ => "/api/v1/activities",
            c => $$"""{"kind": "Email", "subject": "Sent the offer", "recordType": "deal", "recordId": "{{c.Sales.DealId}}"}"""),
        [("/api/v1/activities/{id:guid}", "GET", null)] = Get(c => $"/api/v1/activities/{c.Sales.ActivityId}"),
        [("/api/v1/activities/{id:guid}", "PATCH", null)] = ApiFor("PATCH", c => $"/api/v1/activities/{c.Sales.ActivityId}", _ => """{"durationMinutes": 15}"""),
        [("/api/v1/activities/{id:guid}", "DELETE", null)] = Api("DELETE", c => $"/api/v1/activities/{c.Sales.ActivityId}"),
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
            var customers = await Modules.Customers.CustomersFixtures.SampleAsync(sp, victim.Id);
            var sales = await SalesFixtures.SampleAsync(sp, victim.Id);
            return new Context(victim.Id, group.Id, department.Id, root.Id, empty.Id,
                files.FolderId, files.OtherFolderId, files.FileId, files.DeletedFolderId, files.DeletedFileId,
                customers.CounterpartyId, customers.OtherCounterpartyCode, customers.ContactId, customers.OtherContactCode, sales);
        });
    }
}

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
    public sealed record Context(Guid VictimId, Guid GroupId, Guid DepartmentId, Guid RootDepartmentId, Guid EmptyDepartmentId);

    public sealed record Sample(string Method, Func<Context, string> Path, Func<Context, IEnumerable<KeyValuePair<string, string>>> Form);

    private static Sample Get(Func<Context, string> path) => new("GET", path, _ => []);

    private static Sample Post(Func<Context, string> path, Func<Context, IEnumerable<KeyValuePair<string, string>>>? form = null) =>
        new("POST", path, form ?? (_ => []));

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
        [("/journal/worktime", "GET", null)] = Get(c => $"/journal/worktime?from=2026-03-01&to=2026-03-31&department={c.DepartmentId}"),
        [("/journal/worktime/export", "GET", null)] = Get(_ => "/journal/worktime/export?format=xlsx"),
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
            return new Context(victim.Id, group.Id, department.Id, root.Id, empty.Id);
        });
    }
}

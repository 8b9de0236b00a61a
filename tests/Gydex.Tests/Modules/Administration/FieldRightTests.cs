using System.Net;
using Gydex.Kernel.Access;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Administration;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Modules.Administration;

/// <summary>A field with a right of its own: the user's department, which needs <c>access.departments</c>.</summary>
public sealed class FieldRightTests : IAsyncLifetime
{
    private readonly List<AccessDenial> denials = [];
    private readonly GydexFactory factory;

    public FieldRightTests() =>
        factory = new GydexFactory { TestServices = s => s.AddSingleton<IAccessDenialRecorder>(new Recorder(denials)) };

    private sealed class Recorder(List<AccessDenial> denials) : IAccessDenialRecorder
    {
        public Task RecordAsync(AccessDenial denial, CancellationToken cancellationToken)
        {
            lock (denials)
                denials.Add(denial);
            return Task.CompletedTask;
        }
    }

    public async ValueTask InitializeAsync() => await factory.StartAsync();

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    private async Task<(TestOrg Org, Guid Victim, Guid Root, Guid Sales)> OrganizationAsync()
    {
        var org = await factory.CreateOrgAsync();
        var victim = await factory.AddUserAsync(org, "victim");
        var (root, sales) = await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            var rootId = await db.Set<Department>().Where(d => d.ParentId == null).Select(d => d.Id).SingleAsync();
            var department = new Department { Id = Guid.NewGuid(), Name = "Sales", ParentId = rootId };
            db.Add(department);
            await db.SaveChangesAsync();
            return (rootId, department.Id);
        });
        return (org, victim.Id, root, sales);
    }

    private Task<(string Name, Guid? Department)> VictimAsync(TestOrg org, Guid id) =>
        factory.InOrgAsync(org, async sp => await sp.GetRequiredService<OrgDbContext>().Users.Where(u => u.Id == id)
            .Select(u => new ValueTuple<string, Guid?>(u.DisplayName, u.DepartmentId)).SingleAsync());

    [Fact]
    public async Task Without_the_fields_right_the_field_is_locked_and_a_submitted_value_is_ignored_and_recorded()
    {
        var (org, victim, root, sales) = await OrganizationAsync();
        await factory.UserWithRightsAsync(org, "clerk", AdministrationRights.Users);
        using var clerk = factory.Browser();
        (await clerk.SignInAsync(org.Slug, "clerk", TestOrganizations.Password)).Dispose();
        var page = $"/{org.Slug}/admin/users/{victim}";

        var form = await clerk.GetPageAsync(page);
        using var saved = await clerk.PostFormAsync(page, new Dictionary<string, string>
        {
            ["displayName"] = "Renamed Victim",
            ["departmentId"] = sales.ToString(),
        }, page + "?handler=Save");
        var (name, department) = await VictimAsync(org, victim);

        Assert.Equal(AdministrationRights.Departments.Code, form.QuerySelector("#department")!.GetAttribute("data-field-locked"));
        Assert.True(form.QuerySelector("#department")!.HasAttribute("disabled"));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("Renamed Victim", name);
        Assert.Equal(root, department);
        lock (denials)
            Assert.Contains(denials, d => d.Right == AdministrationRights.Departments && d.Path.Contains("DepartmentId", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_the_fields_right_the_value_is_saved()
    {
        var (org, victim, _, sales) = await OrganizationAsync();
        await factory.UserWithRightsAsync(org, "hr", AdministrationRights.Users, AdministrationRights.Departments);
        using var hr = factory.Browser();
        (await hr.SignInAsync(org.Slug, "hr", TestOrganizations.Password)).Dispose();
        var page = $"/{org.Slug}/admin/users/{victim}";

        var form = await hr.GetPageAsync(page);
        using var saved = await hr.PostFormAsync(page, new Dictionary<string, string>
        {
            ["displayName"] = "Moved Victim",
            ["departmentId"] = sales.ToString(),
        }, page + "?handler=Save");

        Assert.False(form.QuerySelector("#department")!.HasAttribute("disabled"));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(sales, (await VictimAsync(org, victim)).Department);
    }
}

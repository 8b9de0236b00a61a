using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gydex.Kernel.Access;
using Gydex.Kernel.Identity;
using Gydex.Kernel.Persistence;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Modules.Sales;

/// <summary>The API calls and users the sales tests need.</summary>
public static class SalesTestKit
{
    public static async Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, string token, object? body = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        return await client.SendAsync(request);
    }

    /// <summary>A department under the root.</summary>
    public static Task<Guid> DepartmentAsync(this GydexFactory factory, TestOrg org, string name) =>
        factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            var root = await db.Set<Department>().SingleAsync(d => d.ParentId == null);
            var department = new Department { Id = Guid.CreateVersion7(), Name = name, ParentId = root.Id };
            db.Add(department);
            await db.SaveChangesAsync();
            return department.Id;
        });

    /// <summary>An employee of <paramref name="departmentId"/> holding exactly these rights, the scoped ones with <paramref name="scope"/>.</summary>
    public static async Task<GydexUser> EmployeeAsync(this GydexFactory factory, TestOrg org, string login, Guid? departmentId, RightScope scope, params Right[] rights)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var user = await factory.AddUserAsync(org, login);
        await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            var stored = await db.Users.SingleAsync(u => u.Id == user.Id);
            stored.DepartmentId = departmentId;
            foreach (var right in rights)
                db.Set<UserGrant>().Add(new UserGrant { UserId = user.Id, RightCode = right.Code, Scope = right.HasScope ? scope : null });
            await db.SaveChangesAsync();
            return true;
        });
        user.DepartmentId = departmentId;
        return user;
    }

    public static async Task<string> TokenForAsync(this HttpClient client, TestOrg org, string login) =>
        await client.TokenAsync(org.Slug, login, TestOrganizations.Password);

    public static async Task<List<string>> CodesAsync(this HttpResponseMessage response)
    {
        using var json = await response.JsonAsync();
        return json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()!).ToList();
    }
}

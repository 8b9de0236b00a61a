using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gydex.Kernel.Access;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Customers;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Modules.Customers;

/// <summary>Users with scoped customer rights, departments, and API calls with a bearer token.</summary>
public static class CustomersTestKit
{
    /// <summary>Valid requisites (control digits checked by hand against the algorithm).</summary>
    public const string Inn10 = "7707083893";
    public const string OtherInn10 = "7736207543";
    public const string Inn12 = "500100732259";
    public const string Ogrn13 = "1027700132195";
    public const string Kpp = "773601001";

    public static async Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string url, string token, object? body = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is string raw)
            request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        else if (body is not null)
            request.Content = JsonContent.Create(body);
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonOkAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A department under the root.</summary>
    public static Task<Guid> DepartmentAsync(this GydexFactory factory, TestOrg org, string name) =>
        factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            var root = await db.Set<Department>().SingleAsync(d => d.ParentId == null);
            var department = new Department { Id = Guid.NewGuid(), Name = name, ParentId = root.Id };
            db.Add(department);
            await db.SaveChangesAsync();
            return department.Id;
        });

    /// <summary>An employee of <paramref name="department"/> holding exactly these rights with this scope.</summary>
    public static async Task<Guid> ScopedUserAsync(this GydexFactory factory, TestOrg org, string login, Guid? department, RightScope scope, params Right[] rights)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var user = await factory.AddUserAsync(org, login);
        await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            var u = await db.Users.SingleAsync(x => x.Id == user.Id);
            u.DepartmentId = department;
            foreach (var right in rights)
                db.Add(new UserGrant { UserId = user.Id, RightCode = right.Code, Scope = right.HasScope ? scope : null });
            await db.SaveChangesAsync();
            return true;
        });
        return user.Id;
    }

    public static Right[] AllOf(RecordRights rights) => [.. rights.All];

    public static async Task<Guid> CreateCounterpartyAsync(this HttpClient client, TestOrg org, string token, object body)
    {
        using var response = await client.SendAsync(HttpMethod.Post, $"/{org.Slug}/api/v1/counterparties?allowDuplicate=true", token, body);
        return (await response.JsonOkAsync()).GetProperty("id").GetGuid();
    }

    public static async Task<Guid> CreateContactAsync(this HttpClient client, TestOrg org, string token, object body)
    {
        using var response = await client.SendAsync(HttpMethod.Post, $"/{org.Slug}/api/v1/contacts?allowDuplicate=true", token, body);
        return (await response.JsonOkAsync()).GetProperty("id").GetGuid();
    }

    public static async Task<List<string>> NamesAsync(this HttpClient client, string url, string token, string property = "name")
    {
        using var response = await client.SendAsync(HttpMethod.Get, url, token);
        var json = await response.JsonOkAsync();
        return json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(property).GetString()!).ToList();
    }
}

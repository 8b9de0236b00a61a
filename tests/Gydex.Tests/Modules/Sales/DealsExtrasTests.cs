using System.Net;
using Gydex.Kernel.Access;
using Gydex.Kernel.CustomFields;
using Gydex.Kernel.EventLog;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Customers;
using Gydex.Modules.Sales;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Modules.Sales;

/// <summary>Deals with custom fields, counterparties through the Customers directory, the global search and the CSV export.</summary>
public sealed class DealsExtrasTests(SharedHost host)
{
    private readonly GydexFactory factory = host.Factory;

    [Fact]
    public async Task Deals_carry_custom_fields_checked_stored_journaled_and_filtered()
    {
        var org = await factory.CreateOrgAsync();
        await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            db.Add(new CustomFieldDefinition { Id = Guid.CreateVersion7(), EntityType = Deal.CustomFieldsType, Key = "region", Label = "Region", Kind = CustomFieldKind.Text, ShowInList = true, CreatedAt = DateTimeOffset.UtcNow });
            db.Add(new CustomFieldDefinition { Id = Guid.CreateVersion7(), EntityType = Deal.CustomFieldsType, Key = "units", Label = "Units", Kind = CustomFieldKind.Number, CreatedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });
        using var client = factory.Browser();
        var token = await client.TokenForAsync(org, "admin");

        using var bad = await client.SendJsonAsync(HttpMethod.Post, $"/{org.Slug}/api/v1/deals", token, new { title = "Bad units", customFields = new Dictionary<string, string> { ["units"] = "many" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("cf.units", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var north = await client.SendJsonAsync(HttpMethod.Post, $"/{org.Slug}/api/v1/deals", token, new { title = "North", customFields = new Dictionary<string, string> { ["region"] = "Arkhangelsk", ["units"] = "12" } });
        using var south = await client.SendJsonAsync(HttpMethod.Post, $"/{org.Slug}/api/v1/deals", token, new { title = "South", customFields = new Dictionary<string, string> { ["region"] = "Krasnodar" } });
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (north.StatusCode, south.StatusCode));
        using var json = await north.JsonAsync();
        Assert.Equal("Arkhangelsk", json.RootElement.GetProperty("customFields").GetProperty("region").GetString());
        var id = json.RootElement.GetProperty("id").GetGuid();

        using var patched = await client.SendJsonAsync(HttpMethod.Patch, $"/{org.Slug}/api/v1/deals/{id}", token, new { customFields = new Dictionary<string, string> { ["units"] = "15" } });
        using (var body = await patched.JsonAsync())
        {
            Assert.Equal("15", body.RootElement.GetProperty("customFields").GetProperty("units").GetString());
            Assert.Equal("Arkhangelsk", body.RootElement.GetProperty("customFields").GetProperty("region").GetString());
        }

        using var filtered = await client.GetWithTokenAsync($"/{org.Slug}/api/v1/deals?cf.region=Krasn", token);
        Assert.Equal(["DL-000002"], await filtered.CodesAsync());
        using (var browser = await factory.SignedInAsync(org, "admin"))
        {
            var list = await browser.GetPageAsync($"/{org.Slug}/deals?cf.region=Krasn");
            Assert.Equal(["DL-000002"], list.QuerySelectorAll("table[data-table=deals] tbody tr").Select(r => r.GetAttribute("data-code")!));
            Assert.Equal("Krasnodar", list.QuerySelector("tbody td[data-custom-col=region]")!.TextContent);
            var card = await browser.GetPageAsync($"/{org.Slug}/deals/{id}");
            Assert.NotNull(card.QuerySelector("[data-section=custom-fields] [data-custom-field=units]"));
        }

        Assert.True(await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<JournalRecord>().AnyAsync(r => r.DocumentType == "deal" && r.DocumentCode == "DL-000001 · units" && r.Changes!.Contains("15"))));

        using var deleted = await client.SendJsonAsync(HttpMethod.Delete, $"/{org.Slug}/api/v1/deals/{id}", token);
        Assert.Equal(1, await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<CustomFieldValue>().CountAsync()));
    }

    [Fact]
    public async Task A_deal_links_a_counterparty_and_contact_the_user_may_see_and_shows_their_names()
    {
        var org = await factory.CreateOrgAsync();
        var adminId = await factory.UserIdAsync(org, "admin");
        var seller = await factory.EmployeeAsync(org, "seller", null, RightScope.Own, SalesRights.DealsView, SalesRights.DealsCreate, SalesRights.DealsEdit,
            CustomersRights.Counterparties.View);
        var (mine, admins) = await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            Counterparty Make(string name, Guid owner, int n) => new()
            {
                Id = Guid.CreateVersion7(), Number = n, Code = $"CP-{n:D6}", Kind = CounterpartyKind.Legal, Name = name, ResponsibleId = owner,
                SearchText = name.ToUpperInvariant(), CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            };
            var a = Make("Romashka LLC", seller.Id, 1);
            var b = Make("Vasilek LLC", adminId, 2);
            db.AddRange(a, b);
            await db.SaveChangesAsync();
            return (a.Id, b.Id);
        });
        using var client = factory.Browser();
        var token = await client.TokenForAsync(org, "seller");

        using var linked = await client.SendJsonAsync(HttpMethod.Post, $"/{org.Slug}/api/v1/deals", token, new { title = "With Romashka", counterpartyId = mine });
        Assert.Equal(HttpStatusCode.Created, linked.StatusCode);
        using var json = await linked.JsonAsync();
        Assert.Equal("Romashka LLC", json.RootElement.GetProperty("counterparty").GetString());

        using var hidden = await client.SendJsonAsync(HttpMethod.Post, $"/{org.Slug}/api/v1/deals", token, new { title = "With Vasilek", counterpartyId = admins });
        Assert.Equal(HttpStatusCode.BadRequest, hidden.StatusCode);
        using var byCounterparty = await client.GetWithTokenAsync($"/{org.Slug}/api/v1/deals?counterpartyId={mine}", token);
        Assert.Equal(["DL-000001"], await byCounterparty.CodesAsync());
    }

    [Fact]
    public async Task The_global_search_finds_deals_and_tasks_only_within_the_scope()
    {
        var org = await factory.CreateOrgAsync();
        var adminId = await factory.UserIdAsync(org, "admin");
        var seller = await factory.EmployeeAsync(org, "seller", null, RightScope.Own, SalesRights.DealsView, SalesRights.TasksView);
        await factory.InOrgAsync(org, async sp =>
        {
            await SalesFixtures.DealAsync(sp, seller.Id, "Турбина для ТЭЦ");
            await SalesFixtures.DealAsync(sp, adminId, "Турбина для завода");
            await SalesFixtures.TaskAsync(sp, seller.Id, "Позвонить про турбину");
            await SalesFixtures.TaskAsync(sp, adminId, "Отправить турбину");
            return true;
        });
        using var browser = await factory.SignedInAsync(org, "seller");
        var page = await browser.GetPageAsync($"/{org.Slug}/search?q=турбин");
        var hits = page.QuerySelectorAll("[data-hit]").Select(h => h.TextContent).ToList();
        Assert.Contains(hits, h => h.Contains("Турбина для ТЭЦ", StringComparison.Ordinal));
        Assert.Contains(hits, h => h.Contains("Позвонить про турбину", StringComparison.Ordinal));
        Assert.DoesNotContain(hits, h => h.Contains("завода", StringComparison.Ordinal) || h.Contains("Отправить", StringComparison.Ordinal));

        using var admin = await factory.SignedInAsync(org, "admin");
        var byCode = await admin.GetPageAsync($"/{org.Slug}/search?q=DL-000002");
        Assert.Contains(byCode.QuerySelectorAll("[data-hit]"), h => h.TextContent.Contains("Турбина для завода", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_export_holds_the_filtered_deals_within_the_scope_defuses_formulas_and_is_journaled()
    {
        var org = await factory.CreateOrgAsync();
        var adminId = await factory.UserIdAsync(org, "admin");
        var seller = await factory.EmployeeAsync(org, "seller", null, RightScope.Own, SalesRights.DealsView, SalesRights.DealsExport);
        await factory.InOrgAsync(org, async sp =>
        {
            await SalesFixtures.DealAsync(sp, seller.Id, "=HYPERLINK(\"http://evil\")", 10m);
            await SalesFixtures.DealAsync(sp, seller.Id, "Plain deal", 20m);
            await SalesFixtures.DealAsync(sp, adminId, "Admin's secret deal", 30m);
            return true;
        });
        using var browser = await factory.SignedInAsync(org, "seller");
        using var response = await browser.GetAsync(new Uri($"/{org.Slug}/deals/export?sort=title", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csv = await response.Content.ReadAsStringAsync();
        var lines = csv.Trim('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.DoesNotContain("secret", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.StartsWith("DL-000001,=", StringComparison.Ordinal) || l.Contains(",=HYPERLINK", StringComparison.Ordinal));
        Assert.True(await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<JournalRecord>().AnyAsync(r => r.Action == "deals.exported" && r.UserId == seller.Id)));
    }

    [Fact]
    public async Task The_openapi_document_lists_the_sales_endpoints()
    {
        using var client = factory.Browser();
        var json = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        foreach (var path in new[] { "/api/v1/deals", "/api/v1/deals/{id}", "/api/v1/tasks", "/api/v1/tasks/{id}", "/api/v1/activities", "/api/v1/activities/{id}", "/api/v1/pipelines" })
            Assert.Contains($"\"{path}\"", json.Replace("/{org}", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}

using System.Net;
using System.Text.Json;
using Gydex.Kernel.Access;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Customers;
using Gydex.Modules.Sales;
using Gydex.Tests.Infrastructure;
using Gydex.Tests.Modules.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Modules.Sales;

/// <summary>
/// The search-as-you-type pickers of the deal form: at most 20 matches, within the user's scope, never another
/// organization's; what the form posts (a picked id or typed text) is checked on the server.
/// </summary>
public sealed class SalesPickersTests(SharedHost host)
{
    private readonly GydexFactory factory = host.Factory;

    private static readonly Right[] ManagerRights =
    [
        CustomersRights.Counterparties.View, CustomersRights.Contacts.View, SalesRights.DealsView, SalesRights.DealsCreate, SalesRights.DealsEdit,
    ];

    /// <summary>An organization with a department manager, 25 counterparties and contacts of his department, one of another department.</summary>
    private async Task<Setup> SetUpAsync()
    {
        var org = await factory.CreateOrgAsync();
        var client = factory.Browser();
        var token = await client.TokenForAsync(org, "admin");
        var sales = await factory.DepartmentAsync(org, "Sales");
        var support = await factory.DepartmentAsync(org, "Support");
        var manager = await factory.ScopedUserAsync(org, "manager", sales, RightScope.Department, ManagerRights);
        var colleague = await factory.ScopedUserAsync(org, "colleague", sales, RightScope.Own, CustomersRights.Counterparties.View);
        var outsider = await factory.ScopedUserAsync(org, "outsider", support, RightScope.Own, CustomersRights.Counterparties.View);
        var ours = new List<Guid>();
        for (var i = 1; i <= 25; i++)
            ours.Add(await client.CreateCounterpartyAsync(org, token, new { name = $"Ромашка {i:00}", responsibleId = colleague }));
        var theirs = await client.CreateCounterpartyAsync(org, token, new { name = "Ромашка Юг", responsibleId = outsider });
        var ourContact = await client.CreateContactAsync(org, token, new { surname = "Иванов", name = "Пётр", responsibleId = colleague });
        var theirContact = await client.CreateContactAsync(org, token, new { surname = "Иванова", name = "Анна", responsibleId = outsider });
        return new Setup(org, client, manager, ours, theirs, ourContact, theirContact);
    }

    private sealed record Setup(TestOrg Org, HttpClient Admin, Guid Manager, List<Guid> Ours, Guid Theirs, Guid OurContact, Guid TheirContact);

    private static async Task<List<(Guid Id, string Text)>> PickAsync(HttpClient browser, string url)
    {
        using var response = await browser.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("id").GetGuid(), i.GetProperty("text").GetString()!)).ToList();
    }

    [Fact]
    public async Task A_manager_is_offered_at_most_20_counterparties_and_contacts_of_his_department_and_none_of_another_or_of_another_org()
    {
        var s = await SetUpAsync();
        var other = await factory.CreateOrgAsync();
        var otherToken = await s.Admin.TokenForAsync(other, "admin");
        var foreign = await s.Admin.CreateCounterpartyAsync(other, otherToken, new { name = "Ромашка Чужая" });
        using var manager = await factory.SignedInAsync(s.Org, "manager");

        // Typed in lower case: Cyrillic matches on SQLite too; by name, 20 at most.
        var offered = await PickAsync(manager, $"/{s.Org.Slug}/sales/pick/counterparties?q=ромашка");
        Assert.Equal(SalesCustomers.PickSize, offered.Count);
        Assert.All(offered, o => Assert.Contains(o.Id, s.Ours));
        Assert.Equal("Ромашка 01", offered[0].Text[..10]);
        Assert.Empty(await PickAsync(manager, $"/{s.Org.Slug}/sales/pick/counterparties?q=Юг"));
        Assert.Empty(await PickAsync(manager, $"/{s.Org.Slug}/sales/pick/counterparties?q=Чужая"));
        Assert.DoesNotContain(await PickAsync(manager, $"/{s.Org.Slug}/sales/pick/counterparties"), o => o.Id == s.Theirs || o.Id == foreign);

        // A chosen item's own text finds exactly that record.
        var chosen = offered[4];
        Assert.Equal([chosen], await PickAsync(manager, $"/{s.Org.Slug}/sales/pick/counterparties?q={Uri.EscapeDataString(chosen.Text)}"));

        var contacts = await PickAsync(manager, $"/{s.Org.Slug}/sales/pick/contacts?q=иванов");
        Assert.Equal([s.OurContact], contacts.Select(c => c.Id));

        // The administrator sees the other department's too, still not the other organization's.
        using var admin = await factory.SignedInAsync(s.Org, "admin");
        Assert.Equal([s.Theirs], (await PickAsync(admin, $"/{s.Org.Slug}/sales/pick/counterparties?q=юг")).Select(o => o.Id));
        Assert.Empty(await PickAsync(admin, $"/{s.Org.Slug}/sales/pick/counterparties?q=Чужая"));
    }

    [Fact]
    public async Task Without_the_view_right_of_counterparties_the_picker_answers_nothing()
    {
        var s = await SetUpAsync();
        await factory.ScopedUserAsync(s.Org, "dealer", null, RightScope.All, SalesRights.DealsView, SalesRights.DealsCreate);
        using var dealer = await factory.SignedInAsync(s.Org, "dealer");
        using var response = await dealer.GetAsync(new Uri($"/{s.Org.Slug}/sales/pick/counterparties?q=ромашка", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Ромашка", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_deal_form_takes_a_picked_id_or_typed_text_and_refuses_another_departments_or_orgs_counterparty()
    {
        var s = await SetUpAsync();
        var other = await factory.CreateOrgAsync();
        var foreign = await s.Admin.CreateCounterpartyAsync(other, await s.Admin.TokenForAsync(other, "admin"), new { name = "Ромашка Чужая" });
        using var manager = await factory.SignedInAsync(s.Org, "manager");
        var url = $"/{s.Org.Slug}/deals/new";

        async Task<(HttpStatusCode Status, string Errors)> PostAsync(Dictionary<string, string> fields)
        {
            fields["Form.Title"] = "Поставка";
            using var response = await manager.PostFormAsync(url, fields);
            return (response.StatusCode, response.StatusCode == HttpStatusCode.Redirect ? "" : Html.Errors(await Html.ParseAsync(response)));
        }

        foreach (var refused in new[] { s.Theirs, foreign })
        {
            var (status, errors) = await PostAsync(new() { ["Form.CounterpartyId"] = refused.ToString() });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
            Assert.Contains("Unknown counterparty", errors, StringComparison.Ordinal);
        }

        // Typed without choosing (no script): one match is taken, none or several are explained.
        var none = await PostAsync(new() { ["Form.CounterpartyText"] = "Ромашка Юг" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, none.Status);
        Assert.Contains("No counterparty you may see matches", none.Errors, StringComparison.Ordinal);
        var several = await PostAsync(new() { ["Form.CounterpartyText"] = "ромашка" });
        Assert.Contains("Several counterparties match", several.Errors, StringComparison.Ordinal);
        Assert.Equal(0, await factory.InOrgAsync(s.Org, sp => sp.GetRequiredService<OrgDbContext>().Set<Deal>().CountAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(new() { ["Form.CounterpartyText"] = "ромашка 07", ["Form.ContactText"] = "иванов" })).Status);
        // Picked with the script: the id, with the text shown for it.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(new()
        {
            ["Form.CounterpartyId"] = s.Ours[2].ToString(), ["Form.CounterpartyText"] = "Ромашка 03 (x)", ["Form.CounterpartyShown"] = "Ромашка 03 (x)",
        })).Status);
        var deals = await factory.InOrgAsync(s.Org, sp => sp.GetRequiredService<OrgDbContext>().Set<Deal>().OrderBy(d => d.Number).ToListAsync());
        Assert.Equal([(s.Ours[6], (Guid?)s.OurContact), (s.Ours[2], null)], deals.Select(d => (d.CounterpartyId!.Value, d.ContactId)));

        // The card shows the picked counterparty by name in its picker.
        var page = await manager.GetPageAsync($"/{s.Org.Slug}/deals/{deals[0].Id}");
        Assert.StartsWith("Ромашка 07 (CP-", page.QuerySelector("#Form_CounterpartyId")!.GetAttribute("value"), StringComparison.Ordinal);
        Assert.Equal(s.Ours[6].ToString(), page.QuerySelector("input[name='Form.CounterpartyId']")!.GetAttribute("value"));
        Assert.Equal(page.QuerySelector("#Form_CounterpartyId")!.GetAttribute("value"), page.QuerySelector("input[name='Form.CounterpartyShown']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Employees_are_picked_by_part_of_the_name_in_any_case_and_a_typed_name_becomes_the_responsible_or_assignee()
    {
        var org = await factory.CreateOrgAsync();
        var ivan = await factory.AddUserAsync(org, "ivan");
        var ivanova = await factory.AddUserAsync(org, "ivanova");
        var gone = await factory.AddUserAsync(org, "gone");
        await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            (await db.Users.SingleAsync(u => u.Id == ivan.Id)).DisplayName = "Иван Петров";
            (await db.Users.SingleAsync(u => u.Id == ivanova.Id)).DisplayName = "Мария Иванова";
            var disabled = await db.Users.SingleAsync(u => u.Id == gone.Id);
            disabled.DisplayName = "Иван Уволенный";
            disabled.IsDisabled = true;
            await db.SaveChangesAsync();
            return true;
        });
        using var admin = await factory.SignedInAsync(org, "admin");

        Assert.Equal(new[] { ivan.Id, ivanova.Id }.Order(), (await PickAsync(admin, $"/{org.Slug}/sales/pick/responsibles?q=ИВАН")).Select(p => p.Id).Order());
        Assert.Equal([ivanova.Id], (await PickAsync(admin, $"/{org.Slug}/sales/pick/assignees?q=иванова")).Select(p => p.Id));
        Assert.Empty(await PickAsync(admin, $"/{org.Slug}/sales/pick/assignees?q=уволенный"));

        using (var deal = await admin.PostFormAsync($"/{org.Slug}/deals/new", new Dictionary<string, string> { ["Form.Title"] = "Поставка", ["Form.ResponsibleText"] = "иван петров" }))
            Assert.Equal(HttpStatusCode.Redirect, deal.StatusCode);
        Assert.Equal(ivan.Id, await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<Deal>().Select(d => d.ResponsibleId).SingleAsync()));
        using (var several = await admin.PostFormAsync($"/{org.Slug}/tasks/new", new Dictionary<string, string> { ["Form.Title"] = "Позвонить", ["Form.AssigneeText"] = "иван" }))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, several.StatusCode);
            Assert.Contains("Several employees match", Html.Errors(await Html.ParseAsync(several)), StringComparison.Ordinal);
        }

        using (var task = await admin.PostFormAsync($"/{org.Slug}/tasks/new", new Dictionary<string, string> { ["Form.Title"] = "Позвонить", ["Form.AssigneeText"] = "Иванова" }))
            Assert.Equal(HttpStatusCode.Redirect, task.StatusCode);
        Assert.Equal(ivanova.Id, await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<SalesTask>().Select(t => t.AssigneeId).SingleAsync()));
    }
}

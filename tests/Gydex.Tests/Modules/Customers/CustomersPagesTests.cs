using System.Net;
using Gydex.Kernel.Access;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Customers;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gydex.Tests.Modules.Customers.CustomersTestKit;

namespace Gydex.Tests.Modules.Customers;

/// <summary>The pages: create, read, change and delete through the forms; the duplicate warning; History; search within scope.</summary>
public sealed class CustomersPagesTests(SharedHost host)
{
    private readonly GydexFactory factory = host.Factory;

    [Fact]
    public async Task A_counterparty_is_created_changed_shown_with_its_history_and_deleted_through_the_pages()
    {
        var org = await factory.CreateOrgAsync();
        using var browser = await factory.SignedInAsync(org, "admin");
        var bad = await browser.PostFormAsync($"/{org.Slug}/customers/counterparties/new", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Legal", ["Input.Name"] = "Ромашка", ["Input.Inn"] = "7707083894",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("INN", Html.Errors(await Html.ParseAsync(bad)), StringComparison.Ordinal);

        using var created = await browser.PostFormAsync($"/{org.Slug}/customers/counterparties/new", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Legal", ["Input.Name"] = "Ромашка", ["Input.Inn"] = Inn10, ["Input.Phones"] = "+7 495 123-45-67",
            ["Input.BankAccounts[0].Bik"] = "044525225", ["Input.BankAccounts[0].Account"] = CustomersApiTests.ValidAccount(),
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = created.Location()!;
        var id = Guid.Parse(page[(page.LastIndexOf('/') + 1)..]);

        var details = await browser.GetPageAsync(page);
        Assert.Equal("CP-000001", details.QuerySelector("h1")!.GetAttribute("data-code"));
        Assert.Equal(Inn10, details.QuerySelector("[data-inn]")!.TextContent);

        using var edited = await browser.PostFormAsync($"/{org.Slug}/customers/counterparties/{id}/edit", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Legal", ["Input.Name"] = "Ромашка-М", ["Input.Inn"] = Inn10,
        });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var list = await browser.GetPageAsync($"/{org.Slug}/customers/counterparties");
        Assert.Equal(["Ромашка-М"], list.QuerySelectorAll("[data-name]").Select(a => a.TextContent));
        details = await browser.GetPageAsync(page);
        Assert.NotNull(details.QuerySelector("[data-section=history] tr[data-action='counterparty.changed']"));
        Assert.NotNull(details.QuerySelector("[data-section=history] tr[data-action='counterparty.created']"));
        Assert.Contains("Ромашка-М", details.DocumentElement.TextContent, StringComparison.Ordinal);

        // The same INN again: a warning naming the existing record, nothing saved until confirmed.
        using var duplicate = await browser.PostFormAsync($"/{org.Slug}/customers/counterparties/new", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Legal", ["Input.Name"] = "Ромашка дубль", ["Input.Inn"] = Inn10,
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, duplicate.StatusCode);
        Assert.Contains("CP-000001", (await Html.ParseAsync(duplicate)).QuerySelector("[data-duplicates]")!.TextContent, StringComparison.Ordinal);

        using var deleted = await browser.PostFormAsync(page, new Dictionary<string, string>(), $"{page}?handler=Delete");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        using var gone = await browser.GetAsync(new Uri(page, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_contact_without_consent_is_flagged_and_after_withdrawal_a_colleague_without_the_right_sees_no_personal_data()
    {
        var org = await factory.CreateOrgAsync();
        using var admin = await factory.SignedInAsync(org, "admin");
        using var created = await admin.PostFormAsync($"/{org.Slug}/customers/contacts/new", new Dictionary<string, string>
        {
            ["Input.Surname"] = "Петров", ["Input.Emails"] = "petrov@example.com", ["Input.Phones"] = "+7 916 000-00-00",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = created.Location()!;
        var id = Guid.Parse(page[(page.LastIndexOf('/') + 1)..]);
        Assert.NotNull((await admin.GetPageAsync(page)).QuerySelector("[data-no-consent]"));
        Assert.NotNull((await admin.GetPageAsync($"/{org.Slug}/customers/contacts")).QuerySelector("[data-no-consent]"));

        using var withdrawn = await admin.PostFormAsync($"/{org.Slug}/customers/contacts/{id}/edit", new Dictionary<string, string>
        {
            ["Input.Surname"] = "Петров", ["Input.Emails"] = "petrov@example.com", ["Input.Phones"] = "+7 916 000-00-00",
            ["Input.ConsentDate"] = "2026-01-01", ["Input.ConsentPurpose"] = "рассылка", ["Input.ConsentWithdrawnDate"] = "2026-02-01",
        });
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.NotNull((await admin.GetPageAsync(page)).QuerySelector("[data-emails]"));

        await factory.ScopedUserAsync(org, "colleague", null, RightScope.All, AllOf(CustomersRights.Contacts));
        using var colleague = await factory.SignedInAsync(org, "colleague");
        var seen = await colleague.GetPageAsync(page);
        Assert.NotNull(seen.QuerySelector("[data-personal-hidden]"));
        Assert.Null(seen.QuerySelector("[data-emails]"));
        Assert.DoesNotContain("petrov@example.com", (await colleague.GetPageAsync($"/{org.Slug}/customers/contacts")).DocumentElement.OuterHtml, StringComparison.Ordinal);
        var form = await colleague.GetPageAsync($"/{org.Slug}/customers/contacts/{id}/edit");
        Assert.DoesNotContain("petrov@example.com", form.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Global_search_finds_customers_only_within_the_users_scope()
    {
        var org = await factory.CreateOrgAsync();
        using var admin = await factory.SignedInAsync(org, "admin");
        var token = await admin.TokenAsync(org.Slug, "admin", TestOrganizations.Password);
        var own = await factory.ScopedUserAsync(org, "own", null, RightScope.Own, CustomersRights.Counterparties.View);
        await admin.CreateCounterpartyAsync(org, token, new { name = "Ромашка своя", responsibleId = own });
        await admin.CreateCounterpartyAsync(org, token, new { name = "Ромашка чужая" });
        await admin.CreateContactAsync(org, token, new { surname = "Ромашкин" });

        var adminHits = (await admin.GetPageAsync($"/{org.Slug}/search?q=ромаш")).QuerySelectorAll("[data-hit]").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(3, adminHits.Count);
        using var user = await factory.SignedInAsync(org, "own");
        var result = await user.GetPageAsync($"/{org.Slug}/search?q=ромаш");
        Assert.Equal(["counterparties"], result.QuerySelectorAll("[data-area]").Select(e => e.GetAttribute("data-area")));
        Assert.Single(result.QuerySelectorAll("[data-hit]"));
        Assert.Contains("своя", result.QuerySelector("[data-hit]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_adds_a_custom_field_that_the_form_fills_and_the_list_filters()
    {
        var org = await factory.CreateOrgAsync();
        using var admin = await factory.SignedInAsync(org, "admin");
        using var added = await admin.PostFormAsync($"/{org.Slug}/admin/custom-fields?type=counterparty", new Dictionary<string, string>
        {
            ["label"] = "Отрасль", ["key"] = "industry", ["kind"] = "List", ["options"] = "IT\nРозница", ["showInList"] = "true",
        }, $"/{org.Slug}/admin/custom-fields?type=counterparty&handler=Save");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var form = await admin.GetPageAsync($"/{org.Slug}/customers/counterparties/new");
        Assert.NotNull(form.QuerySelector("[data-custom-field=industry] select"));
        foreach (var (name, industry) in new[] { ("Айти", "IT"), ("Магазин", "Розница") })
        {
            using var r = await admin.PostFormAsync($"/{org.Slug}/customers/counterparties/new", new Dictionary<string, string>
            {
                ["Input.Kind"] = "Legal", ["Input.Name"] = name, ["cf.industry"] = industry,
            });
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        }

        var filtered = await admin.GetPageAsync($"/{org.Slug}/customers/counterparties?cf.industry=IT");
        Assert.Equal(["Айти"], filtered.QuerySelectorAll("[data-name]").Select(a => a.TextContent));
        using var bad = await admin.PostFormAsync($"/{org.Slug}/customers/counterparties/new", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Legal", ["Input.Name"] = "Ошибка", ["cf.industry"] = "Космос",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.NotNull((await Html.ParseAsync(bad)).QuerySelector("[data-error=industry]"));
    }
}

using System.Net;
using Gydex.Tests.Infrastructure;

namespace Gydex.Tests.Modules.Customers;

/// <summary>The contacts list's own forms, posted to the addresses the page writes into them: save and delete a filter, choose columns.</summary>
public sealed class ContactsListFormsTests : IAsyncLifetime
{
    private readonly GydexFactory factory = new();

    public async ValueTask InitializeAsync() => await factory.StartAsync();

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    private static string Action(AngleSharp.Html.Dom.IHtmlDocument page, string selector) =>
        page.QuerySelector(selector)?.GetAttribute("action") ?? throw new InvalidOperationException("no form " + selector);

    [Fact]
    public async Task A_filter_saved_and_deleted_and_columns_chosen_through_the_pages_forms()
    {
        var org = await factory.CreateOrgAsync();
        using var admin = await factory.SignedInAsync(org, "admin");
        var list = $"/{org.Slug}/customers/contacts?q=ива";

        var page = await admin.GetPageAsync(list);
        using (var saved = await admin.PostFormAsync(list, new Dictionary<string, string> { ["name"] = "Ивановы", ["query"] = "?q=ива" },
                   Action(page, "form[data-form=save-filter]")))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        page = await admin.GetPageAsync($"/{org.Slug}/customers/contacts");
        Assert.Equal("?q=ива", Uri.UnescapeDataString(page.QuerySelector("[data-saved-filter='Ивановы']")!.GetAttribute("href")!.Split("contacts")[1]));
        var delete = page.QuerySelector("[data-saved-filters] form")!.GetAttribute("action")!;
        using (var deleted = await admin.PostFormAsync($"/{org.Slug}/customers/contacts", new Dictionary<string, string>(), delete))
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        page = await admin.GetPageAsync($"/{org.Slug}/customers/contacts");
        Assert.Null(page.QuerySelector("[data-saved-filter]"));

        using (var chosen = await admin.PostFormAsync($"/{org.Slug}/customers/contacts",
                   new Dictionary<string, string> { ["columns"] = "updated" }, Action(page, "form[data-form=columns]")))
            Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        page = await admin.GetPageAsync($"/{org.Slug}/customers/contacts");
        Assert.Equal(["updated"], page.QuerySelectorAll("table[data-table=contacts] thead [data-sort]").Select(a => a.GetAttribute("data-sort")));
    }
}

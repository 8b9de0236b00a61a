using System.Net;
using Gydex.Modules.Administration;
using Gydex.Tests.Infrastructure;

namespace Gydex.Tests.Kernel.Help;

/// <summary>Chapters an organization's administrators write: tied to rights like shipped ones, and never running a script.</summary>
public sealed class OrgHelpTests(SharedHost host)
{
    private readonly GydexFactory factory = host.Factory;

    private static Task<HttpResponseMessage> SaveAsync(HttpClient admin, string org, string id, string markdown, params string[] rights)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.Id", id), new("Input.Language", "en"), new("Input.Title", "Our sales rules"), new("Input.Markdown", markdown), new("Input.Order", "5"),
        };
        fields.AddRange(rights.Select(r => new KeyValuePair<string, string>("Input.Rights", r)));
        return PostAsync(admin, org, fields);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient admin, string org, List<KeyValuePair<string, string>> fields)
    {
        fields.Add(new("__RequestVerificationToken", await admin.AntiforgeryTokenAsync($"/{org}/admin/help")));
        using var content = new FormUrlEncodedContent(fields);
        return await admin.PostAsync(new Uri($"/{org}/admin/help", UriKind.Relative), content);
    }

    [Fact]
    public async Task An_organization_chapter_is_shown_only_to_holders_of_its_rights_and_runs_no_script()
    {
        var org = await factory.CreateOrgAsync();
        await factory.UserWithRightsAsync(org, "lead", AdministrationRights.Groups);
        await factory.AddUserAsync(org, "plain");
        using var admin = await factory.SignedInAsync(org, org.AdminLogin);
        const string markdown = "## Discounts\n\nAsk the head of sales.<script>alert(1)</script>\n\n[evil](javascript:alert(2)) and <b onclick=alert(3)>bold</b> and [users](help:administration-users)";

        using var saved = await SaveAsync(admin, org.Slug, "sales-rules", markdown, AdministrationRights.Groups.Code);
        using var lead = await factory.SignedInAsync(org, "lead");
        using var plain = await factory.SignedInAsync(org, "plain");
        using var leadPage = await lead.GetAsync(new Uri($"/{org.Slug}/help/sales-rules", UriKind.Relative));
        var html = await leadPage.Content.ReadAsStringAsync();
        var article = (await Html.ParseAsync(leadPage)).QuerySelector("article")!;
        using var plainPage = await plain.GetAsync(new Uri($"/{org.Slug}/help/sales-rules", UriKind.Relative));
        var leadContents = await lead.GetPageAsync($"/{org.Slug}/help");
        var plainContents = await plain.GetPageAsync($"/{org.Slug}/help");
        var leadSearch = await lead.GetPageAsync($"/{org.Slug}/help?q=discount");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, leadPage.StatusCode);
        Assert.Contains("Ask the head of sales.", article.TextContent, StringComparison.Ordinal);
        Assert.Empty(article.QuerySelectorAll("script, [onclick]"));
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(article.QuerySelector("a[href$='/help/administration-users']"));
        Assert.Equal(HttpStatusCode.NotFound, plainPage.StatusCode);
        Assert.NotNull(leadContents.QuerySelector("[data-section=contents] [data-chapter=sales-rules]"));
        Assert.Null(plainContents.QuerySelector("[data-chapter=sales-rules]"));
        Assert.NotNull(leadSearch.QuerySelector("[data-section=results] [data-chapter=sales-rules]"));
    }

    [Theory]
    [InlineData("Bad Address", "lowercase latin")]
    [InlineData("signing-in", "shipped with Gydex")]
    public async Task A_chapter_with_a_bad_or_taken_address_is_refused(string id, string message)
    {
        var org = await factory.CreateOrgAsync();
        using var admin = await factory.SignedInAsync(org, org.AdminLogin);

        using var response = await SaveAsync(admin, org.Slug, id, "text");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, Html.Errors(await Html.ParseAsync(response)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chapter_naming_an_unknown_right_is_refused()
    {
        var org = await factory.CreateOrgAsync();
        using var admin = await factory.SignedInAsync(org, org.AdminLogin);

        using var response = await SaveAsync(admin, org.Slug, "rules", "text", "no.such.right");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Unknown right", Html.Errors(await Html.ParseAsync(response)), StringComparison.Ordinal);
    }
}

using System.Net;
using Gydex.Tests.Infrastructure;

namespace Gydex.Tests.Modules.Customers;

/// <summary>The checks' messages that carry a value ("At most 300 characters.", a bad e-mail) are shown in Russian too.</summary>
public sealed class CustomersValidationTextsTests(SharedHost host)
{
    private readonly GydexFactory factory = host.Factory;

    [Fact]
    public async Task A_too_long_name_and_a_bad_e_mail_are_explained_in_Russian_with_their_values()
    {
        var org = await factory.CreateOrgAsync();
        using var browser = await factory.SignedInAsync(org, "admin");
        using (var culture = await browser.PostFormAsync($"/{org.Slug}/", new Dictionary<string, string> { ["language"] = "ru", ["returnUrl"] = $"/{org.Slug}/" }, $"/{org.Slug}/culture"))
            Assert.Equal(HttpStatusCode.Redirect, culture.StatusCode);

        using var bad = await browser.PostFormAsync($"/{org.Slug}/customers/counterparties/new", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Legal", ["Input.Name"] = new string('Я', 301), ["Input.Emails"] = "not-an-address",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var errors = Html.Errors(await Html.ParseAsync(bad));
        Assert.Contains("Не длиннее 300 символов.", errors, StringComparison.Ordinal);
        Assert.Contains("Это не адрес электронной почты: not-an-address", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("At most", errors, StringComparison.Ordinal);
    }
}

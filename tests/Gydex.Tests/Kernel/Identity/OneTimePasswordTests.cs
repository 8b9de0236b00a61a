using System.Net;
using Gydex.Kernel.Organizations;
using Gydex.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Kernel.Identity;

public sealed class OneTimePasswordTests(SharedHost host)
{
    private readonly GydexFactory factory = host.Factory;

    [Fact]
    public async Task A_new_administrator_must_replace_the_one_time_password_first()
    {
        var slug = "t" + Guid.NewGuid().ToString("N")[..10];
        ProvisioningResult created;
        await using (var scope = factory.Services.CreateAsyncScope())
            created = await scope.ServiceProvider.GetRequiredService<OrganizationProvisioner>()
                .CreateAsync(new NewOrganization(slug, "One-time", "UTC", "en", "boss"), CancellationToken.None);
        using var browser = factory.Browser();

        using var signIn = await browser.SignInAsync(slug, "boss", created.AdminPassword!);
        using var dashboard = await browser.GetAsync(new Uri($"/{slug}/", UriKind.Relative));
        using var changed = await browser.PostFormAsync($"/{slug}/profile/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = created.AdminPassword!,
            ["Input.NewPassword"] = "my-own-secret-7",
            ["Input.ConfirmPassword"] = "my-own-secret-7",
        });
        using var dashboardAfter = await browser.GetAsync(new Uri($"/{slug}/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
        Assert.Equal($"/{slug}/profile/password", dashboard.Location());
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, dashboardAfter.StatusCode);
    }

    [Fact]
    public async Task A_weak_new_password_is_refused_with_the_policy()
    {
        var org = await factory.CreateOrgAsync();
        using var browser = factory.Browser();
        (await browser.SignInAsync(org.Slug, org.AdminLogin, org.AdminPassword)).Dispose();

        using var response = await browser.PostFormAsync($"/{org.Slug}/profile/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = org.AdminPassword,
            ["Input.NewPassword"] = "short",
            ["Input.ConfirmPassword"] = "short",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = Html.Errors(await Html.ParseAsync(response));
        Assert.Contains("at least 10 characters", errors, StringComparison.Ordinal);
        Assert.Contains("digit", errors, StringComparison.Ordinal);
    }
}

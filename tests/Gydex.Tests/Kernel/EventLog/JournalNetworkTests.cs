using Gydex.Kernel.EventLog;
using Gydex.Kernel.Identity;
using Gydex.Kernel.Persistence;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Kernel.EventLog;

/// <summary>
/// The IP address in a record comes from a real TCP connection (Kestrel, not the test server): X-Forwarded-For
/// is believed only from a configured proxy. The second installation also masks personal data.
/// </summary>
public sealed class JournalNetworkTests
{
    private static async Task<(string? Ip, JournalRecord Created)> SignInWithForwardedAsync(GydexFactory factory)
    {
        factory.UseKestrel(0);
        factory.StartServer();
        await factory.StartAsync();
        var org = await factory.CreateOrgAsync();
        await factory.AddUserAsync(org, "ivanov", email: "ivanov@example.com");
        using var browser = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = factory.ClientOptions.BaseAddress });
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        (await browser.SignInAsync(org.Slug, "ivanov", TestOrganizations.Password)).Dispose();
        return await factory.InOrgAsync(org, async sp =>
        {
            var records = sp.GetRequiredService<OrgDbContext>().Set<JournalRecord>().AsNoTracking();
            return ((await records.SingleAsync(r => r.Action == IdentityJournal.SignedIn.Code)).Ip,
                await records.SingleAsync(r => r.Action == IdentityJournal.UserCreated.Code && r.DocumentCode == "ivanov"));
        });
    }

    [Fact]
    public async Task A_forwarded_address_from_an_untrusted_peer_is_ignored_and_email_is_kept()
    {
        await using var factory = new GydexFactory();
        var (ip, created) = await SignInWithForwardedAsync(factory);
        Assert.Equal("127.0.0.1", ip);
        Assert.Contains(JournalChanges.Parse(created.Changes), c => c.Field == nameof(GydexUser.Email) && c.New == "ivanov@example.com");
    }

    [Fact]
    public async Task A_trusted_proxy_gives_the_clients_address_and_personal_data_can_be_masked()
    {
        await using var factory = new GydexFactory()
            .With("Network:TrustedProxies:0", "127.0.0.1")
            .With("Journal:MaskPersonalData", "true");
        var (ip, created) = await SignInWithForwardedAsync(factory);

        Assert.Equal("203.0.113.7", ip);
        Assert.Contains(JournalChanges.Parse(created.Changes), c => c.Field == nameof(GydexUser.Email) && c.New == "***");
        Assert.DoesNotContain("ivanov@example.com", created.Changes, StringComparison.Ordinal);
    }
}

using System.Net;
using System.Security.Cryptography;
using Gydex.Kernel.Identity;
using Gydex.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Kernel.Identity;

/// <summary>
/// A node remembers what the session and antiforgery cookies it has decrypted decrypt to: the same input is not
/// decrypted again for a while, any other input is, and nothing else changes — over the real data-protection stack.
/// </summary>
public sealed class RememberedUnprotectionTests(SharedHost host)
{
    private const string Session = "Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware";
    private const string Antiforgery = "Microsoft.AspNetCore.Antiforgery.AntiforgeryToken.v1";

    /// <summary>The real ephemeral key ring, counting the decryptions that reach it.</summary>
    private sealed class Counting(IDataProtectionProvider inner) : IDataProtectionProvider
    {
        private int decryptions;

        public int Decryptions => Volatile.Read(ref decryptions);

        public IDataProtector CreateProtector(string purpose) => new Protector(inner.CreateProtector(purpose), this);

        private sealed class Protector(IDataProtector inner, Counting counter) : IDataProtector
        {
            public IDataProtector CreateProtector(string purpose) => new Protector(inner.CreateProtector(purpose), counter);

            public byte[] Protect(byte[] plaintext) => inner.Protect(plaintext);

            public byte[] Unprotect(byte[] protectedData)
            {
                Interlocked.Increment(ref counter.decryptions);
                return inner.Unprotect(protectedData);
            }
        }
    }

    private static (RememberedUnprotection Provider, Counting KeyRing, ManualClock Clock) Create()
    {
        var keyRing = new Counting(new EphemeralDataProtectionProvider());
        var clock = new ManualClock();
        return (new RememberedUnprotection(keyRing, clock), keyRing, clock);
    }

    [Fact]
    public void A_cookie_decrypted_once_is_answered_again_without_decrypting()
    {
        var (provider, keyRing, _) = Create();
        var protector = provider.CreateProtector(Session).CreateProtector("Identity.Application").CreateProtector("v2");
        var cookie = protector.Protect("ticket"u8.ToArray());

        var answers = Enumerable.Range(0, 3).Select(_ => protector.Unprotect(cookie)).ToList();

        Assert.All(answers, a => Assert.Equal("ticket"u8.ToArray(), a));
        Assert.Equal(1, keyRing.Decryptions);
    }

    [Fact]
    public void A_caller_that_changes_its_answer_does_not_change_the_next_one()
    {
        var (provider, _, _) = Create();
        var protector = provider.CreateProtector(Antiforgery);
        var token = protector.Protect([1, 2, 3]);

        protector.Unprotect(token)[0] = 99;

        Assert.Equal([1, 2, 3], protector.Unprotect(token));
    }

    [Fact]
    public void Another_cookie_is_decrypted_and_a_forged_one_refused_even_beside_a_remembered_one()
    {
        var (provider, keyRing, _) = Create();
        var protector = provider.CreateProtector(Session);
        var genuine = protector.Protect("first"u8.ToArray());
        var other = protector.Protect("second"u8.ToArray());
        protector.Unprotect(genuine);

        var forged = (byte[])genuine.Clone();
        forged[^1] ^= 1;

        Assert.Equal("second"u8.ToArray(), protector.Unprotect(other));
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(forged));
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(forged));
        Assert.Equal(4, keyRing.Decryptions);
        Assert.Equal("first"u8.ToArray(), protector.Unprotect(genuine));
        Assert.Equal(4, keyRing.Decryptions);
    }

    [Fact]
    public void An_answer_is_remembered_for_five_minutes_then_decrypted_again()
    {
        var (provider, keyRing, clock) = Create();
        var protector = provider.CreateProtector(Session);
        var cookie = protector.Protect("ticket"u8.ToArray());
        protector.Unprotect(cookie);

        clock.Advance(RememberedUnprotection.RememberFor - TimeSpan.FromSeconds(1));
        protector.Unprotect(cookie);
        Assert.Equal(1, keyRing.Decryptions);

        clock.Advance(TimeSpan.FromSeconds(2));
        protector.Unprotect(cookie);
        Assert.Equal(2, keyRing.Decryptions);
    }

    [Fact]
    public void Other_purposes_are_decrypted_every_time_and_encryption_is_never_remembered()
    {
        var (provider, keyRing, _) = Create();
        var twoFactor = provider.CreateProtector("Gydex.TwoFactor");
        var secret = twoFactor.Protect([7]);

        twoFactor.Unprotect(secret);
        twoFactor.Unprotect(secret);

        Assert.Equal(2, keyRing.Decryptions);
        var antiforgery = provider.CreateProtector(Antiforgery);
        Assert.NotEqual(antiforgery.Protect([1]), antiforgery.Protect([1]));
    }

    [Fact]
    public void The_application_decrypts_its_cookies_through_it()
    {
        Assert.IsType<RememberedUnprotection>(host.Factory.Services.GetRequiredService<IDataProtectionProvider>());
    }

    [Fact]
    public async Task A_session_cookie_changed_by_one_character_is_refused_after_the_genuine_one_was_remembered()
    {
        var org = await host.Factory.CreateOrgAsync();
        using var browser = host.Factory.Browser();
        using var signIn = await browser.SignInAsync(org.Slug, org.AdminLogin, org.AdminPassword);
        var session = signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith(".Gydex.Session=", StringComparison.Ordinal));
        var value = session[".Gydex.Session=".Length..];
        var middle = value.Length / 2;
        var forged = ".Gydex.Session=" + value[..middle] + (value[middle] == 'A' ? 'B' : 'A') + value[(middle + 1)..];
        using var client = host.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        async Task<HttpStatusCode> DashboardAsync(string cookie)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/{org.Slug}/");
            request.Headers.Add("Cookie", cookie);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await DashboardAsync(session));
        Assert.Equal(HttpStatusCode.OK, await DashboardAsync(session));
        Assert.Equal(HttpStatusCode.Redirect, await DashboardAsync(forged));
        Assert.Equal(HttpStatusCode.OK, await DashboardAsync(session));
    }
}

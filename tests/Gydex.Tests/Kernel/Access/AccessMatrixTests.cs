using System.Net;
using Gydex.Kernel.Access;
using Gydex.Kernel.EventLog;
using Gydex.Kernel.Persistence;
using Gydex.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Kernel.Access;

/// <summary>
/// The access-matrix harness. The pairs (endpoint, right) come from the running application — every
/// endpoint that needs a right, every handler right — never from a hand-written list; modules only supply a
/// valid request for each (<see cref="AccessMatrixSamples"/>), and an endpoint without one fails the test.
/// For each pair: a user holding every right except that one is refused and the database is unchanged;
/// the same user with the right gets through.
/// </summary>
public sealed class AccessMatrixTests(SharedHost host)
{
    private readonly GydexFactory factory = host.Factory;

    public sealed record Pair(string Route, string Method, string? Handler, Right Right);

    private List<Pair> Pairs()
    {
        var pairs = new List<Pair>();
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"];
            foreach (var attribute in endpoint.Metadata.OfType<RequiresRightAttribute>())
            {
                foreach (var method in methods)
                {
                    if (AccessMatrixSamples.Has(route, method, null) || method == "GET")
                        pairs.Add(new Pair(route, method, null, attribute.Right));
                }
            }

            foreach (var attribute in endpoint.Metadata.OfType<HandlerRequiresRightAttribute>())
                pairs.Add(new Pair(route, "POST", attribute.Handler, attribute.Right));
        }

        return pairs.Distinct().ToList();
    }

    [Fact]
    public void Every_guarded_endpoint_has_a_sample_request()
    {
        var missing = Pairs().Where(p => !AccessMatrixSamples.Has(p.Route, p.Method, p.Handler)).Select(p => $"{p.Method} {p.Route} {p.Handler}").ToList();

        Assert.True(Pairs().Count > 10, "too few guarded endpoints found: the enumeration is broken");
        Assert.True(missing.Count == 0, "No sample request for: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Without_its_right_every_endpoint_refuses_and_changes_nothing_and_with_it_succeeds()
    {
        var failures = new List<string>();
        foreach (var pair in Pairs().Where(p => AccessMatrixSamples.Has(p.Route, p.Method, p.Handler)))
        {
            try
            {
                await CheckAsync(pair);
            }
            catch (Exception e) when (e is Xunit.Sdk.XunitException or InvalidOperationException)
            {
                failures.Add($"{pair.Method} {pair.Route} {pair.Handler} [{pair.Right.Code}]: {e.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private async Task CheckAsync(Pair pair)
    {
        var org = await factory.CreateOrgAsync();
        var context = await AccessMatrixSamples.PrepareAsync(factory, org);
        var tester = await factory.UserWithAllRightsExceptAsync(org, "tester", pair.Right);
        using var browser = factory.Browser();
        (await browser.SignInAsync(org.Slug, "tester", TestOrganizations.Password)).Dispose();
        var sample = AccessMatrixSamples.Get(pair.Route, pair.Method, pair.Handler);
        var token = await browser.TokenAsync(org.Slug, "tester", TestOrganizations.Password);
        // The first use of a token records when it was used; the bookkeeping must not count as a change.
        (await browser.GetWithTokenAsync($"/{org.Slug}/api/v1/me", token)).Dispose();

        var before = await factory.FingerprintAsync(org);
        using (var denied = await SendAsync(browser, org, sample, context, token))
        {
            var refused = denied.StatusCode == HttpStatusCode.Forbidden
                || (denied.StatusCode == HttpStatusCode.Redirect && (denied.Location() ?? "").Contains("denied=", StringComparison.Ordinal));
            Assert.True(refused, $"without the right: {(int)denied.StatusCode} {denied.Location()}");
        }

        Assert.True(before == await factory.FingerprintAsync(org), "without the right the database changed");
        var last = await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<JournalRecord>().OrderByDescending(r => r.Id).FirstAsync());
        Assert.True(last.Action == "access.denied" && last.Right == pair.Right.Code && last.UserId == tester.Id,
            $"the refusal is not the journal's last record: {last.Action} {last.Right} {last.UserId}");

        await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            // The revocation becomes a grant: now the user holds every right.
            var revocation = await db.Set<UserGrant>().SingleAsync(g => g.UserId == tester.Id && g.IsRevocation);
            revocation.IsRevocation = false;
            revocation.Scope = pair.Right.HasScope ? RightScope.All : null;
            await db.SaveChangesAsync();
            return true;
        });
        using var allowed = await SendAsync(browser, org, sample, context, token);
        var ok = (int)allowed.StatusCode < 400
            && !(allowed.StatusCode == HttpStatusCode.Redirect && (allowed.Location() ?? "").Contains("denied=", StringComparison.Ordinal));
        Assert.True(ok, $"with the right: {(int)allowed.StatusCode} {allowed.Location()}");
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient browser, TestOrg org, AccessMatrixSamples.Sample sample, AccessMatrixSamples.Context context, string apiToken)
    {
        var path = $"/{org.Slug}{sample.Path(context)}";
        if (sample.Json is { } json)
        {
            using var call = new HttpRequestMessage(new HttpMethod(sample.Method), path);
            call.Headers.Authorization = new("Bearer", apiToken);
            var jsonBody = json(context);
            if (jsonBody.Length > 0)
                call.Content = new StringContent(jsonBody, System.Text.Encoding.UTF8, "application/json");
            return await browser.SendAsync(call);
        }

        if (sample.Method == "GET")
        {
            using var get = new HttpRequestMessage(HttpMethod.Get, path);
            if (path.Contains("/api/", StringComparison.Ordinal))
                get.Headers.Authorization = new("Bearer", apiToken);
            return await browser.SendAsync(get);
        }

        // A token from a page every employee may open: the attempt itself must be the only thing checked.
        var token = await browser.AntiforgeryTokenAsync($"/{org.Slug}/profile");
        if (sample.Body is { } body)
        {
            using var upload = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
            upload.Content.Headers.ContentType = new("application/octet-stream");
            if (path.Contains("/api/", StringComparison.Ordinal))
                upload.Headers.Authorization = new("Bearer", apiToken);
            else
                upload.Headers.Add("X-CSRF-TOKEN", token);
            return await browser.SendAsync(upload);
        }

        var form = sample.Form(context).Append(new KeyValuePair<string, string>("__RequestVerificationToken", token)).ToList();
        using var content = new FormUrlEncodedContent(form);
        return await browser.PostAsync(new Uri(path, UriKind.Relative), content);
    }
}

using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Gydex.Tests.Infrastructure;

/// <summary>Reads pages the way a browser would: parsed HTML, forms posted with their antiforgery token.</summary>
public static partial class Html
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    public static async Task<IHtmlDocument> GetPageAsync(this HttpClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}");
        return await ParseAsync(response);
    }

    /// <summary>The antiforgery token of the first form on the page at <paramref name="url"/>.</summary>
    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string url)
    {
        var page = await client.GetPageAsync(url);
        return Token(page);
    }

    public static string Token(IHtmlDocument page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("The page has no antiforgery token.");
    }

    /// <summary>GETs the page (for its token), then POSTs the fields to <paramref name="action"/> (default: the same URL).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string pageUrl, IDictionary<string, string> fields, string? action = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        var token = await client.AntiforgeryTokenAsync(pageUrl);
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        using var content = new FormUrlEncodedContent(form);
        return await client.PostAsync(new Uri(action ?? pageUrl, UriKind.Relative), content);
    }

    /// <summary>Signs in through the real form; returns the response (a redirect on success).</summary>
    public static Task<HttpResponseMessage> SignInAsync(this HttpClient client, string org, string login, string password, bool rememberMe = false) =>
        client.PostFormAsync($"/{org}/login", new Dictionary<string, string>
        {
            ["Input.Login"] = login,
            ["Input.Password"] = password,
            ["Input.RememberMe"] = rememberMe ? "true" : "false",
        });

    /// <summary>The validation messages shown on a page.</summary>
    public static string Errors(IHtmlDocument page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return string.Join(" | ", page.QuerySelectorAll(".validation-summary-errors li, .field-error").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));
    }

    public static string? Location(this HttpResponseMessage response) => response.Headers.Location?.OriginalString;
}

using Gydex.Kernel.Organizations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;

namespace Gydex.Kernel.Web;

/// <summary>
/// The UI language: the user's choice (a cookie bound to the organization's path, set at sign-in from the
/// profile and by the language switch), else the organization's default.
/// </summary>
public sealed class OrgCultureProvider : RequestCultureProvider
{
    public const string OrgCookie = ".Gydex.Culture";
    public const string PlatformCookie = ".Gydex.Culture.Platform";

    public static readonly string[] Languages = ["ru", "en"];

    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var org = httpContext.RequestServices.GetRequiredService<CurrentOrganization>().Organization;
        var chosen = httpContext.Request.Cookies[org is null ? PlatformCookie : OrgCookie];
        var language = IsSupported(chosen) ? chosen : org?.DefaultLanguage;
        return Task.FromResult(IsSupported(language) ? new ProviderCultureResult(language) : null);
    }

    public static bool IsSupported(string? language) => language is not null && Languages.Contains(language, StringComparer.Ordinal);

    /// <summary>Remembers a choice in this browser, for this organization (or the console) only.</summary>
    public static void Remember(HttpContext context, string language)
    {
        ArgumentNullException.ThrowIfNull(context);
        var org = context.RequestServices.GetRequiredService<CurrentOrganization>().IsSet;
        context.Response.Cookies.Append(org ? OrgCookie : PlatformCookie, language, new CookieOptions
        {
            Path = org ? context.Request.PathBase.Value : "/platform",
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(365),
            Secure = context.Request.IsHttps,
        });
    }
}

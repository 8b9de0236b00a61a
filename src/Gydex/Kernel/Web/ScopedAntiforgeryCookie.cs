using Microsoft.AspNetCore.Http;

namespace Gydex.Kernel.Web;

/// <summary>
/// The antiforgery cookie's path: the organization's <c>/{org}</c>, or <c>/platform</c> outside any organization.
/// Never "/": a browser would send a "/" cookie to every organization beside that organization's own, and the
/// server could pick the wrong one of the two.
/// </summary>
public sealed class ScopedAntiforgeryCookie : CookieBuilder
{
    public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = base.Build(context, expiresFrom);
        options.Path = context.Request.PathBase.HasValue ? context.Request.PathBase.Value : "/platform";
        return options;
    }
}

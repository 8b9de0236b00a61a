using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Gydex.Kernel.Identity;
using Gydex.Kernel.Organizations;
using Microsoft.AspNetCore.RateLimiting;

namespace Gydex.Kernel.Web;

/// <summary>
/// Requests per minute of one API token (or, for a cookie session, one user) in one organization: a script
/// looping on the API slows only itself. Endpoints opt in with <c>.RequireRateLimiting(ApiRateLimit.Policy)</c>;
/// the limit is <c>Api:RateLimit:PermitsPerMinute</c> (600 by default). Counted per node.
/// </summary>
public static class ApiRateLimit
{
    public const string Policy = "api-token";

    public static IServiceCollection AddApiRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue("Api:RateLimit:PermitsPerMinute", 600);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                    detail: $"At most {permits} requests a minute per token; try again later.").ExecuteAsync(context.HttpContext);
            };
            o.AddPolicy(Policy, context =>
            {
                var org = context.RequestServices.GetService<CurrentOrganization>()?.Organization?.Slug ?? "";
                var who = context.User.FindFirstValue(GydexClaims.ApiToken) is { } token ? "token:" + token
                    : context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } user ? "user:" + user
                    : "ip:" + context.Connection.RemoteIpAddress;
                return RateLimitPartition.GetFixedWindowLimiter(org + "|" + who, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
                });
            });
        });
        return services;
    }
}

using System.Security.Claims;
using Gydex.Kernel.Identity;
using Gydex.Kernel.Organizations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Gydex.Kernel.Access;

/// <summary>A refused attempt: who tried what without which right.</summary>
public sealed record AccessDenial(Right Right, string Path, string Method, Guid? UserId, string? Login, string? IpAddress);

/// <summary>Records every denial (the event log writes it to the journal).</summary>
public interface IAccessDenialRecorder
{
    Task RecordAsync(AccessDenial denial, CancellationToken cancellationToken);
}

/// <summary>The right an attempt lacked, for the "Access is prohibited" page.</summary>
public sealed class DeniedRightFeature(Right right)
{
    public Right Right { get; } = right;
}

/// <summary>
/// What a denied attempt gets: the page "Access is prohibited" naming the right (HTML, 403) or problem details
/// naming it (API, 403) — and a record of the attempt either way.
/// </summary>
public sealed class AccessDeniedResultHandler(IAccessDenialRecorder recorder, IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        var right = authorizeResult.Forbidden
            ? authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<RightRequirement>().FirstOrDefault()?.Right
            : null;
        if (right is null)
        {
            await fallback.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var user = context.User;
        await recorder.RecordAsync(new AccessDenial(
            right,
            context.Request.PathBase + context.Request.Path,
            context.Request.Method,
            Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null,
            user.Identity?.Name,
            context.Connection.RemoteIpAddress?.ToString()), context.RequestAborted);

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        if (IdentityModule.IsApi(context.Request))
        {
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status403Forbidden,
                    Title = "Access is prohibited",
                    Detail = $"This needs the right '{right.Code}' ({right.Title.En}). Ask your administrator for it.",
                    Extensions = { ["right"] = right.Code },
                },
            });
            return;
        }

        // No body: the status-code pages show "Access is prohibited" with this right named.
        context.Features.Set(new DeniedRightFeature(right));
    }
}

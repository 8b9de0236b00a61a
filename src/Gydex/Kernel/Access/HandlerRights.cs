using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Gydex.Kernel.Access;

/// <summary>A page handler (e.g. <c>OnPostDisable</c>) needs a right beyond the one that opens its page.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class HandlerRequiresRightAttribute(string handler, Right right) : Attribute
{
    public string Handler { get; } = handler;

    public Right Right { get; } = right;
}

/// <summary>
/// Checks handler rights before the handler runs. A refused action stays in its page's context: the page
/// is shown again with "Access is prohibited" naming the right, and the attempt is recorded.
/// </summary>
public sealed class HandlerRightsFilter(CurrentAccess access, IAccessDenialRecorder recorder) : IAsyncPageFilter
{
    public const string DeniedQuery = "denied";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var handler = context.HandlerMethod?.Name;
        var missing = handler is null ? null : context.ActionDescriptor.EndpointMetadata.OfType<HandlerRequiresRightAttribute>()
            .FirstOrDefault(a => a.Handler == handler && !access.Has(a.Right))?.Right;
        if (missing is null)
        {
            // The journal names the handler's own right as the one used.
            if (handler is not null && context.ActionDescriptor.EndpointMetadata.OfType<HandlerRequiresRightAttribute>().FirstOrDefault(a => a.Handler == handler) is { } used)
                context.HttpContext.Features.Set(new EventLog.RightUsedFeature(used.Right));
            await next();
            return;
        }

        var http = context.HttpContext;
        await recorder.RecordAsync(new AccessDenial(missing, http.Request.PathBase + http.Request.Path + "?handler=" + handler, http.Request.Method,
            access.UserId, http.User.Identity?.Name, http.Connection.RemoteIpAddress?.ToString()), http.RequestAborted);
        var query = QueryString.Create(http.Request.Query.Where(q => q.Key is not ("handler" or DeniedQuery))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new KeyValuePair<string, string?>(DeniedQuery, missing.Code)));
        context.Result = new LocalRedirectResult(http.Request.PathBase + http.Request.Path + query);
    }
}

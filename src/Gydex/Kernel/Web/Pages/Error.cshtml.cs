using System.Diagnostics;
using Gydex.Kernel.Organizations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gydex.Kernel.Web.Pages;

/// <summary>Unhandled errors: a request id to quote, never a stack trace.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[EndpointScope(EndpointScopeKind.Global)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string RequestId { get; private set; } = "";

    public void OnGet() => Fill();

    public void OnPost() => Fill();

    private void Fill()
    {
        Response.StatusCode = StatusCodes.Status500InternalServerError;
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
    }
}

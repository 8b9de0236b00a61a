using Gydex.Kernel.Organizations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Gydex.Kernel.Web.Pages;

/// <summary>The page for 4xx/5xx answers without a body of their own (re-executed by the status-code middleware).</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[EndpointScope(EndpointScopeKind.Global)]
public sealed class StatusCodeModel(IStringLocalizer<WebTexts> texts, CurrentOrganization organization) : PageModel
{
    public int Code { get; private set; }

    public string Heading { get; private set; } = "";

    public string Explanation { get; private set; } = "";

    public string? HomeUrl { get; private set; }

    /// <summary>For "Access is prohibited": the right that was missing.</summary>
    public Gydex.Kernel.Access.Right? DeniedRight { get; private set; }

    /// <summary>Whom to ask for it.</summary>
    public IReadOnlyList<string> Administrators { get; private set; } = [];

    public Task OnGetAsync(int code) => FillAsync(code);

    public Task OnPostAsync(int code) => FillAsync(code);

    private async Task FillAsync(int code)
    {
        DeniedRight = HttpContext.Features.Get<Gydex.Kernel.Access.DeniedRightFeature>()?.Right;
        if (DeniedRight is not null && organization.IsSet)
            Administrators = await HttpContext.RequestServices.GetRequiredService<Gydex.Kernel.Access.AccessService>()
                .AdministratorNamesAsync(HttpContext.RequestAborted);
        // Only codes that really were answered; /error/200 typed by hand is a 404.
        Code = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null ? 404 : code;
        Response.StatusCode = Code;
        HomeUrl = organization.IsSet ? Url.Content("~/") : null;
        var unknownOrg = HttpContext.Features.Get<UnknownOrganizationFeature>();
        (Heading, Explanation) = Code switch
        {
            404 when unknownOrg is not null => (texts["Organization not found"], texts["There is no organization at this address. Check the link."]),
            404 => (texts["Page not found"], texts["The page does not exist or has been moved."]),
            403 => (texts["Access is prohibited"], texts["You do not have the right to open this. Ask your administrator for access."]),
            400 => (texts["The request could not be accepted"], texts["The form may have expired. Reload the page and try again."]),
            401 => (texts["Sign-in required"], texts["Sign in to continue."]),
            429 => (texts["Too many requests"], texts["Wait a little and try again."]),
            503 => (texts["Temporarily unavailable"], texts["The service is starting or being updated. Try again in a minute."]),
            _ => (texts["Error"], texts["The request could not be completed."]),
        };
    }
}

using System.Globalization;
using System.Text;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace Gydex.Kernel.Identity.Pages.Profile;

/// <summary>Turning TOTP two-factor sign-in on and off, and the recovery codes.</summary>
[Gydex.Kernel.Access.SignedIn]
public sealed class TwoFactorModel(
    UserManager<GydexUser> users,
    SignInManager<GydexUser> signIn,
    CurrentOrganization organization,
    IStringLocalizer<WebTexts> texts) : PageModel
{
    private const int RecoveryCodeCount = 10;

    public bool Enabled { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    public string SharedKey { get; private set; } = "";

    public string FormattedKey { get; private set; } = "";

    public string QrCodeDataUri { get; private set; } = "";

    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync(string? code)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        var cleaned = (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (cleaned.Length is < 6 or > 8
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, cleaned))
        {
            ModelState.AddModelError("", texts["The code is not valid."]);
            await LoadAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList();
        await signIn.RefreshSignInAsync(user);
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        if (user.TwoFactorEnabled)
            RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList();
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        return LocalRedirect(Url.Content("~/profile/two-factor"));
    }

    private async Task LoadAsync(GydexUser user)
    {
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
        if (Enabled)
            return;
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        SharedKey = key!;
        FormattedKey = string.Join(' ', Enumerable.Range(0, (SharedKey.Length + 3) / 4)
            .Select(i => SharedKey.Substring(i * 4, Math.Min(4, SharedKey.Length - (i * 4))))).ToLowerInvariant();
        var issuer = Uri.EscapeDataString("Gydex " + organization.Required.Name);
        var account = Uri.EscapeDataString(user.UserName ?? "");
        var uri = string.Create(CultureInfo.InvariantCulture, $"otpauth://totp/{issuer}:{account}?secret={SharedKey}&issuer={issuer}&digits=6");
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        QrCodeDataUri = "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
    }
}

using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gydex.Kernel.EventLog.Pages;

/// <summary>Walks the hash chain on request and says whether it is intact or where it breaks.</summary>
public sealed class VerifyModel(JournalVerifier verifier, Journal journal) : PageModel
{
    public JournalVerification? Result { get; private set; }

    public void OnGet()
    {
    }

    public async Task OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        Result = await verifier.VerifyAsync(ct);
        await journal.RecordAsync(new JournalEntry(JournalActions.Verified)
        {
            Comment = Result.Intact ? $"intact: {Result.Checked} records" : $"broken at record {Result.BrokenId}: {Result.Problem}",
        }, ct);
    }
}

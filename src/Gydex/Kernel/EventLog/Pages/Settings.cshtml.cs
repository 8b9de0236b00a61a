using Gydex.Kernel.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Kernel.EventLog.Pages;

/// <summary>Which optional actions are recorded, and the idle threshold of the working-time reports.</summary>
public sealed class SettingsModel(OrgDbContext db, JournalActionCatalog catalog) : PageModel
{
    public IReadOnlyList<JournalAction> Optional => catalog.Actions.Where(a => a.Optional).ToList();

    public HashSet<string> Off { get; private set; } = [];

    [BindProperty]
    public List<string> Enabled { get; set; } = [];

    [BindProperty]
    [System.ComponentModel.DataAnnotations.Range(1, 240, ErrorMessage = "The idle threshold is 1 to 240 minutes.")]
    public int IdleThresholdMinutes { get; set; }

    public bool Saved { get; private set; }

    public async Task OnGetAsync(bool saved = false)
    {
        Saved = saved;
        await LoadAsync();
        IdleThresholdMinutes = (await db.Set<JournalSettings>().AsNoTracking().SingleAsync(HttpContext.RequestAborted)).IdleThresholdMinutes;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var disabled = await db.Set<DisabledJournalAction>().ToListAsync(ct);
        foreach (var action in Optional)
        {
            var on = Enabled.Contains(action.Code);
            var row = disabled.FirstOrDefault(d => d.Action == action.Code);
            if (on && row is not null)
                db.Remove(row);
            else if (!on && row is null)
                db.Add(new DisabledJournalAction { Action = action.Code });
        }

        (await db.Set<JournalSettings>().SingleAsync(ct)).IdleThresholdMinutes = IdleThresholdMinutes;
        await db.SaveChangesAsync(ct);
        return RedirectToPage(new { saved = true });
    }

    private async Task LoadAsync() =>
        Off = (await db.Set<DisabledJournalAction>().AsNoTracking().Select(d => d.Action).ToListAsync(HttpContext.RequestAborted)).ToHashSet(StringComparer.Ordinal);
}

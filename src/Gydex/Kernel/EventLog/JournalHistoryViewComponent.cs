using Microsoft.AspNetCore.Mvc;

namespace Gydex.Kernel.EventLog;

/// <summary>
/// A document's History tab: its latest records and a link to all of them in the journal. Rendered only for
/// those who may see the journal; the page decides which records belong to its document.
/// </summary>
public sealed class JournalHistoryViewComponent(JournalQuery query, JournalView view, Access.CurrentAccess access) : ViewComponent
{
    public const int Shown = 20;

    public async Task<IViewComponentResult> InvokeAsync(JournalFilter filter, string moreLink)
    {
        if (!access.Has(JournalRights.View))
            return Content("");
        var page = await query.PageAsync(filter, Shown, HttpContext.RequestAborted);
        return View("/Kernel/EventLog/Pages/_History.cshtml", (Rows: (IReadOnlyList<JournalRow>)page.Records.Select(view.Row).ToList(), More: page.Next is null ? null : moreLink));
    }
}

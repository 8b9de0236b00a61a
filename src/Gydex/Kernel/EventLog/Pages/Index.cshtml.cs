using Gydex.Kernel.Organizations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gydex.Kernel.EventLog.Pages;

/// <summary>The journal: filters, newest first, keyset paging.</summary>
public sealed class IndexModel(JournalQuery query, JournalView view, CurrentOrganization organization) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public JournalFilterInput Filter { get; set; } = new();

    public List<JournalRow> Rows { get; private set; } = [];

    public long? Next { get; private set; }

    public bool SeesEveryone => query.SeesEveryone;

    public JournalView View => view;

    public List<(Guid Id, string Name)> Users { get; private set; } = [];

    public List<(Guid Id, string Name)> Groups { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (!ModelState.IsValid)
            Filter = new JournalFilterInput();
        var page = await query.PageAsync(Filter.ToFilter(organization.Required), PageSize, ct);
        Rows = page.Records.Select(view.Row).ToList();
        Next = page.Next;
        if (SeesEveryone)
        {
            Users = await view.UsersAsync(ct);
            Groups = await view.GroupsAsync(ct);
        }
    }

    public string Link(string path, long? before)
    {
        var values = Filter.ToQuery();
        if (before is { } b)
            values["before"] = b.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Url.Content(path) + Microsoft.AspNetCore.Http.QueryString.Create(values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }
}

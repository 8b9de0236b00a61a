using Gydex.Kernel.EventLog.WorkTime;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gydex.Kernel.EventLog.Pages;

/// <summary>Working time per employee per day over a period, as a table and two charts.</summary>
public sealed class WorkTimeModel(WorkTimeService service, JournalView view, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public WorkTimeInput Filter { get; set; } = new();

    public WorkTimeFilter? Period { get; private set; }

    public WorkTimeResult? Result { get; private set; }

    public List<(Guid Id, string Name)> Users { get; private set; } = [];

    public List<(Guid Id, string Name, int Depth)> Departments { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Users = await view.UsersAsync(ct);
        Departments = await service.DepartmentsAsync(ct);
        Period = ModelState.IsValid ? Filter.ToFilter(service.Today(clock.GetUtcNow())) : null;
        if (Period is not null)
            Result = await service.BuildAsync(Period, ct);
    }

    public string ExportLink(string format)
    {
        var values = Filter.ToQuery(Period);
        values["format"] = format;
        return Url.Content("~/journal/worktime/export") + Microsoft.AspNetCore.Http.QueryString.Create(values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }
}

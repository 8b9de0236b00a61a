using Gydex.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Gydex.Modules.Sales.Pages;

public sealed class NewTaskModel(Tasks tasks, SalesPeople people, CurrentAccess access, SalesClock time, IStringLocalizer<SalesTexts> texts) : SalesPageModel(texts)
{
    [BindProperty]
    public TaskForm Form { get; set; } = new();

    public IReadOnlyList<Person> People { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? recordType, Guid? recordId)
    {
        if (Request.Method == "GET")
        {
            Form.AssigneeId = access.UserId;
            if (RecordTypes.IsKnown(recordType) && recordId is not null)
            {
                Form.RecordType = recordType;
                Form.RecordId = recordId;
            }
        }

        People = await people.ActiveAsync(HttpContext.RequestAborted);
        await Form.ShowPickedAsync(people, Errors, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var picked = await Form.ResolvePickerAsync(people, HttpContext.RequestAborted);
        if (picked.Count > 0)
            return await OutcomeAsync(SalesResult.Invalid<SalesTask>(picked), () => "", () => OnGetAsync(null, null));
        var result = await tasks.CreateAsync(Form.ToInput(time) with { Status = null, ClearDeadline = false }, HttpContext.RequestAborted);
        if (result.Outcome == SalesOutcome.Done)
            Done("The task has been created.");
        return await OutcomeAsync(result, () => Url.Content($"~/tasks/{result.Value!.Id}"), () => OnGetAsync(null, null));
    }
}

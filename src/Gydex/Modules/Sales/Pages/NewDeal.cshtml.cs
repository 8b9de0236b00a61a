using Gydex.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Gydex.Modules.Sales.Pages;

public sealed class NewDealModel(Deals deals, Pipelines pipelines, SalesPeople people, SalesCustomers customers, CurrentAccess access,
    IStringLocalizer<SalesTexts> texts) : SalesPageModel(texts)
{
    [BindProperty]
    public DealForm Form { get; set; } = new();

    public IReadOnlyList<PipelineView> All { get; private set; } = [];

    public IReadOnlyList<Person> People { get; private set; } = [];

    public IReadOnlyList<SalesCustomers.Choice> Counterparties { get; private set; } = [];

    public IReadOnlyList<SalesCustomers.Choice> Contacts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? counterpartyId, Guid? contactId)
    {
        if (Request.Method == "GET")
        {
            Form.ResponsibleId = access.UserId;
            Form.CounterpartyId = counterpartyId;
            Form.ContactId = contactId;
            Form.StageId = (await pipelines.FindAsync(null, HttpContext.RequestAborted))?.Stages is { Count: > 0 } stages ? stages[0].Id : null;
        }

        var ct = HttpContext.RequestAborted;
        All = await pipelines.AllAsync(ct);
        People = await people.ActiveAsync(ct);
        Counterparties = await customers.CounterpartiesAsync(null, ct);
        Contacts = await customers.ContactsAsync(null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (input, error) = Form.ToInput();
        if (input is null)
            return await OutcomeAsync(SalesResult.Invalid<Deal>(error!, "The amount is a non-negative number with at most two decimals."), () => "", () => OnGetAsync(null, null));
        var stage = Form.StageId is { } s ? await pipelines.StageAsync(s, HttpContext.RequestAborted) : null;
        var result = await deals.CreateAsync(input with { PipelineId = stage?.PipelineId }, HttpContext.RequestAborted);
        if (result.Outcome == SalesOutcome.Done)
            Done("The deal has been created.");
        return await OutcomeAsync(result, () => Url.Content($"~/deals/{result.Value!.Id}"), () => OnGetAsync(null, null));
    }
}

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

    public IReadOnlyList<Gydex.Kernel.CustomFields.CustomFieldDefinition> Fields { get; private set; } = [];

    public IReadOnlyDictionary<string, string> CustomValues { get; private set; } = new Dictionary<string, string>();

    public Gydex.Kernel.CustomFields.CustomFieldForm CustomForm => new(Fields, CustomValues, CustomErrors);

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
        await Form.ShowPickedAsync(customers, people, Errors, ct);
        Fields = await deals.FieldDefinitionsAsync(ct);
        if (Request.Method != "GET")
            CustomValues = PostedCustom().Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var picked = await Form.ResolvePickersAsync(customers, people, HttpContext.RequestAborted);
        if (picked.Count > 0)
            return await OutcomeAsync(SalesResult.Invalid<Deal>(picked), () => "", () => OnGetAsync(null, null));
        var (input, error) = Form.ToInput();
        if (input is null)
            return await OutcomeAsync(SalesResult.Invalid<Deal>(error!, "The amount is a non-negative number with at most two decimals."), () => "", () => OnGetAsync(null, null));
        var stage = Form.StageId is { } s ? await pipelines.StageAsync(s, HttpContext.RequestAborted) : null;
        var result = await deals.CreateAsync(input with { PipelineId = stage?.PipelineId, CustomFields = PostedCustom() }, HttpContext.RequestAborted);
        if (result.Outcome == SalesOutcome.Done)
            Done("The deal has been created.");
        return await OutcomeAsync(result, () => Url.Content($"~/deals/{result.Value!.Id}"), () => OnGetAsync(null, null));
    }
}

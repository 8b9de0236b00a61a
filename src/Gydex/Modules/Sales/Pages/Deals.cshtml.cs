using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Gydex.Modules.Sales.Pages;

/// <summary>The list of deals: sorting, filters, keyset pages, a choice of columns, bulk assign and delete.</summary>
public sealed class DealsModel(Deals deals, Pipelines pipelines, SalesPeople people, IStringLocalizer<SalesTexts> texts) : SalesPageModel(texts)
{
    public static readonly IReadOnlyList<string> AllColumns = ["stage", "amount", "counterparty", "contact", "responsible", "close", "source", "updated"];
    public static readonly IReadOnlyList<string> DefaultColumns = ["stage", "amount", "counterparty", "responsible", "close"];

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? PipelineId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? StageId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Responsible { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public List<string> Cols { get; set; } = [];

    public SalesPage<DealRow> Result { get; private set; } = new([], null);

    public IReadOnlyList<PipelineView> All { get; private set; } = [];

    public IReadOnlyList<Person> People { get; private set; } = [];

    public IReadOnlyList<Gydex.Kernel.CustomFields.CustomFieldDefinition> Fields { get; private set; } = [];

    /// <summary>The custom-field filters of the query (<c>cf.&lt;key&gt;</c>).</summary>
    public Dictionary<string, string> Custom => SalesApi.CustomFilters(Request);

    public IReadOnlyList<string> Shown => Cols.Count == 0 ? DefaultColumns : AllColumns.Where(Cols.Contains).ToList();

    public DealFilter Filter => new()
    {
        Q = Q, PipelineId = PipelineId, StageId = StageId, ResponsibleId = Responsible, State = State, Sort = Sort, After = After, Custom = Custom,
    };

    /// <summary>The query string of this list with some values replaced (sorting, the next page).</summary>
    public string Link(string? sort = null, string? after = null, bool keepAfter = false)
    {
        var query = new List<KeyValuePair<string, string?>>
        {
            new("q", Q), new("pipelineId", PipelineId?.ToString()), new("stageId", StageId?.ToString()), new("responsible", Responsible?.ToString()),
            new("state", State), new("sort", sort ?? Sort), new("after", after ?? (keepAfter ? After : null)),
        };
        query.AddRange(Cols.Select(c => new KeyValuePair<string, string?>("cols", c)));
        query.AddRange(Custom.Select(c => new KeyValuePair<string, string?>(Gydex.Kernel.CustomFields.CustomFields.FormPrefix + c.Key, c.Value)));
        return Url.Content("~/deals") + Microsoft.AspNetCore.Http.QueryString.Create(query.Where(q => !string.IsNullOrEmpty(q.Value)));
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Result = await deals.ListAsync(Filter, ct);
        All = await pipelines.AllAsync(ct);
        People = await people.ActiveAsync(ct);
        Fields = await deals.FieldDefinitionsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAssignAsync(List<Guid> ids, Guid responsibleId)
    {
        var result = await deals.AssignAsync(ids, responsibleId, HttpContext.RequestAborted);
        if (result.Outcome == SalesOutcome.Done)
            TempData["sales-message"] = Texts["Assigned: {0}; left alone (beyond your scope): {1}.", result.Value.Done, result.Value.Skipped].Value;
        return await OutcomeAsync(result, () => Link(keepAfter: true), OnGetAsync);
    }

    public async Task<IActionResult> OnPostDeleteAsync(List<Guid> ids)
    {
        var result = await deals.DeleteManyAsync(ids, HttpContext.RequestAborted);
        if (result.Outcome == SalesOutcome.Done)
            TempData["sales-message"] = Texts["Deleted: {0}; left alone (beyond your scope): {1}.", result.Value.Done, result.Value.Skipped].Value;
        return await OutcomeAsync(result, () => Link(keepAfter: true), OnGetAsync);
    }
}

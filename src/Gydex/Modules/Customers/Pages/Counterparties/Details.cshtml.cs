using Gydex.Kernel.CustomFields;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Gydex.Modules.Customers.Pages.Counterparties;

/// <summary>A counterparty: its requisites, accounts, contacts, custom fields and history; delete and merge a duplicate into it.</summary>
public sealed class DetailsModel(CounterpartyBook book, CustomFields fields, CustomersDirectory directory, CustomerPageData data,
    IStringLocalizer<CustomersTexts> texts) : PageModel
{
    public Counterparty Record { get; private set; } = null!;

    public List<BankAccount> Accounts { get; private set; } = [];

    public IReadOnlyList<CustomerRef> Contacts { get; private set; } = [];

    public IReadOnlyList<CustomFieldDefinition> Fields { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Values { get; private set; } = new Dictionary<string, string>();

    public string? Responsible { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        if (await book.FindAsync(id, CustomersRights.Counterparties.View, ct) is not { } record)
            return NotFound();
        Record = record;
        Accounts = await book.AccountsAsync(id, ct);
        Contacts = await directory.ContactsOfAsync(id, ct);
        Fields = await fields.DefinitionsAsync(CustomersModule.CounterpartyFields, ct);
        Values = await fields.ValuesAsync(CustomersModule.CounterpartyFields, id, ct);
        Responsible = (await data.UserNamesAsync([record.ResponsibleId], ct)).GetValueOrDefault(record.ResponsibleId);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id) =>
        await book.DeleteAsync(id, HttpContext.RequestAborted) ? Redirect(Url.Content("~/customers/counterparties")) : NotFound();

    /// <summary>Merges the counterparty with the code given into this one.</summary>
    public async Task<IActionResult> OnPostMergeAsync(Guid id, string? other)
    {
        var ct = HttpContext.RequestAborted;
        var code = other?.Trim().ToUpperInvariant();
        var removed = string.IsNullOrEmpty(code) ? null
            : await (await book.QueryAsync(CustomersRights.Counterparties.Edit, ct)).Where(c => c.Code == code).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        var outcome = removed is { } r ? await book.MergeAsync(id, r, ct) : SaveOutcome.NotFound;
        if (outcome == SaveOutcome.Saved)
            return Redirect(Url.Content($"~/customers/counterparties/{id}"));
        if (await OnGetAsync(id) is NotFoundResult)
            return NotFound();
        Message = texts["No counterparty with this code that you may merge."];
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}

using Gydex.Kernel.CustomFields;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Gydex.Modules.Customers.Pages.Contacts;

/// <summary>A contact: where they work, how to reach them (unless consent was withdrawn), consent, custom fields and history.</summary>
public sealed class DetailsModel(ContactBook book, CustomFields fields, CustomerPageData data, IStringLocalizer<CustomersTexts> texts) : PageModel
{
    public Contact Record { get; private set; } = null!;

    public Contact Shown { get; private set; } = null!;

    public IReadOnlyList<CustomerRef> Counterparties { get; private set; } = [];

    public IReadOnlyList<CustomFieldDefinition> Fields { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Values { get; private set; } = new Dictionary<string, string>();

    public string? Responsible { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        if (await book.FindAsync(id, CustomersRights.Contacts.View, ct) is not { } record)
            return NotFound();
        Record = record;
        Shown = book.Shown(record);
        Counterparties = await book.CounterpartiesOfAsync(id, ct);
        Fields = await fields.DefinitionsAsync(CustomersModule.ContactFields, ct);
        Values = await fields.ValuesAsync(CustomersModule.ContactFields, id, ct);
        Responsible = (await data.UserNamesAsync([record.ResponsibleId], ct)).GetValueOrDefault(record.ResponsibleId);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id) =>
        await book.DeleteAsync(id, HttpContext.RequestAborted) ? Redirect(Url.Content("~/customers/contacts")) : NotFound();

    public async Task<IActionResult> OnPostMergeAsync(Guid id, string? other)
    {
        var ct = HttpContext.RequestAborted;
        var code = other?.Trim().ToUpperInvariant();
        var removed = string.IsNullOrEmpty(code) ? null
            : await (await book.QueryAsync(CustomersRights.Contacts.Edit, ct)).Where(c => c.Code == code).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        var outcome = removed is { } r ? await book.MergeAsync(id, r, ct) : SaveOutcome.NotFound;
        if (outcome == SaveOutcome.Saved)
            return Redirect(Url.Content($"~/customers/contacts/{id}"));
        if (await OnGetAsync(id) is NotFoundResult)
            return NotFound();
        Message = texts["No contact with this code that you may merge."];
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}

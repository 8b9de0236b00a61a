using Gydex.Kernel.CustomFields;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Gydex.Modules.Customers.Pages.Contacts;

public sealed class ContactForm
{
    public string? Surname { get; set; }

    public string? Name { get; set; }

    public string? Patronymic { get; set; }

    public string? Position { get; set; }

    public string? Phones { get; set; }

    public string? Emails { get; set; }

    public string? Messengers { get; set; }

    public DateOnly? Birthday { get; set; }

    public Guid? ResponsibleId { get; set; }

    public Guid? DepartmentId { get; set; }

    public string? Tags { get; set; }

    public string? Notes { get; set; }

    public DateOnly? ConsentDate { get; set; }

    public string? ConsentPurpose { get; set; }

    public string? ConsentMethod { get; set; }

    public DateOnly? ConsentWithdrawnDate { get; set; }

    /// <summary>The linked counterparties that stay ticked.</summary>
    public List<Guid> CounterpartyIds { get; set; } = [];

    /// <summary>Codes of counterparties to add (CP-000123), comma-separated.</summary>
    public string? AddCounterparties { get; set; }

    public bool AllowDuplicate { get; set; }

    public static ContactForm From(Contact c, IEnumerable<Guid> counterparties) => new()
    {
        Surname = c.Surname, Name = c.Name, Patronymic = c.Patronymic, Position = c.Position, Phones = c.Phones, Emails = c.Emails,
        Messengers = c.Messengers, Birthday = c.Birthday, ResponsibleId = c.ResponsibleId, DepartmentId = c.DepartmentId,
        Tags = c.Tags?.Replace(",", ", ", StringComparison.Ordinal), Notes = c.Notes, ConsentDate = c.ConsentDate, ConsentPurpose = c.ConsentPurpose,
        ConsentMethod = c.ConsentMethod, ConsentWithdrawnDate = c.ConsentWithdrawnDate, CounterpartyIds = counterparties.ToList(),
    };
}

public abstract class ContactFormModel(ContactBook book, CounterpartyBook counterparties, CustomFields fields, CustomerPageData data,
    IStringLocalizer<CustomersTexts> texts) : PageModel
{
    [BindProperty]
    public ContactForm Input { get; set; } = new();

    public IReadOnlyList<CustomFieldDefinition> Fields { get; private set; } = [];

    public IReadOnlyDictionary<string, string> CustomValues { get; protected set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> CustomErrors { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<DuplicateRef> Duplicates { get; private set; } = [];

    public IReadOnlyList<Choice> Employees { get; private set; } = [];

    public IReadOnlyList<Choice> Departments { get; private set; } = [];

    /// <summary>The linked counterparties shown (those the user may see).</summary>
    public IReadOnlyList<CustomerRef> Linked { get; protected set; } = [];

    /// <summary>False where a withdrawn consent hides the personal fields from this user: they are not shown and not changed.</summary>
    public bool ShowsPersonalData { get; protected set; } = true;

    protected ContactBook Book => book;

    protected async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Fields = await fields.DefinitionsAsync(CustomersModule.ContactFields, ct);
        Employees = await data.EmployeesAsync(ct);
        Departments = await data.DepartmentsAsync(ct);
    }

    /// <summary>The ticked links plus the counterparties named by code (within the user's scope; an unknown code is an error).</summary>
    protected async Task<(ContactInput? Input, string? Problem)> ToInputAsync()
    {
        var ct = HttpContext.RequestAborted;
        var ids = Input.CounterpartyIds.ToList();
        foreach (var code in (Input.AddCounterparties ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            var upper = code.ToUpperInvariant();
            var id = await (await counterparties.QueryAsync(CustomersRights.Counterparties.View, ct)).Where(c => c.Code == upper).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
            if (id is null)
                return (null, texts["No counterparty with the code {0}.", code]);
            ids.Add(id.Value);
        }

        return (new ContactInput
        {
            Surname = Input.Surname, Name = Input.Name, Patronymic = Input.Patronymic, Position = Input.Position, Phones = Input.Phones,
            Emails = Input.Emails, Messengers = Input.Messengers, Birthday = Input.Birthday, ResponsibleId = Input.ResponsibleId,
            DepartmentId = Input.DepartmentId, Tags = Input.Tags, Notes = Input.Notes, ConsentDate = Input.ConsentDate,
            ConsentPurpose = Input.ConsentPurpose, ConsentMethod = Input.ConsentMethod, ConsentWithdrawnDate = Input.ConsentWithdrawnDate,
            CounterpartyIds = ids, CustomFields = CustomFieldForm.Posted(Request.Form),
        }, null);
    }

    protected async Task<IActionResult> RedisplayAsync(SaveResult<Contact>? result, string? problem = null)
    {
        if (problem is not null)
            ModelState.AddModelError("Input.AddCounterparties", problem);
        foreach (var (field, message) in result?.Errors.Where(e => !e.Key.StartsWith(CustomFields.FormPrefix, StringComparison.Ordinal)) ?? [])
            ModelState.AddModelError("Input." + field, CustomersTexts.Translate(texts, message));
        CustomErrors = result?.Errors.Where(e => e.Key.StartsWith(CustomFields.FormPrefix, StringComparison.Ordinal))
            .ToDictionary(e => e.Key[CustomFields.FormPrefix.Length..], e => e.Value) ?? new Dictionary<string, string>();
        Duplicates = result?.Duplicates ?? [];
        CustomValues = CustomFieldForm.Posted(Request.Form).Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!);
        await LoadAsync();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}

public sealed class NewModel(ContactBook book, CounterpartyBook counterparties, CustomersDirectory directory, CustomFields fields, CustomerPageData data,
    IStringLocalizer<CustomersTexts> texts) : ContactFormModel(book, counterparties, fields, data, texts)
{
    /// <summary>Opened from a counterparty's page: the new contact works there.</summary>
    public async Task OnGetAsync(Guid? counterparty)
    {
        if (counterparty is { } id && await directory.FindCounterpartyAsync(id, HttpContext.RequestAborted) is { } found)
        {
            Input.CounterpartyIds = [found.Id];
            Linked = [found];
        }

        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (input, problem) = await ToInputAsync();
        if (input is null)
            return await RedisplayAsync(null, problem);
        var result = await Book.CreateAsync(input, Input.AllowDuplicate, HttpContext.RequestAborted);
        return result.Outcome == SaveOutcome.Saved ? Redirect(Url.Content($"~/customers/contacts/{result.Record!.Id}")) : await RedisplayAsync(result);
    }
}

public sealed class EditModel(ContactBook book, CounterpartyBook counterparties, CustomFields fields, CustomerPageData data,
    IStringLocalizer<CustomersTexts> texts) : ContactFormModel(book, counterparties, fields, data, texts)
{
    private readonly CustomFields customFields = fields;

    public Contact? Record { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        Record = await Book.FindAsync(id, CustomersRights.Contacts.Edit, ct);
        if (Record is null)
            return NotFound();
        Linked = await Book.CounterpartiesOfAsync(id, ct);
        ShowsPersonalData = Book.SeesPersonalData(Record);
        Input = ContactForm.From(Book.Shown(Record), Linked.Select(l => l.Id));
        CustomValues = await customFields.ValuesAsync(CustomersModule.ContactFields, id, ct);
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        Record = await Book.FindAsync(id, CustomersRights.Contacts.Edit, ct);
        if (Record is null)
            return NotFound();
        Linked = await Book.CounterpartiesOfAsync(id, ct);
        ShowsPersonalData = Book.SeesPersonalData(Record);
        var (input, problem) = await ToInputAsync();
        if (input is null)
            return await RedisplayAsync(null, problem);
        var result = await Book.UpdateAsync(id, input, ct);
        return result.Outcome switch
        {
            SaveOutcome.Saved => Redirect(Url.Content($"~/customers/contacts/{id}")),
            SaveOutcome.NotFound => NotFound(),
            _ => await RedisplayAsync(result),
        };
    }
}

using Gydex.Kernel.CustomFields;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Gydex.Modules.Customers.Pages.Counterparties;

/// <summary>The fields of the counterparty form, as posted.</summary>
public sealed class CounterpartyForm
{
    public CounterpartyKind Kind { get; set; } = CounterpartyKind.Legal;

    public string? Name { get; set; }

    public string? FullName { get; set; }

    public string? Inn { get; set; }

    public string? Kpp { get; set; }

    public string? Ogrn { get; set; }

    public string? LegalAddress { get; set; }

    public string? PostalAddress { get; set; }

    public string? Phones { get; set; }

    public string? Emails { get; set; }

    public string? Website { get; set; }

    public Guid? ResponsibleId { get; set; }

    public Guid? DepartmentId { get; set; }

    public string? Tags { get; set; }

    public string? Notes { get; set; }

    public List<BankAccountForm> BankAccounts { get; set; } = [];

    public bool AllowDuplicate { get; set; }

    public CounterpartyInput ToInput(IReadOnlyDictionary<string, string?> custom) => new()
    {
        Kind = Kind, Name = Name, FullName = FullName, Inn = Inn, Kpp = Kpp, Ogrn = Ogrn, LegalAddress = LegalAddress, PostalAddress = PostalAddress,
        Phones = Phones, Emails = Emails, Website = Website, ResponsibleId = ResponsibleId, DepartmentId = DepartmentId, Tags = Tags, Notes = Notes,
        BankAccounts = BankAccounts.Where(a => !string.IsNullOrWhiteSpace(a.Bik) || !string.IsNullOrWhiteSpace(a.Account))
            .Select(a => new BankAccountInput(a.Bik, a.Account, a.BankName)).ToList(),
        CustomFields = custom,
    };

    public static CounterpartyForm From(Counterparty c, IEnumerable<BankAccount> accounts) => new()
    {
        Kind = c.Kind, Name = c.Name, FullName = c.FullName, Inn = c.Inn, Kpp = c.Kpp, Ogrn = c.Ogrn, LegalAddress = c.LegalAddress,
        PostalAddress = c.PostalAddress, Phones = c.Phones, Emails = c.Emails, Website = c.Website, ResponsibleId = c.ResponsibleId,
        DepartmentId = c.DepartmentId, Tags = c.Tags?.Replace(",", ", ", StringComparison.Ordinal), Notes = c.Notes,
        BankAccounts = accounts.Select(a => new BankAccountForm { Bik = a.Bik, Account = a.Account, BankName = a.BankName }).ToList(),
    };
}

public sealed class BankAccountForm
{
    public string? Bik { get; set; }

    public string? Account { get; set; }

    public string? BankName { get; set; }
}

/// <summary>The new and edit pages share the form and its checks; they differ in the right and what a save does.</summary>
public abstract class CounterpartyFormModel(CounterpartyBook book, CustomFields fields, CustomerPageData data, IStringLocalizer<CustomersTexts> texts) : PageModel
{
    [BindProperty]
    public CounterpartyForm Input { get; set; } = new();

    public IReadOnlyList<CustomFieldDefinition> Fields { get; private set; } = [];

    public IReadOnlyDictionary<string, string> CustomValues { get; protected set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> CustomErrors { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<DuplicateRef> Duplicates { get; private set; } = [];

    public IReadOnlyList<Choice> Employees { get; private set; } = [];

    public IReadOnlyList<Choice> Departments { get; private set; } = [];

    protected CounterpartyBook Book => book;

    protected async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Fields = await fields.DefinitionsAsync(CustomersModule.CounterpartyFields, ct);
        Employees = await data.EmployeesAsync(ct);
        Departments = await data.DepartmentsAsync(ct);
    }

    protected Dictionary<string, string?> PostedCustom() => CustomFieldForm.Posted(Request.Form);

    /// <summary>Shows the outcome's problems on the form (422), or the duplicates to confirm.</summary>
    protected async Task<IActionResult> RedisplayAsync(SaveResult<Counterparty> result)
    {
        foreach (var (field, problem) in result.Errors.Where(e => !e.Key.StartsWith(CustomFields.FormPrefix, StringComparison.Ordinal)))
            ModelState.AddModelError("Input." + field.Split('[')[0], CustomersTexts.Translate(texts, problem));
        CustomErrors = result.Errors.Where(e => e.Key.StartsWith(CustomFields.FormPrefix, StringComparison.Ordinal))
            .ToDictionary(e => e.Key[CustomFields.FormPrefix.Length..], e => e.Value);
        Duplicates = result.Duplicates;
        CustomValues = PostedCustom().Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!);
        await LoadAsync();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}

public sealed class NewModel(CounterpartyBook book, CustomFields fields, CustomerPageData data, IStringLocalizer<CustomersTexts> texts)
    : CounterpartyFormModel(book, fields, data, texts)
{
    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await Book.CreateAsync(Input.ToInput(PostedCustom()), Input.AllowDuplicate, HttpContext.RequestAborted);
        return result.Outcome == SaveOutcome.Saved ? Redirect(Url.Content($"~/customers/counterparties/{result.Record!.Id}")) : await RedisplayAsync(result);
    }
}

public sealed class EditModel(CounterpartyBook book, CustomFields fields, CustomerPageData data, IStringLocalizer<CustomersTexts> texts)
    : CounterpartyFormModel(book, fields, data, texts)
{
    public Counterparty? Record { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        Record = await Book.FindAsync(id, CustomersRights.Counterparties.Edit, ct);
        if (Record is null)
            return NotFound();
        Input = CounterpartyForm.From(Record, await Book.AccountsAsync(id, ct));
        CustomValues = await fields.ValuesAsync(CustomersModule.CounterpartyFields, id, ct);
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        Record = await Book.FindAsync(id, CustomersRights.Counterparties.Edit, ct);
        if (Record is null)
            return NotFound();
        var result = await Book.UpdateAsync(id, Input.ToInput(PostedCustom()), ct);
        return result.Outcome switch
        {
            SaveOutcome.Saved => Redirect(Url.Content($"~/customers/counterparties/{id}")),
            SaveOutcome.NotFound => NotFound(),
            _ => await RedisplayAsync(result),
        };
    }

    private readonly CustomFields fields = fields;
}

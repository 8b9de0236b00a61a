using System.Globalization;

namespace Gydex.Modules.Sales.Pages;

/// <summary>The deal form's fields as typed; the amount is read in either decimal separator.</summary>
public sealed class DealForm
{
    public string? Title { get; set; }

    public Guid? StageId { get; set; }

    public string? Amount { get; set; }

    public string? Currency { get; set; }

    public DateOnly? ExpectedCloseOn { get; set; }

    public Guid? ResponsibleId { get; set; }

    public string? Source { get; set; }

    public string? LostReason { get; set; }

    public Guid? CounterpartyId { get; set; }

    public Guid? ContactId { get; set; }

    /// <summary>The counterparty picker's text box and the text the page showed for the chosen id (see <see cref="Picker"/>).</summary>
    public string? CounterpartyText { get; set; }

    public string? CounterpartyShown { get; set; }

    public string? ContactText { get; set; }

    public string? ContactShown { get; set; }

    public string? ResponsibleText { get; set; }

    public string? ResponsibleShown { get; set; }

    /// <summary>Turns what was typed into the pickers into ids; the fields whose text matched none or several records.</summary>
    public async Task<Dictionary<string, string>> ResolvePickersAsync(SalesCustomers customers, SalesPeople people, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(people);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var (responsible, responsibleError) = await Picker.ResolveAsync(ResponsibleId, ResponsibleText, ResponsibleShown,
            (text, take) => people.PickAsync(text, take, cancellationToken),
            "No employee matches the text: choose one from the list.", "Several employees match the text: type more of the name.");
        if (responsibleError is null)
            ResponsibleId = responsible;
        else
            errors["responsibleId"] = responsibleError;
        var (counterparty, error) = await Picker.ResolveAsync(CounterpartyId, CounterpartyText, CounterpartyShown,
            (text, take) => customers.PickCounterpartiesAsync(text, take, cancellationToken),
            "No counterparty you may see matches the text: choose one from the list.",
            "Several counterparties match the text: type more of the name, the code or the INN.");
        if (error is null)
            CounterpartyId = counterparty;
        else
            errors["counterpartyId"] = error;
        var (contact, contactError) = await Picker.ResolveAsync(ContactId, ContactText, ContactShown,
            (text, take) => customers.PickContactsAsync(text, take, cancellationToken),
            "No contact you may see matches the text: choose one from the list.",
            "Several contacts match the text: type more of the name, the code, the phone or the e-mail.");
        if (contactError is null)
            ContactId = contact;
        else
            errors["contactId"] = contactError;
        return errors;
    }

    /// <summary>
    /// Shows the chosen records in the pickers by their names (after a load, or once the typed text was resolved); a linked
    /// record beyond the user's sight shows as "…" and stays linked when saved.
    /// </summary>
    public async Task ShowPickedAsync(SalesCustomers customers, SalesPeople people, IReadOnlyDictionary<string, string> errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(errors);
        if (!errors.ContainsKey("responsibleId"))
            ResponsibleText = ResponsibleShown = ResponsibleId is { } r ? await people.NameAsync(r, cancellationToken) : null;
        if (!errors.ContainsKey("counterpartyId"))
            CounterpartyText = CounterpartyShown = CounterpartyId is { } cp ? (await customers.CounterpartyAsync(cp, cancellationToken))?.Name ?? "…" : null;
        if (!errors.ContainsKey("contactId"))
            ContactText = ContactShown = ContactId is { } ct ? (await customers.ContactAsync(ct, cancellationToken))?.Name ?? "…" : null;
    }

    public static DealForm From(Deal deal)
    {
        ArgumentNullException.ThrowIfNull(deal);
        return new DealForm
        {
            Title = deal.Title, StageId = deal.StageId, Amount = deal.Amount?.ToString("0.##", CultureInfo.InvariantCulture), Currency = deal.Currency,
            ExpectedCloseOn = deal.ExpectedCloseOn, ResponsibleId = deal.ResponsibleId, Source = deal.Source, LostReason = deal.LostReason,
            CounterpartyId = deal.CounterpartyId, ContactId = deal.ContactId,
        };
    }

    /// <summary>The input for the service, or the field in error.</summary>
    public (DealInput? Input, string? Error) ToInput()
    {
        decimal? amount = null;
        if (!string.IsNullOrWhiteSpace(Amount))
        {
            var text = Amount.Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal).Replace(',', '.');
            if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                return (null, "amount");
            amount = value;
        }

        return (new DealInput
        {
            Title = Title ?? "", StageId = StageId, Amount = amount, Currency = Currency, ExpectedCloseOn = ExpectedCloseOn, ResponsibleId = ResponsibleId,
            Source = Source ?? "", LostReason = LostReason ?? "", CounterpartyId = CounterpartyId ?? Guid.Empty, ContactId = ContactId ?? Guid.Empty,
        }, null);
    }
}

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

using Gydex.Kernel.CustomFields;

namespace Gydex.Modules.Customers;

/// <summary>What a form, an API call or an import row says a counterparty is; checked by <see cref="CounterpartyBook"/>.</summary>
public sealed record CounterpartyInput
{
    public CounterpartyKind Kind { get; init; } = CounterpartyKind.Legal;

    public string? Name { get; init; }

    public string? FullName { get; init; }

    public string? Inn { get; init; }

    public string? Kpp { get; init; }

    public string? Ogrn { get; init; }

    public string? LegalAddress { get; init; }

    public string? PostalAddress { get; init; }

    public string? Phones { get; init; }

    public string? Emails { get; init; }

    public string? Website { get; init; }

    /// <summary>Null: the current user.</summary>
    public Guid? ResponsibleId { get; init; }

    /// <summary>Null: the responsible's department.</summary>
    public Guid? DepartmentId { get; init; }

    public string? Tags { get; init; }

    public string? Notes { get; init; }

    /// <summary>Null: the accounts are left as they are.</summary>
    public IReadOnlyList<BankAccountInput>? BankAccounts { get; init; }

    /// <summary>Only the named fields are set (a null value clears one).</summary>
    public IReadOnlyDictionary<string, string?>? CustomFields { get; init; }

    public static CounterpartyInput From(Counterparty c, IReadOnlyList<BankAccount>? accounts = null)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new CounterpartyInput
        {
            Kind = c.Kind, Name = c.Name, FullName = c.FullName, Inn = c.Inn, Kpp = c.Kpp, Ogrn = c.Ogrn, LegalAddress = c.LegalAddress,
            PostalAddress = c.PostalAddress, Phones = c.Phones, Emails = c.Emails, Website = c.Website, ResponsibleId = c.ResponsibleId,
            DepartmentId = c.DepartmentId, Tags = c.Tags, Notes = c.Notes,
            BankAccounts = accounts?.Select(a => new BankAccountInput(a.Bik, a.Account, a.BankName)).ToList(),
        };
    }
}

public sealed record BankAccountInput(string? Bik, string? Account, string? BankName);

public sealed record ContactInput
{
    public string? Surname { get; init; }

    public string? Name { get; init; }

    public string? Patronymic { get; init; }

    public string? Position { get; init; }

    public string? Phones { get; init; }

    public string? Emails { get; init; }

    public string? Messengers { get; init; }

    public DateOnly? Birthday { get; init; }

    public Guid? ResponsibleId { get; init; }

    public Guid? DepartmentId { get; init; }

    public string? Tags { get; init; }

    public string? Notes { get; init; }

    public DateOnly? ConsentDate { get; init; }

    public string? ConsentPurpose { get; init; }

    public string? ConsentMethod { get; init; }

    public DateOnly? ConsentWithdrawnDate { get; init; }

    /// <summary>Null: the links are left as they are.</summary>
    public IReadOnlyList<Guid>? CounterpartyIds { get; init; }

    public IReadOnlyDictionary<string, string?>? CustomFields { get; init; }

    public static ContactInput From(Contact c, IReadOnlyList<Guid>? counterparties = null)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new ContactInput
        {
            Surname = c.Surname, Name = c.Name, Patronymic = c.Patronymic, Position = c.Position, Phones = c.Phones, Emails = c.Emails,
            Messengers = c.Messengers, Birthday = c.Birthday, ResponsibleId = c.ResponsibleId, DepartmentId = c.DepartmentId, Tags = c.Tags,
            Notes = c.Notes, ConsentDate = c.ConsentDate, ConsentPurpose = c.ConsentPurpose, ConsentMethod = c.ConsentMethod,
            ConsentWithdrawnDate = c.ConsentWithdrawnDate, CounterpartyIds = counterparties,
        };
    }
}

public enum SaveOutcome
{
    Saved,
    NotFound,
    Invalid,

    /// <summary>A record with the same INN (e-mail, phone) exists; saved only when the caller confirms.</summary>
    Duplicate,
}

/// <summary>A record that looks like the one being saved.</summary>
public sealed record DuplicateRef(Guid Id, string Code, string Name, bool Visible, string Reason);

public sealed record SaveResult<T>(SaveOutcome Outcome, T? Record, IReadOnlyDictionary<string, string> Errors, IReadOnlyList<DuplicateRef> Duplicates)
    where T : class;

public static class SaveResult
{
    public static SaveResult<T> Ok<T>(T record) where T : class => new(SaveOutcome.Saved, record, new Dictionary<string, string>(), []);

    public static SaveResult<T> NotFound<T>() where T : class => new(SaveOutcome.NotFound, null, new Dictionary<string, string>(), []);

    public static SaveResult<T> Invalid<T>(IReadOnlyDictionary<string, string> errors) where T : class => new(SaveOutcome.Invalid, null, errors, []);

    public static SaveResult<T> Duplicated<T>(IReadOnlyList<DuplicateRef> duplicates) where T : class =>
        new(SaveOutcome.Duplicate, null, new Dictionary<string, string>(), duplicates);
}

/// <summary>Text lists (phones, e-mails, tags) in one normalized form.</summary>
public static class TextLists
{
    private static readonly char[] LineSeparators = ['\n', '\r', ';', ','];

    /// <summary>One item per line, trimmed, no empties or repeats; null when nothing is left.</summary>
    public static string? Lines(string? text, bool commasSeparate = true)
    {
        var items = Items(text, commasSeparate);
        return items.Count == 0 ? null : string.Join('\n', items);
    }

    public static IReadOnlyList<string> Items(string? text, bool commasSeparate = true) =>
        (text ?? "").Split(commasSeparate ? LineSeparators : ['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Tags as "vip,partner": lower case, no spaces around, sorted.</summary>
    public static string? Tags(string? text)
    {
        var tags = (text ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return tags.Count == 0 ? null : string.Join(',', tags);
    }

    /// <summary>A phone as its digits, a Russian 8XXXXXXXXXX as 7XXXXXXXXXX; null when it has fewer than 5 digits.</summary>
    public static string? PhoneKey(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 11 && digits[0] == '8')
            digits = "7" + digits[1..];
        return digits.Length < 5 ? null : digits;
    }

    public static bool LooksLikeEmail(string email) =>
        System.Net.Mail.MailAddress.TryCreate(email, out var address) && address.Address == email && email.Contains('.', StringComparison.Ordinal);
}

namespace Gydex.Modules.Customers;

/// <summary>
/// The checks of Russian requisites: INN, OGRN(IP) and a settlement account against its bank's BIK carry control
/// digits, so a mistyped one is caught before it reaches a document. Each returns null when valid, else the reason.
/// </summary>
public static class Requisites
{
    private static readonly int[] Inn10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static readonly int[] Inn11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static readonly int[] Inn12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static readonly int[] AccountWeights = [7, 1, 3];

    private static bool Digits(string value, int length) => value.Length == length && value.All(char.IsAsciiDigit);

    private static int Control(string digits, int[] weights) =>
        weights.Select((w, i) => w * (digits[i] - '0')).Sum() % 11 % 10;

    /// <summary>Whether <paramref name="inn"/> is a valid INN: 10 digits for organizations, 12 for people and sole proprietors.</summary>
    public static bool IsValidInn(string? inn) => inn switch
    {
        { Length: 10 } when Digits(inn, 10) => Control(inn, Inn10) == inn[9] - '0',
        { Length: 12 } when Digits(inn, 12) => Control(inn, Inn11) == inn[10] - '0' && Control(inn, Inn12) == inn[11] - '0',
        _ => false,
    };

    /// <summary>The INN's problem for a counterparty of <paramref name="kind"/>, or null.</summary>
    public static string? InnProblem(string inn, CounterpartyKind kind)
    {
        ArgumentNullException.ThrowIfNull(inn);
        var length = kind == CounterpartyKind.Legal ? 10 : 12;
        if (!Digits(inn, length))
            return kind == CounterpartyKind.Legal ? "An organization's INN has 10 digits." : "A person's or sole proprietor's INN has 12 digits.";
        return IsValidInn(inn) ? null : "The INN's control digits do not match: check it for a typo.";
    }

    public static string? KppProblem(string kpp)
    {
        ArgumentNullException.ThrowIfNull(kpp);
        var valid = kpp.Length == 9 && kpp[..4].All(char.IsAsciiDigit) && kpp[4..6].All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c))
            && kpp[6..].All(char.IsAsciiDigit);
        return valid ? null : "The KPP has 9 characters: 4 digits, 2 digits or capital letters, 3 digits.";
    }

    /// <summary>OGRN: 13 digits for organizations, OGRNIP: 15 for sole proprietors; the last digit is a control one.</summary>
    public static string? OgrnProblem(string ogrn, CounterpartyKind kind)
    {
        ArgumentNullException.ThrowIfNull(ogrn);
        var length = kind == CounterpartyKind.Sole ? 15 : 13;
        if (!Digits(ogrn, length))
            return kind == CounterpartyKind.Sole ? "A sole proprietor's OGRNIP has 15 digits." : "An organization's OGRN has 13 digits.";
        var body = long.Parse(ogrn[..^1], System.Globalization.CultureInfo.InvariantCulture);
        var control = body % (length == 13 ? 11 : 13) % 10;
        return control == ogrn[^1] - '0' ? null : "The OGRN's control digit does not match: check it for a typo.";
    }

    public static string? BikProblem(string bik)
    {
        ArgumentNullException.ThrowIfNull(bik);
        return Digits(bik, 9) ? null : "The BIK has 9 digits.";
    }

    /// <summary>A settlement account is checked with its bank's BIK: the last three digits of the BIK, then the account, weighted 7-1-3.</summary>
    public static string? AccountProblem(string account, string bik)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(bik);
        if (!Digits(account, 20))
            return "A settlement account has 20 digits.";
        if (!Digits(bik, 9))
            return null;
        var key = bik[6..] + account;
        var sum = key.Select((c, i) => (c - '0') * AccountWeights[i % 3] % 10).Sum();
        return sum % 10 == 0 ? null : "The account does not match the bank's BIK: check both for a typo.";
    }
}

using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace Gydex.Modules.Customers;

/// <summary>The customer base's texts; Russian in CustomersTexts.ru.resx.</summary>
public sealed partial class CustomersTexts
{
    private const string NotAnEmail = "Not an e-mail address: ";

    /// <summary>
    /// A problem of the checks in the reader's language; those carrying a value ("At most 300 characters.",
    /// "Not an e-mail address: x") are translated by their pattern, the value kept.
    /// </summary>
    public static string Translate(IStringLocalizer<CustomersTexts> texts, string problem)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(problem);
        if (AtMost().Match(problem) is { Success: true } atMost)
            return texts["At most {0} characters.", atMost.Groups[1].Value];
        if (problem.StartsWith(NotAnEmail, StringComparison.Ordinal))
            return texts["Not an e-mail address: {0}", problem[NotAnEmail.Length..]];
        return texts[problem];
    }

    [GeneratedRegex("^At most ([0-9]+) characters\\.$")]
    private static partial Regex AtMost();
}

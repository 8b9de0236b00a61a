namespace Gydex.Modules.Sales.Pages;

/// <summary>
/// A search-as-you-type field (<c>_Picker.cshtml</c>, <c>/js/picker.js</c>): a hidden id, the text box, and the text the
/// page showed for that id. The script fills all three on a choice; without the script, text typed over the shown one
/// is looked up on the server and taken when exactly one record the user may see matches.
/// </summary>
public sealed record Picker(string Name, string DomId, string Source, Guid? Id, string? Text, string? Shown)
{
    /// <summary>The id the posted field stands for, or the text of the problem (a key of the sales texts).</summary>
    public static async Task<(Guid? Id, string? Error)> ResolveAsync(Guid? id, string? text, string? shown,
        Func<string, int, Task<IReadOnlyList<SalesCustomers.Choice>>> search, string noMatch, string severalMatch)
    {
        ArgumentNullException.ThrowIfNull(search);
        text = SalesText.Clean(text);
        shown = SalesText.Clean(shown);
        if (text is null)
            return (shown is null ? id : null, null); // cleared (no text field posted at all: the id as given)
        if (string.Equals(text, shown, StringComparison.Ordinal))
            return (id, null);
        var found = await search(text, 2);
        return found.Count switch
        {
            0 => (null, noMatch),
            1 => (found[0].Id, null),
            // Several contain the text, but one is named exactly so.
            _ when string.Equals(found[0].Name, text, StringComparison.OrdinalIgnoreCase) && !string.Equals(found[1].Name, text, StringComparison.OrdinalIgnoreCase)
                => (found[0].Id, null),
            _ => (null, severalMatch),
        };
    }
}

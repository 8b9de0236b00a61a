using System.Globalization;
using System.Text;
using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace Gydex.Kernel.Help;

/// <summary>
/// Word search over chapters: case-insensitive, and by stem, so «права», «прав» and «правами» find each other
/// (Snowball stemmers for Russian and English).
/// </summary>
public static class HelpSearch
{
    /// <summary>The stems of the words in a text.</summary>
    public static HashSet<string> Stems(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stems = new HashSet<string>(StringComparer.Ordinal);
        var russian = new RussianStemmer();
        var english = new EnglishStemmer();
        foreach (var word in Words(text))
            stems.Add(Stem(word, word.Any(IsCyrillic) ? russian : english));
        return stems;
    }

    /// <summary>How well the chapter matches: 0 unless every word of the query is in it.</summary>
    public static int Score(IReadOnlySet<string> queryStems, IReadOnlySet<string> titleStems, IReadOnlySet<string> bodyStems)
    {
        ArgumentNullException.ThrowIfNull(queryStems);
        ArgumentNullException.ThrowIfNull(titleStems);
        ArgumentNullException.ThrowIfNull(bodyStems);
        if (queryStems.Count == 0 || !queryStems.All(s => titleStems.Contains(s) || bodyStems.Contains(s)))
            return 0;
        return 1 + queryStems.Count(titleStems.Contains);
    }

    private static string Stem(string word, SnowballProgram stemmer)
    {
        stemmer.SetCurrent(word);
        stemmer.Stem();
        return stemmer.Current;
    }

    private static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                // ё and е are one letter to a searcher.
                word.Append(c == 'ё' || c == 'Ё' ? 'е' : char.ToLower(c, CultureInfo.InvariantCulture));
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
            yield return word.ToString();
    }

    private static bool IsCyrillic(char c) => c is >= '\u0400' and <= '\u04FF';
}

namespace Gydex.CommerceML;

/// <summary>Schema versions of CommerceML 2 that Gydex reads.</summary>
public static class CommerceMLVersion
{
    public const string Minimum = "2.03";
    public const string Maximum = "2.10";
}

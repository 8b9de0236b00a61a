namespace Gydex.Kernel.Persistence;

/// <summary>An installation-wide fact kept in the catalog (e.g. when the demo was seeded).</summary>
public sealed class CatalogSetting
{
    public string Key { get; set; } = "";

    public string Value { get; set; } = "";
}

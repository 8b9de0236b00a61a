using System.Globalization;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Web;

namespace Gydex.Modules.Sales;

/// <summary>Instants shown and entered in the organization's time zone, stored in UTC.</summary>
public sealed class SalesClock(CurrentOrganization organization, TimeProvider clock)
{
    private TimeZoneInfo Zone => OrgTime.Zone(organization.Required);

    public DateTimeOffset Now => clock.GetUtcNow();

    public string Show(DateTimeOffset? instant) =>
        instant is { } i ? TimeZoneInfo.ConvertTime(i, Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";

    /// <summary>The value of a <c>datetime-local</c> input.</summary>
    public string Input(DateTimeOffset? instant) =>
        instant is { } i ? TimeZoneInfo.ConvertTime(i, Zone).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) : "";

    /// <summary>A <c>datetime-local</c> value read as the organization's local time.</summary>
    public DateTimeOffset? Parse(string? local)
    {
        if (string.IsNullOrWhiteSpace(local)
            || !DateTime.TryParse(local, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
            return null;
        var unspecified = DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(unspecified, Zone), TimeSpan.Zero);
    }

    public static string Money(decimal? amount, string currency) =>
        amount is { } a ? a.ToString("N2", CultureInfo.CurrentCulture) + " " + currency : "";
}

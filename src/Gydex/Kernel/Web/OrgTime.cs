using Gydex.Kernel.Organizations;

namespace Gydex.Kernel.Web;

/// <summary>Dates are stored in UTC and shown in the organization's time zone.</summary>
public static class OrgTime
{
    public static TimeZoneInfo Zone(Organization organization)
    {
        ArgumentNullException.ThrowIfNull(organization);
        return TimeZoneInfo.TryFindSystemTimeZoneById(organization.TimeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    public static DateTimeOffset Local(Organization organization, DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Zone(organization));
}

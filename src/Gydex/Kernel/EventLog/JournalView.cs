using System.Globalization;
using Gydex.Kernel.Access;
using Gydex.Kernel.Identity;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Gydex.Kernel.Web;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Kernel.EventLog;

/// <summary>A record as shown: its time in the organization's zone, the action's and right's names in the reader's language.</summary>
public sealed record JournalRow(JournalRecord Record, DateTimeOffset LocalAt, string ActionName, string? RightName, IReadOnlyList<FieldChange> Changes);

/// <summary>The filter form's fields as the page and the export read them from the query string.</summary>
public sealed class JournalFilterInput
{
    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public Guid? User { get; set; }

    public Guid? AffectedUser { get; set; }

    public Guid? Group { get; set; }

    public string? Action { get; set; }

    public string? Right { get; set; }

    public string? DocumentType { get; set; }

    public string? DocumentId { get; set; }

    public string? DocumentCode { get; set; }

    public string? Ip { get; set; }

    public string? Text { get; set; }

    public long? Before { get; set; }

    /// <summary>Dates are whole days in the organization's time zone; "to" includes its day.</summary>
    public JournalFilter ToFilter(Organization organization)
    {
        var zone = OrgTime.Zone(organization);
        DateTimeOffset? Start(DateOnly? day) => day is { } d
            ? new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(d.ToDateTime(TimeOnly.MinValue), zone), TimeSpan.Zero)
            : null;
        static string? Cut(string? value, int max) => string.IsNullOrWhiteSpace(value) ? null : value.Length > max ? value[..max] : value.Trim();
        return new JournalFilter
        {
            From = Start(From),
            To = Start(To?.AddDays(1)),
            UserId = User,
            AffectedUserId = AffectedUser,
            AffectedGroupId = Group,
            Action = Cut(Action, JournalRecord.ActionMaxLength),
            Right = Cut(Right, 100),
            DocumentType = Cut(DocumentType, JournalRecord.DocumentTypeMaxLength),
            DocumentId = Cut(DocumentId, JournalRecord.DocumentIdMaxLength),
            DocumentCode = Cut(DocumentCode, JournalRecord.DocumentCodeMaxLength),
            Ip = Cut(Ip, 45),
            Text = Cut(Text, 200),
            Before = Before,
        };
    }

    /// <summary>The filter as query-string pairs (for the next page and the export links).</summary>
    public Dictionary<string, string?> ToQuery()
    {
        static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new Dictionary<string, string?>
        {
            ["from"] = Date(From), ["to"] = Date(To), ["user"] = User?.ToString(), ["affectedUser"] = AffectedUser?.ToString(),
            ["group"] = Group?.ToString(), ["action"] = Action, ["right"] = Right, ["documentType"] = DocumentType,
            ["documentId"] = DocumentId, ["documentCode"] = DocumentCode, ["ip"] = Ip, ["text"] = Text,
        };
    }
}

/// <summary>Turns records into rows for the page, the History tab and the export.</summary>
public sealed class JournalView(JournalActionCatalog actions, RightCatalog rights, CurrentOrganization organization, OrgDbContext db)
{
    public string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public JournalRow Row(JournalRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new JournalRow(
            record,
            OrgTime.Local(organization.Required, record.At),
            actions.Find(record.Action)?.Name.For(Language) ?? record.Action,
            record.Right is null ? null : rights.Find(record.Right)?.Title.For(Language) ?? record.Right,
            JournalChanges.Parse(record.Changes));
    }

    public IReadOnlyList<JournalAction> Actions => actions.Actions;

    public IReadOnlyList<Right> Rights => rights.Rights;

    public async Task<List<(Guid Id, string Name)>> UsersAsync(CancellationToken cancellationToken) =>
        (await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName, u.UserName }).ToListAsync(cancellationToken))
        .Select(u => (u.Id, $"{u.DisplayName} ({u.UserName})")).ToList();

    public async Task<List<(Guid Id, string Name)>> GroupsAsync(CancellationToken cancellationToken) =>
        (await db.Set<Group>().AsNoTracking().OrderBy(g => g.Name).Select(g => new { g.Id, g.Name }).ToListAsync(cancellationToken))
        .Select(g => (g.Id, g.Name)).ToList();
}

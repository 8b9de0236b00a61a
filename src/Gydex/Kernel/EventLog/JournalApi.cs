using Gydex.Kernel.Access;
using Gydex.Kernel.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Kernel.EventLog;

public sealed record JournalRecordResponse(
    long Id, DateTimeOffset At, string Action, string ActionName, string? Ip, string? User, Guid? UserId, string? Operator,
    string? AffectedUser, Guid? AffectedUserId, string? AffectedGroup, Guid? AffectedGroupId, string? Right,
    string? DocumentType, string? DocumentId, string? DocumentCode, string? Comment, IReadOnlyList<FieldChange> Changes);

/// <summary>One page of the journal and the cursor of the next (null on the last page).</summary>
public sealed record JournalPageResponse(IReadOnlyList<JournalRecordResponse> Records, string? Next);

/// <summary><c>GET /{org}/api/v1/journal</c>: the journal page's filters and paging on the API.</summary>
public static class JournalApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/v1").WithTags("Event log")
            .MapGet("/journal", List).RequireRight(JournalRights.ViewOwn)
            .WithName("ListJournal")
            .WithSummary("Journal records, newest first. 'after' is the cursor from the previous page's 'next'; 'user' is a user's id or login. With journal.view_own only, one's own actions.");
    }

    private static async Task<Results<Ok<JournalPageResponse>, ValidationProblem>> List(
        JournalQuery query, JournalView view, OrgDbContext db,
        string? documentType, string? documentCode, string? documentId, string? user, string? action,
        DateTimeOffset? from, DateTimeOffset? to, long? after, int? limit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        Guid? userId = null;
        if (!string.IsNullOrWhiteSpace(user))
        {
            if (Guid.TryParse(user, out var id))
                userId = id;
            else if (user.Length <= Identity.GydexUser.LoginMaxLength)
            {
                var normalized = user.ToUpperInvariant();
                userId = await db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken) ?? Guid.Empty;
            }
            else
                errors["user"] = ["A user's id or login."];
        }

        if (after is <= 0)
            errors["after"] = ["The cursor is the 'next' of a previous page."];
        if (limit is < 1 or > JournalQuery.MaxPageSize)
            errors["limit"] = [$"From 1 to {JournalQuery.MaxPageSize}."];
        if (from is { } f && to is { } t && f > t)
            errors["from"] = ["'from' is after 'to'."];
        if (documentType?.Length > JournalRecord.DocumentTypeMaxLength || documentCode?.Length > JournalRecord.DocumentCodeMaxLength
            || documentId?.Length > JournalRecord.DocumentIdMaxLength || action?.Length > JournalRecord.ActionMaxLength)
            errors["filter"] = ["A filter value is longer than any stored value can be."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var page = await query.PageAsync(new JournalFilter
        {
            DocumentType = documentType,
            DocumentCode = documentCode,
            DocumentId = documentId,
            UserId = userId,
            Action = action,
            From = from?.ToUniversalTime(),
            To = to?.ToUniversalTime(),
            Before = after,
        }, limit ?? 100, cancellationToken);
        return TypedResults.Ok(new JournalPageResponse(
            page.Records.Select(view.Row).Select(row =>
            {
                var r = row.Record;
                return new JournalRecordResponse(r.Id, r.At, r.Action, row.ActionName, r.Ip, r.UserName, r.UserId, r.OperatorName,
                    r.AffectedUserName, r.AffectedUserId, r.AffectedGroupName, r.AffectedGroupId, r.Right,
                    r.DocumentType, r.DocumentId, r.DocumentCode, r.Comment, row.Changes);
            }).ToList(),
            page.Next?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}

using System.Security.Cryptography;
using System.Text;
using Gydex.Kernel.Persistence;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Kernel.Identity;

/// <summary>Issues, lists and revokes bearer tokens of the current organization's users.</summary>
public sealed class ApiTokenService(OrgDbContext db, TimeProvider clock)
{
    public const string TokenPrefix = "gdx_";

    /// <summary>Personal tokens live at most a year; a longer-lived secret is a liability.</summary>
    public const int MaxPersonalDays = 366;

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Creates a token and returns its text, which is never stored and cannot be shown again.</summary>
    public async Task<(string Token, ApiToken Record)> IssueAsync(
        Guid userId, ApiTokenKind kind, string name, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var token = TokenPrefix + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        var record = new ApiToken
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Kind = kind,
            Name = name,
            TokenHash = Hash(token),
            Prefix = token[..10],
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        db.ApiTokens.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return (token, record);
    }

    public Task<List<ApiToken>> ListPersonalAsync(Guid userId, CancellationToken cancellationToken) =>
        db.ApiTokens.AsNoTracking()
            .Where(t => t.UserId == userId && t.Kind == ApiTokenKind.Personal)
            .OrderByDescending(t => t.CreatedAt)
            .ToListAsync(cancellationToken);

    /// <summary>Revokes one of the user's own tokens; false when the user has no such token.</summary>
    public async Task<bool> RevokeAsync(Guid userId, Guid tokenId, CancellationToken cancellationToken)
    {
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, cancellationToken);
        if (token is null)
            return false;
        token.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The live token with this text, or null (unknown, revoked or expired).</summary>
    public async Task<ApiToken?> FindLiveAsync(string token, CancellationToken cancellationToken)
    {
        var hash = Hash(token);
        var found = await db.ApiTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (found is null || found.RevokedAt is not null || found.ExpiresAt <= clock.GetUtcNow())
            return null;
        return found;
    }

    /// <summary>Records use at most every few minutes, so a busy token does not write on every request.</summary>
    public async Task TouchAsync(ApiToken token, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (token.LastUsedAt is { } last && now - last < TimeSpan.FromMinutes(5))
            return;
        await db.ApiTokens.Where(t => t.Id == token.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
    }
}

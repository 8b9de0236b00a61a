using Gydex.Kernel.Access;
using Gydex.Kernel.EventLog;

namespace Gydex.Kernel.Identity;

/// <summary>What the journal records of accounts, sign-in and tokens.</summary>
public sealed class IdentityJournal : IJournalActions
{
    public const string Module = "identity";

    public static readonly JournalAction SignedIn = new("signin", Module, new LocalizedText("Вход в систему", "Signed in"));

    public static readonly JournalAction SignInFailed = new("signin.failed", Module, new LocalizedText("Неудачный вход", "Failed sign-in"));

    public static readonly JournalAction SignedOut = new("signout", Module, new LocalizedText("Выход из системы", "Signed out"));

    public static readonly JournalAction UserCreated = new("user.created", Module, new LocalizedText("Пользователь создан", "User created"));

    public static readonly JournalAction UserChanged = new("user.changed", Module, new LocalizedText("Пользователь изменён", "User changed"));

    public static readonly JournalAction UserDeleted = new("user.deleted", Module, new LocalizedText("Пользователь удалён", "User deleted"));

    public static readonly JournalAction TokenCreated = new("token.created", Module, new LocalizedText("API-токен выдан", "API token issued"));

    public static readonly JournalAction TokenChanged = new("token.changed", Module, new LocalizedText("API-токен изменён", "API token changed"));

    public static readonly JournalAction TokenDeleted = new("token.deleted", Module, new LocalizedText("API-токен удалён", "API token deleted"));

    IEnumerable<JournalAction> IJournalActions.Actions =>
        [SignedIn, SignInFailed, SignedOut, UserCreated, UserChanged, UserDeleted, TokenCreated, TokenChanged, TokenDeleted];

    /// <summary>How accounts and tokens are journaled: never a secret, never Identity's bookkeeping.</summary>
    public static IServiceCollection AddIdentityJournal(IServiceCollection services) => services
        .AddJournalActions<IdentityJournal>()
        .AddJournaled<GydexUser>(j => j
            .Records(UserCreated, UserChanged, UserDeleted)
            .Document("user", u => u.Id.ToString(), (u, _) => u.UserName)
            .AffectsUser(u => u.Id)
            .Secret(nameof(GydexUser.PasswordHash))
            .Ignore(nameof(GydexUser.Id), nameof(GydexUser.SecurityStamp), nameof(GydexUser.ConcurrencyStamp),
                nameof(GydexUser.NormalizedUserName), nameof(GydexUser.NormalizedEmail), nameof(GydexUser.AccessFailedCount))
            .PersonalData(nameof(GydexUser.Email), nameof(GydexUser.PhoneNumber)))
        .AddJournaled<Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>>(j => j
            // The authenticator key and recovery codes live here: only that they changed is recorded.
            .Records(UserChanged, UserChanged, UserChanged)
            .Document("user", t => t.UserId.ToString(), (t, db) => db.Find<GydexUser>(t.UserId)?.UserName)
            .AffectsUser(t => t.UserId)
            .Secret(nameof(Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>.Value))
            .Ignore(nameof(Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>.UserId)))
        .AddJournaled<ApiToken>(j => j
            .Records(TokenCreated, TokenChanged, TokenDeleted)
            .Document("user", t => t.UserId.ToString(), (t, db) => db.Find<GydexUser>(t.UserId)?.UserName)
            .AffectsUser(t => t.UserId)
            .Ignore(nameof(ApiToken.Id), nameof(ApiToken.UserId), nameof(ApiToken.TokenHash), nameof(ApiToken.LastUsedAt)));
}

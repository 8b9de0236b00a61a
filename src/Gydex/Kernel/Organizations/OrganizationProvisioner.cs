using Gydex.Kernel.Identity;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Kernel.Organizations;

/// <summary>What is asked to open a new organization.</summary>
public sealed record NewOrganization(
    string Slug,
    string Name,
    string TimeZoneId,
    string DefaultLanguage,
    string AdminLogin,
    string? AdminDisplayName = null,
    string? AdminEmail = null,
    string? AdminPassword = null);

/// <summary>The outcome: the organization and its first administrator's password, or the errors by field.</summary>
public sealed record ProvisioningResult(Organization? Organization, string? AdminPassword, IReadOnlyDictionary<string, string> Errors)
{
    public bool Succeeded => Organization is not null;
}

/// <summary>
/// Lets a module prepare a new organization (stereotype groups, default settings, demo data) in the
/// organization's own scope, right after its database exists and its administrator is created.
/// </summary>
public interface IOrganizationSeed
{
    /// <summary>Lower runs first.</summary>
    int Order => 0;

    Task SeedAsync(IServiceProvider orgServices, Organization organization, GydexUser administrator, CancellationToken cancellationToken);
}

/// <summary>
/// Lets a module bring an existing organization's data up to what its code expects, after the start-up
/// migration (e.g. seed what a new module gives new organizations). Must be idempotent: it runs at every start.
/// </summary>
public interface IOrganizationUpgrade
{
    Task UpgradeAsync(IServiceProvider orgServices, Organization organization, CancellationToken cancellationToken);
}

/// <summary>
/// Opens an organization: validates, places it on a server, creates and migrates its database, creates its
/// administrator and lets the modules seed it. Anything that fails midway is undone, so a failed request
/// leaves neither a catalog row nor a database behind.
/// </summary>
public sealed class OrganizationProvisioner(
    CatalogDbContext catalog,
    DatabaseProvider provider,
    OrgScopes scopes,
    OrganizationDirectory directory,
    TimeProvider clock,
    ILogger<OrganizationProvisioner> logger)
{
    public static readonly IReadOnlySet<string> Languages = new HashSet<string>(StringComparer.Ordinal) { "ru", "en" };

    public async Task<ProvisioningResult> CreateAsync(NewOrganization request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = await ValidateAsync(request, cancellationToken);
        if (errors.Count > 0)
            return new ProvisioningResult(null, null, errors);

        var id = Guid.CreateVersion7();
        var orgsPerServer = await catalog.Organizations
            .GroupBy(o => o.DatabaseServer)
            .Select(g => new { Server = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Server, g => g.Count, cancellationToken);
        var placement = provider.Place(id, orgsPerServer);
        var organization = new Organization
        {
            Id = id,
            Slug = request.Slug,
            Name = request.Name.Trim(),
            TimeZoneId = request.TimeZoneId,
            DefaultLanguage = request.DefaultLanguage,
            Status = OrganizationStatus.Provisioning,
            CreatedAt = clock.GetUtcNow(),
            DatabaseServer = placement.DatabaseServer,
            DatabaseName = placement.DatabaseName,
        };
        catalog.Organizations.Add(organization);
        try
        {
            await catalog.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            catalog.Entry(organization).State = EntityState.Detached;
            return new ProvisioningResult(null, null, new Dictionary<string, string> { ["Slug"] = "This address is already taken." });
        }

        try
        {
            string? password;
            await using (var scope = scopes.CreateScope(organization))
            {
                var db = scope.ServiceProvider.GetRequiredService<OrgDbContext>();
                await db.Database.MigrateAsync(cancellationToken);
                await provider.AfterCreatedAsync(db, cancellationToken);
                organization.SchemaVersion = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).LastOrDefault();

                var users = scope.ServiceProvider.GetRequiredService<OrgUsers>();
                var (admin, adminPassword, userErrors) = await users.CreateAsync(new NewUser(
                    request.AdminLogin,
                    request.AdminDisplayName ?? request.AdminLogin,
                    request.AdminEmail,
                    request.AdminPassword,
                    MustChangePassword: request.AdminPassword is null));
                if (admin is null)
                    throw new ProvisioningRefusedException("AdminLogin", string.Join(" ", userErrors));
                password = adminPassword;

                foreach (var seed in scope.ServiceProvider.GetServices<IOrganizationSeed>().OrderBy(s => s.Order))
                    await seed.SeedAsync(scope.ServiceProvider, organization, admin, cancellationToken);
            }

            organization.Status = OrganizationStatus.Active;
            organization.MigratedAt = clock.GetUtcNow();
            await catalog.SaveChangesAsync(cancellationToken);
            directory.Forget(organization.Slug);
            logger.LogInformation("Organization {Org} created on {Server} as {Database}", organization.Slug, organization.DatabaseServer, organization.DatabaseName);
            return new ProvisioningResult(organization, password, new Dictionary<string, string>());
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Creating organization {Org} failed; undoing", organization.Slug);
            await UndoAsync(organization);
            if (ex is ProvisioningRefusedException refused)
                return new ProvisioningResult(null, null, new Dictionary<string, string> { [refused.Field] = refused.Message });
            throw;
        }
    }

    private async Task UndoAsync(Organization organization)
    {
        try
        {
            await provider.DropOrgDatabaseAsync(organization, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or Npgsql.NpgsqlException or InvalidOperationException)
        {
            logger.LogError(ex, "Could not drop the database of the failed organization {Org}", organization.Slug);
        }

        catalog.Organizations.Remove(organization);
        await catalog.SaveChangesAsync(CancellationToken.None);
    }

    private async Task<Dictionary<string, string>> ValidateAsync(NewOrganization request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        if (OrgSlug.Validate(request.Slug) is { } slugError)
            errors["Slug"] = slugError;
        else if (await catalog.Organizations.AnyAsync(o => o.Slug == request.Slug, cancellationToken))
            errors["Slug"] = "This address is already taken.";
        if (string.IsNullOrWhiteSpace(request.Name))
            errors["Name"] = "The name is required.";
        else if (request.Name.Length > Organization.NameMaxLength)
            errors["Name"] = $"The name must be at most {Organization.NameMaxLength} characters long.";
        if (string.IsNullOrEmpty(request.TimeZoneId) || request.TimeZoneId.Length > 64
            || !TimeZoneInfo.TryFindSystemTimeZoneById(request.TimeZoneId, out _))
            errors["TimeZoneId"] = "Unknown time zone; use an IANA id such as Europe/Moscow.";
        if (!Languages.Contains(request.DefaultLanguage))
            errors["DefaultLanguage"] = "The language must be 'ru' or 'en'.";
        if (OrgUsers.ValidateLogin(request.AdminLogin) is { } loginError)
            errors["AdminLogin"] = loginError;
        if (request.AdminDisplayName is { Length: > GydexUser.DisplayNameMaxLength })
            errors["AdminDisplayName"] = $"The name must be at most {GydexUser.DisplayNameMaxLength} characters long.";
        return errors;
    }

    private sealed class ProvisioningRefusedException(string field, string message) : Exception(message)
    {
        public string Field { get; } = field;
    }
}

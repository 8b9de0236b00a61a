using System.Globalization;
using System.Text;
using Gydex.Kernel.Identity;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Kernel.Organizations;

/// <summary>The <c>Demo</c> section.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Enabled { get; set; } = true;

    /// <summary>When set, every demo account uses it; otherwise each gets a random password, printed once.</summary>
    public string? Password { get; set; }
}

/// <summary>A demo employee: login, name and the stereotype they stand for.</summary>
public sealed record DemoUser(string Login, string DisplayName, string Email, string Stereotype);

/// <summary>
/// Lets a module put its demo data into the demo organization (customers, deals…) and its users into
/// groups, when the demo is created.
/// </summary>
public interface IDemoSeed
{
    Task SeedAsync(IServiceProvider orgServices, IReadOnlyDictionary<string, GydexUser> usersByLogin, CancellationToken cancellationToken);
}

/// <summary>
/// On the first start of an empty installation: an operator and the organization <c>demo</c> with four
/// employees, their passwords printed on the console. Never again after that: a restart creates nothing.
/// </summary>
public sealed class DemoOrganization(
    CatalogDbContext catalog,
    OrganizationProvisioner provisioner,
    PlatformOperators operators,
    OrgScopes scopes,
    Microsoft.Extensions.Options.IOptions<DemoOptions> options,
    TimeProvider clock,
    ILogger<DemoOrganization> logger)
{
    public const string Slug = "demo";
    public const string OperatorLogin = "operator";
    private const string SeededKey = "demo.seeded-at";

    public static readonly IReadOnlyList<DemoUser> Users =
    [
        new("admin", "Ирина Соколова", "admin@demo-trading.example", "Administrators"),
        new("manager", "Алексей Смирнов", "manager@demo-trading.example", "Managers"),
        new("accountant", "Мария Кузнецова", "accountant@demo-trading.example", "Accountants"),
        new("intern", "Дмитрий Волков", "intern@demo-trading.example", "Employees"),
    ];

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
            return;
        if (await catalog.Settings.AnyAsync(s => s.Key == SeededKey, cancellationToken))
        {
            logger.LogInformation("Demo organization exists; its passwords were printed when it was created");
            return;
        }

        // Only an empty installation gets the demo: never mix it into a catalog someone already uses.
        if (await catalog.Organizations.AnyAsync(cancellationToken) || await catalog.Users.AnyAsync(cancellationToken))
            return;

        var fixedPassword = string.IsNullOrEmpty(options.Value.Password) ? null : options.Value.Password;
        var credentials = new List<(string Where, string Login, string Password)>();

        var (operatorPassword, operatorErrors) = await operators.CreateAsync(OperatorLogin, "Support operator", fixedPassword);
        if (operatorPassword is null)
            throw new InvalidOperationException("Demo operator: " + string.Join(" ", operatorErrors));
        credentials.Add(("/platform", OperatorLogin, operatorPassword));

        var admin = Users[0];
        var created = await provisioner.CreateAsync(new NewOrganization(
            Slug, "Demo Trading LLC", "Europe/Moscow", "ru", admin.Login, admin.DisplayName, admin.Email,
            fixedPassword ?? PasswordGenerator.Generate()), cancellationToken);
        if (!created.Succeeded)
            throw new InvalidOperationException("Demo organization: " + string.Join(" ", created.Errors.Values));
        credentials.Add(("/" + Slug, admin.Login, created.AdminPassword!));

        await using (var scope = scopes.CreateScope(created.Organization!))
        {
            var orgUsers = scope.ServiceProvider.GetRequiredService<OrgUsers>();
            var userManager = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<GydexUser>>();
            var byLogin = new Dictionary<string, GydexUser>(StringComparer.Ordinal)
            {
                [admin.Login] = (await userManager.FindByNameAsync(admin.Login))!,
            };
            foreach (var demo in Users.Skip(1))
            {
                var (user, password, errors) = await orgUsers.CreateAsync(new NewUser(demo.Login, demo.DisplayName, demo.Email, fixedPassword, MustChangePassword: false));
                if (user is null)
                    throw new InvalidOperationException($"Demo user {demo.Login}: {string.Join(" ", errors)}");
                byLogin[demo.Login] = user;
                credentials.Add(("/" + Slug, demo.Login, password!));
            }

            foreach (var seed in scope.ServiceProvider.GetServices<IDemoSeed>())
                await seed.SeedAsync(scope.ServiceProvider, byLogin, cancellationToken);
        }

        catalog.Settings.Add(new CatalogSetting { Key = SeededKey, Value = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) });
        await catalog.SaveChangesAsync(cancellationToken);
        PrintCredentials(credentials);
    }

    private void PrintCredentials(List<(string Where, string Login, string Password)> credentials)
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("==================== Gydex demo ====================");
        text.AppendLine("Demo organization 'Demo Trading LLC' is at /demo, the platform console at /platform.");
        foreach (var (where, login, password) in credentials)
            text.AppendLine(CultureInfo.InvariantCulture, $"  {where,-10} login: {login,-11} password: {password}");
        text.AppendLine("These passwords are shown only now (set Demo:Password to choose one).");
        text.AppendLine("=====================================================");
        Console.Out.Write(text.ToString());
        logger.LogInformation("Demo organization created with {Count} accounts", credentials.Count);
    }
}

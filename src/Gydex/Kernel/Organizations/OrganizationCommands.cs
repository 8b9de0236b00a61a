using System.CommandLine;
using System.Globalization;
using Gydex.Kernel.CommandLine;
using Gydex.Kernel.Identity;

namespace Gydex.Kernel.Organizations;

/// <summary><c>org create|list|suspend|resume</c> and <c>operator create</c>.</summary>
public sealed class OrganizationCommands : ICommandLineContributor
{
    public void Contribute(RootCommand root, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(root);
        var org = new Command("org", "Organizations of this installation.");
        org.Subcommands.Add(Create(services));
        org.Subcommands.Add(List(services));
        org.Subcommands.Add(SetSuspended(services, "suspend", suspended: true));
        org.Subcommands.Add(SetSuspended(services, "resume", suspended: false));
        root.Subcommands.Add(org);

        var op = new Command("operator", "Platform operators (support staff).");
        op.Subcommands.Add(CreateOperator(services));
        root.Subcommands.Add(op);
    }

    private static Command Create(IServiceProvider services)
    {
        var slug = new Argument<string>("slug") { Description = "The address: /{slug}/ (lowercase latin letters, digits, '-')." };
        var name = new Option<string>("--name") { Description = "The organization's name.", Required = true };
        var admin = new Option<string>("--admin") { Description = "Login of its first administrator.", Required = true };
        var timeZone = new Option<string>("--time-zone") { Description = "IANA time zone.", DefaultValueFactory = _ => "Europe/Moscow" };
        var language = new Option<string>("--language") { Description = "Default language: ru or en.", DefaultValueFactory = _ => "ru" };
        var command = new Command("create", "Create an organization with its own database and print its administrator's one-time password.")
        {
            slug, name, admin, timeZone, language,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await GydexCommandLine.EnsureCatalogAsync(services, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<OrganizationProvisioner>().CreateAsync(new NewOrganization(
                parse.GetValue(slug)!, parse.GetValue(name)!, parse.GetValue(timeZone)!, parse.GetValue(language)!, parse.GetValue(admin)!),
                cancellationToken);
            if (!result.Succeeded)
            {
                foreach (var (field, error) in result.Errors)
                    await Console.Error.WriteLineAsync($"{field}: {error}");
                return 2;
            }

            var created = result.Organization!;
            Console.WriteLine($"Organization '{created.Name}' created at /{created.Slug} ({created.DatabaseServer}/{created.DatabaseName}).");
            Console.WriteLine($"Administrator: {parse.GetValue(admin)}  one-time password: {result.AdminPassword}");
            Console.WriteLine("The password must be changed at the first sign-in.");
            return 0;
        });
        return command;
    }

    private static Command List(IServiceProvider services)
    {
        var command = new Command("list", "List the organizations.");
        command.SetAction(async (_, cancellationToken) =>
        {
            await GydexCommandLine.EnsureCatalogAsync(services, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var orgs = await scope.ServiceProvider.GetRequiredService<OrganizationAdministration>().ListAsync(cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"SLUG",-24} {"STATUS",-12} {"CREATED",-20} {"SERVER",-22} NAME"));
            foreach (var o in orgs)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{o.Slug,-24} {o.Status,-12} {o.CreatedAt.UtcDateTime,-20:yyyy-MM-dd HH:mm} {o.DatabaseServer,-22} {o.Name}"));
            return 0;
        });
        return command;
    }

    private static Command SetSuspended(IServiceProvider services, string verb, bool suspended)
    {
        var slug = new Argument<string>("slug");
        var command = new Command(verb, suspended ? "Suspend an organization: its users see a page saying so." : "Resume a suspended organization.") { slug };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await GydexCommandLine.EnsureCatalogAsync(services, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var done = await scope.ServiceProvider.GetRequiredService<OrganizationAdministration>()
                .SetSuspendedAsync(parse.GetValue(slug)!, suspended, cancellationToken);
            if (!done)
            {
                await Console.Error.WriteLineAsync($"No organization '{parse.GetValue(slug)}'.");
                return 2;
            }

            Console.WriteLine($"Organization '{parse.GetValue(slug)}' {(suspended ? "suspended" : "resumed")}.");
            return 0;
        });
        return command;
    }

    private static Command CreateOperator(IServiceProvider services)
    {
        var login = new Argument<string>("login");
        var name = new Option<string>("--name") { Description = "Display name." };
        var command = new Command("create", "Create a platform operator and print the password.") { login, name };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await GydexCommandLine.EnsureCatalogAsync(services, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var (password, errors) = await scope.ServiceProvider.GetRequiredService<PlatformOperators>()
                .CreateAsync(parse.GetValue(login)!, parse.GetValue(name));
            if (password is null)
            {
                foreach (var error in errors)
                    await Console.Error.WriteLineAsync(error);
                return 2;
            }

            Console.WriteLine($"Operator '{parse.GetValue(login)}' created. Password: {password}");
            return 0;
        });
        return command;
    }
}

using System.CommandLine;
using Gydex.Kernel.Organizations;

namespace Gydex.Kernel.CommandLine;

/// <summary>Lets a module add its commands (e.g. <c>journal verify</c>) to <c>dotnet run -- …</c>.</summary>
public interface ICommandLineContributor
{
    void Contribute(RootCommand root, IServiceProvider services);
}

/// <summary>
/// <c>dotnet run --project src/Gydex -- &lt;command&gt; …</c>: the same services as the web host, without serving.
/// A first argument that is not an option means a command.
/// </summary>
public static class GydexCommandLine
{
    public static bool IsCommand(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    /// <summary>The arguments the web host should see: none for a command, so its options are not read as configuration.</summary>
    public static string[] HostArgs(string[] args) => IsCommand(args) ? [] : args;

    /// <summary>Commands print their own results; the host's information logs would drown them.</summary>
    public static WebApplicationBuilder QuietForCommands(this WebApplicationBuilder builder, string[] args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (IsCommand(args))
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        return builder;
    }

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var root = new RootCommand("Gydex: run without arguments to serve; these commands administer the installation.");
        foreach (var contributor in services.GetServices<ICommandLineContributor>())
            contributor.Contribute(root, services);
        return await root.Parse(args).InvokeAsync();
    }

    /// <summary>Brings the catalog up to date before a command that reads or writes it.</summary>
    public static async Task EnsureCatalogAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await CatalogMigrator.MigrateAsync(scope.ServiceProvider, cancellationToken);
    }

    /// <summary>
    /// A path as the user typed it: <c>dotnet run</c> starts the program in the project folder, so a relative
    /// path is taken from the shell's directory ($PWD) where the shell says it.
    /// </summary>
    public static string ResolvePath(string path)
    {
        var shellDirectory = Environment.GetEnvironmentVariable("PWD");
        return Path.IsPathRooted(path) || string.IsNullOrEmpty(shellDirectory) || !Directory.Exists(shellDirectory)
            ? Path.GetFullPath(path)
            : Path.GetFullPath(path, shellDirectory);
    }

    public static IServiceCollection AddCommandLine<T>(this IServiceCollection services)
        where T : class, ICommandLineContributor =>
        services.AddSingleton<ICommandLineContributor, T>();
}

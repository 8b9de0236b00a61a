using System.CommandLine;
using Gydex.CommerceML.Inspection;
using Gydex.Kernel.CommandLine;

namespace Gydex.Modules.Exchange;

/// <summary>
/// The 1C integration (CommerceML 2). For now: <c>commerceml inspect FILE…</c>, with which support checks a
/// customer's unloading; the exchange endpoint and the mapping onto products and documents come next.
/// </summary>
public static class ExchangeModule
{
    public static IServiceCollection AddExchange(this IServiceCollection services) =>
        services.AddCommandLine<CommerceMLCommands>();

    private sealed class CommerceMLCommands : ICommandLineContributor
    {
        public void Contribute(RootCommand root, IServiceProvider services)
        {
            ArgumentNullException.ThrowIfNull(root);
            var files = new Argument<string[]>("files") { Description = "CommerceML files to check.", Arity = ArgumentArity.OneOrMore };
            var inspect = new Command("inspect", "Print each file's schema version, encoding, namespace, counts and every problem; exit non-zero when a file cannot be read.")
            {
                files,
            };
            inspect.SetAction((parse, cancellationToken) =>
                CommerceMLInspectCommand.RunAsync(parse.GetValue(files)!.Select(GydexCommandLine.ResolvePath).ToList(), Console.Out, cancellationToken));
            var commerceml = new Command("commerceml", "CommerceML 2 files of the 1C exchange.");
            commerceml.Subcommands.Add(inspect);
            root.Subcommands.Add(commerceml);
        }
    }
}

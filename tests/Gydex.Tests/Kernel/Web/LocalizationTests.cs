using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Gydex.Kernel.Web;
using Gydex.Tests.Infrastructure;

namespace Gydex.Tests.Kernel.Web;

public sealed partial class LocalizationTests
{
    [GeneratedRegex(""""(?:\bT|texts)\["((?:[^"\\]|\\.)*)"|ErrorMessage = "((?:[^"\\]|\\.)*)"|ModelState.AddModelError\("[^"]*", texts\["((?:[^"\\]|\\.)*)"\]|Refused\("((?:[^"\\]|\\.)*)"|Invalid\("((?:[^"\\]|\\.)*)"|new MatrixChange\([^"]*"((?:[^"\\]|\\.)*)"""")]
    private static partial Regex TextKey();

    /// <summary>Each part of the application, with the resource its texts come from.</summary>
    public static TheoryData<string, Type> Parts => new()
    {
        { "Kernel", typeof(WebTexts) },
        { "Modules/Administration", typeof(Gydex.Modules.Administration.AdministrationTexts) },
        { "Modules/Files", typeof(Gydex.Modules.Files.FilesTexts) },
        { "Modules/Customers", typeof(Gydex.Modules.Customers.CustomersTexts) },
        { "Modules/Sales", typeof(Gydex.Modules.Sales.SalesTexts) },
        { "Modules/Operations", typeof(Gydex.Modules.Operations.OperationsTexts) },
    };

    /// <summary>Every text a part's pages and messages show has its Russian translation in that part's .ru.resx.</summary>
    [Theory]
    [MemberData(nameof(Parts))]
    public void Every_text_has_a_Russian_translation(string folder, Type texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var resources = new ResourceManager(texts.FullName!, texts.Assembly);
        var russian = CultureInfo.GetCultureInfo("ru");
        var root = Path.Combine(TestEnvironment.RepositoryRoot, "src", "Gydex", folder);
        var keys = Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(f => TextKey().Matches(File.ReadAllText(f)))
            .Select(m => m.Groups.Cast<Group>().Skip(1).First(g => g.Success).Value)
            .Distinct(StringComparer.Ordinal)
            .ToList();

        var translations = resources.GetResourceSet(russian, createIfNotExists: true, tryParents: false)!;
        var missing = keys.Where(k => translations.GetString(k) is null).ToList();

        Assert.True(keys.Count > 30, $"only {keys.Count} texts found in {folder}: the scan is broken");
        Assert.True(missing.Count == 0, "No Russian for: " + string.Join(" | ", missing));
    }

    /// <summary>The messages the provisioning and account rules produce are translated too.</summary>
    [Theory]
    [InlineData("This address is reserved.")]
    [InlineData("This address is already taken.")]
    [InlineData("The address must be 3–40 characters long.")]
    [InlineData("The name must be at most 200 characters long.")]
    [InlineData("The login must be at most 64 characters long.")]
    [InlineData("The login may hold latin letters, digits and . _ @ - only.")]
    public void Validation_messages_of_the_rules_have_Russian(string message)
    {
        var resources = new ResourceManager(typeof(WebTexts).FullName!, typeof(WebTexts).Assembly);
        var translations = resources.GetResourceSet(CultureInfo.GetCultureInfo("ru"), createIfNotExists: true, tryParents: false)!;

        Assert.NotNull(translations.GetString(message));
    }
}

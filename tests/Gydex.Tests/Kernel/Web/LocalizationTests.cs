using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Gydex.Kernel.Web;
using Gydex.Tests.Infrastructure;

namespace Gydex.Tests.Kernel.Web;

public sealed partial class LocalizationTests
{
    [GeneratedRegex("""(?:\bT|texts)\["((?:[^"\\]|\\.)*)"|ErrorMessage = "((?:[^"\\]|\\.)*)"|ModelState.AddModelError\("[^"]*", texts\["((?:[^"\\]|\\.)*)"\]""")]
    private static partial Regex TextKey();

    /// <summary>Every text the kernel's pages and messages show has its Russian translation in WebTexts.ru.resx.</summary>
    [Fact]
    public void Every_kernel_text_has_a_Russian_translation()
    {
        var resources = new ResourceManager(typeof(WebTexts).FullName!, typeof(WebTexts).Assembly);
        var russian = CultureInfo.GetCultureInfo("ru");
        var kernel = Path.Combine(TestEnvironment.RepositoryRoot, "src", "Gydex", "Kernel");
        var keys = Directory.EnumerateFiles(kernel, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(f => TextKey().Matches(File.ReadAllText(f)))
            .Select(m => m.Groups.Cast<Group>().Skip(1).First(g => g.Success).Value)
            .Distinct(StringComparer.Ordinal)
            .ToList();

        var missing = keys.Where(k => resources.GetString(k, russian) is null).ToList();

        Assert.True(keys.Count > 100, $"only {keys.Count} texts found: the scan is broken");
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

        Assert.NotNull(resources.GetString(message, CultureInfo.GetCultureInfo("ru")));
    }
}

using System.Globalization;
using Gydex.Kernel.Web;
using Gydex.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gydex.Tests.Kernel.Web;

/// <summary>Remembered texts answer exactly as the resources do, in the language of the moment.</summary>
public sealed class RememberedTextsTests(SharedHost host)
{
    private static readonly string[] Names = ["Access is prohibited", "Code", "Contents", "Copy", "Active"];

    private static ResourceManagerStringLocalizerFactory Resources() =>
        new(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);

    private static T In<T>(string language, Func<T> read)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            return read();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    [Fact]
    public void Each_language_gets_its_own_texts_however_the_requests_alternate()
    {
        var remembered = new RememberedTexts(Resources()).Create(typeof(WebTexts));
        var resources = Resources().Create(typeof(WebTexts));

        foreach (var language in new[] { "ru", "en", "ru", "en" })
        {
            foreach (var name in Names)
            {
                var expected = In(language, () => resources[name]);
                var actual = In(language, () => remembered[name]);
                Assert.Equal((expected.Value, expected.ResourceNotFound), (actual.Value, actual.ResourceNotFound));
            }
        }

        Assert.Equal("Доступ запрещён", In("ru", () => remembered["Access is prohibited"].Value));
        Assert.Equal("Access is prohibited", In("en", () => remembered["Access is prohibited"].Value));
    }

    [Fact]
    public void A_text_with_arguments_is_formatted_and_a_missing_one_shows_its_name()
    {
        var remembered = new RememberedTexts(Resources()).Create(typeof(WebTexts));

        Assert.Equal("Найдено: 1,5", In("ru", () => remembered["Found: {0}", 1.5].Value));
        Assert.Equal("Found: 1.5", In("en", () => remembered["Found: {0}", 1.5].Value));
        var missing = In("ru", () => remembered["No such text {0}", "x"]);
        Assert.True(missing.ResourceNotFound);
        Assert.Equal("No such text x", missing.Value);
    }

    [Fact]
    public void Beyond_its_capacity_a_localizer_still_answers_from_the_resources()
    {
        var remembered = new RememberedTexts(Resources()).Create(typeof(WebTexts));
        for (var i = 0; i < RememberedTexts.Capacity + 10; i++)
            Assert.Equal("missing " + i, In("en", () => remembered["missing " + i].Value));

        Assert.Equal("Доступ запрещён", In("ru", () => remembered["Access is prohibited"].Value));
    }

    [Fact]
    public void The_application_serves_one_remembering_localizer_per_resource()
    {
        var factory = host.Factory.Services.GetRequiredService<IStringLocalizerFactory>();

        Assert.IsType<RememberedTexts>(factory);
        Assert.Same(factory.Create(typeof(WebTexts)), factory.Create(typeof(WebTexts)));
        Assert.Equal("Доступ запрещён", In("ru", () => host.Factory.Services.GetRequiredService<IStringLocalizer<WebTexts>>()["Access is prohibited"].Value));
    }
}

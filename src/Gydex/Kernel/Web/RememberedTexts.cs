using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Gydex.Kernel.Web;

/// <summary>
/// The interface's texts, looked up in the resources once per language and then remembered. A page shows sixty or
/// so texts, and each went through the resource manager's culture fallback and its locks on every request. Texts
/// come from the code and the resources, which do not change while the process runs; a localizer remembers at most
/// <see cref="Capacity"/> of them per language, so a caller passing arbitrary names cannot grow it without bound.
/// </summary>
public sealed class RememberedTexts(ResourceManagerStringLocalizerFactory resources) : IStringLocalizerFactory
{
    public const int Capacity = 5_000;

    private readonly ConcurrentDictionary<Type, IStringLocalizer> byType = new();
    private readonly ConcurrentDictionary<(string BaseName, string Location), IStringLocalizer> byName = new();

    public IStringLocalizer Create(Type resourceSource) =>
        byType.GetOrAdd(resourceSource, static (type, factory) => new Remembered(factory.Create(type)), resources);

    public IStringLocalizer Create(string baseName, string location) =>
        byName.GetOrAdd((baseName, location), static (key, factory) => new Remembered(factory.Create(key.BaseName, key.Location)), resources);

    /// <summary>Puts the factory in place of the one <c>AddLocalization</c> registered.</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<ResourceManagerStringLocalizerFactory>();
        services.AddSingleton<IStringLocalizerFactory, RememberedTexts>();
    }

    private sealed class Remembered(IStringLocalizer resources) : IStringLocalizer
    {
        private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, LocalizedString>> byLanguage = new(StringComparer.Ordinal);

        public LocalizedString this[string name]
        {
            get
            {
                ArgumentNullException.ThrowIfNull(name);
                var texts = byLanguage.GetOrAdd(CultureInfo.CurrentUICulture.Name, static _ => new(StringComparer.Ordinal));
                if (texts.TryGetValue(name, out var text))
                    return text;
                text = resources[name];
                if (texts.Count < Capacity)
                    texts.TryAdd(name, text);
                return text;
            }
        }

        // As the resource manager's localizer does: the text is a format; a missing one formats its name.
        public LocalizedString this[string name, params object[] arguments]
        {
            get
            {
                var format = this[name];
                return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound, format.SearchedLocation);
            }
        }

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => resources.GetAllStrings(includeParentCultures);
    }
}

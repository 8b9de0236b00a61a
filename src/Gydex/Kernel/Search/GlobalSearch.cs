using Gydex.Kernel.Access;
using Gydex.Kernel.Web;

namespace Gydex.Kernel.Search;

/// <summary>One thing found: what it is (the area's title), its code and name, a line of detail, and where it opens.</summary>
public sealed record SearchHit(string Area, string? Code, string Title, string? Detail, string Url);

/// <summary>
/// A module's part of the global search (counterparties, contacts, deals, tasks…). It answers only with what the
/// current user may see — the area's right AND its data scope — and at most <c>take</c> hits, best first.
/// Registered with <see cref="SearchModule.AddSearchArea{T}"/>.
/// </summary>
public interface ISearchArea
{
    /// <summary>A stable name ("counterparties"), used to narrow a search to one area.</summary>
    string Name { get; }

    LocalizedText Title { get; }

    /// <summary>The right without which the area is not searched at all.</summary>
    Right Right { get; }

    int Order { get; }

    Task<IReadOnlyList<SearchHit>> SearchAsync(string term, int take, CancellationToken cancellationToken);
}

/// <summary>Asks every area the user holds the right of, one after another (they share the request's database context).</summary>
public sealed class GlobalSearch(IEnumerable<ISearchArea> areas, CurrentAccess access)
{
    public const int MinLength = 2;
    public const int MaxLength = 100;

    public IReadOnlyList<ISearchArea> Areas => areas.Where(a => access.Has(a.Right)).OrderBy(a => a.Order).ToList();

    public async Task<IReadOnlyList<(ISearchArea Area, IReadOnlyList<SearchHit> Hits)>> SearchAsync(string? term, string? area, int take,
        CancellationToken cancellationToken)
    {
        term = term?.Trim();
        if (string.IsNullOrEmpty(term) || term.Length < MinLength)
            return [];
        if (term.Length > MaxLength)
            term = term[..MaxLength];
        var result = new List<(ISearchArea, IReadOnlyList<SearchHit>)>();
        foreach (var a in Areas.Where(a => area is null || a.Name == area))
            result.Add((a, await a.SearchAsync(term, take, cancellationToken)));
        return result;
    }
}

public static class SearchModule
{
    public static IServiceCollection AddGlobalSearch(this IServiceCollection services)
    {
        services.AddScoped<GlobalSearch>();
        services.AddSingleton(new NavigationItem("search", "Search", "/search", 50, typeof(WebTexts)));
        return services;
    }

    public static IServiceCollection AddSearchArea<T>(this IServiceCollection services)
        where T : class, ISearchArea =>
        services.AddScoped<ISearchArea, T>();
}

using BenchmarkDotNet.Attributes;
using Gydex.Kernel.Access;
using Gydex.Modules.Administration;

namespace Gydex.Bench.Access;

/// <summary>
/// A rights check on a warm cache: what the guard, the tag helper and the menu do for every element
/// (<see cref="CurrentAccess.Has"/> = the catalog index of the right, then a bit test). Baseline: the naive
/// check of a right code in a set of the user's codes. The catalog holds the real rights plus 300 more, as
/// many as the later modules will declare.
/// </summary>
[MemoryDiagnoser]
public class RightCheckBenchmarks
{
    private RightCatalog catalog = null!;
    private EffectiveRights rights = null!;
    private HashSet<string> codes = null!;
    private Right checkedRight = null!;

    private sealed class Declaration(IEnumerable<Right> rights) : IRightsDeclaration
    {
        public IEnumerable<Right> Rights { get; } = rights.ToList();
    }

    [GlobalSetup]
    public void Setup()
    {
        var more = Enumerable.Range(0, 300).Select(i => new Right($"module{i % 15}.right{i}", $"module{i % 15}", new("п", "r"), new("", ""), hasScope: i % 3 == 0)).ToList();
        checkedRight = more[250];
        catalog = new RightCatalog([(IRightsDeclaration)new AdministrationRights(), new Declaration(more)]);
        var builder = new EffectiveRights.Builder(catalog);
        for (var i = 0; i < catalog.Count; i += 2)
            builder.Grant(i, RightScope.Department);
        builder.Grant(catalog.IndexOf(checkedRight), RightScope.All);
        rights = builder.Build();
        codes = new HashSet<string>(catalog.Rights.Where((_, i) => rights.Has(i)).Select(r => r.Code), StringComparer.Ordinal);
    }

    [Benchmark(Baseline = true, Description = "HashSet<string>.Contains(code)")]
    public bool CodeInSet() => codes.Contains(checkedRight.Code);

    [Benchmark(Description = "EffectiveRights.Has(catalog.IndexOf(right))")]
    public bool BitTest() => rights.Has(catalog.IndexOf(checkedRight));

    [Benchmark(Description = "EffectiveRights.ScopeOf(catalog.IndexOf(right))")]
    public RightScope? Scope() => rights.ScopeOf(catalog.IndexOf(checkedRight));
}

using Gydex.Kernel.Access;

namespace Gydex.Tests.Kernel.Access;

/// <summary>The catalog and the effective-rights arithmetic, without a database.</summary>
public sealed class RightCatalogTests
{
    private static readonly Right Manage = new("contacts.manage", "test", new("у", "manage"), new("", ""), hasScope: true);
    private static readonly Right Edit = new("contacts.edit", "test", new("р", "edit"), new("", ""), hasScope: true, impliedBy: [Manage]);
    private static readonly Right View = new("contacts.view", "test", new("п", "view"), new("", ""), hasScope: true, impliedBy: [Edit]);
    private static readonly Right Export = new("contacts.export", "test", new("э", "export"), new("", ""));

    private sealed class Declaration(params Right[] rights) : IRightsDeclaration
    {
        public IEnumerable<Right> Rights { get; } = rights;

        public IEnumerable<FieldRight> FieldRights { get; init; } = [];
    }

    private static RightCatalog Catalog() => new([new Declaration(Manage, Edit, View, Export)]);

    private static EffectiveRights Build(RightCatalog catalog, Action<EffectiveRights.Builder> steps)
    {
        var builder = new EffectiveRights.Builder(catalog);
        steps(builder);
        return builder.Build();
    }

    [Fact]
    public void Implication_is_transitive()
    {
        var catalog = Catalog();

        var rights = Build(catalog, b => b.Grant(catalog.IndexOf(Manage), RightScope.Own));

        Assert.True(rights.Has(catalog.IndexOf(Manage)));
        Assert.True(rights.Has(catalog.IndexOf(Edit)));
        Assert.True(rights.Has(catalog.IndexOf(View)));
        Assert.False(rights.Has(catalog.IndexOf(Export)));
    }

    [Fact]
    public void A_lower_right_does_not_give_a_higher_one()
    {
        var catalog = Catalog();

        var rights = Build(catalog, b => b.Grant(catalog.IndexOf(View), RightScope.All));

        Assert.True(rights.Has(catalog.IndexOf(View)));
        Assert.False(rights.Has(catalog.IndexOf(Edit)));
    }

    [Fact]
    public void A_revocation_takes_the_right_and_every_right_that_implies_it()
    {
        var catalog = Catalog();

        var rights = Build(catalog, b =>
        {
            b.Grant(catalog.IndexOf(Manage), RightScope.All);
            b.Revoke(catalog.IndexOf(Edit));
        });

        Assert.True(rights.Has(catalog.IndexOf(View)));
        Assert.False(rights.Has(catalog.IndexOf(Edit)));
        Assert.False(rights.Has(catalog.IndexOf(Manage)));
    }

    [Fact]
    public void The_widest_scope_wins_and_rights_without_scope_are_whole()
    {
        var catalog = Catalog();

        var rights = Build(catalog, b =>
        {
            b.Grant(catalog.IndexOf(View), RightScope.Department);
            b.Grant(catalog.IndexOf(Manage), RightScope.Own);
            b.Grant(catalog.IndexOf(Export), RightScope.Own);
        });

        Assert.Equal(RightScope.Department, rights.ScopeOf(catalog.IndexOf(View)));
        Assert.Equal(RightScope.Own, rights.ScopeOf(catalog.IndexOf(Edit)));
        Assert.Equal(RightScope.All, rights.ScopeOf(catalog.IndexOf(Export)));
    }

    [Fact]
    public void A_right_declared_twice_stops_the_start()
    {
        var twin = new Right("contacts.view", "other", new("", ""), new("", ""));

        var error = Assert.Throws<InvalidOperationException>(() => new RightCatalog([new Declaration(View, Edit, Manage), new Declaration(twin)]));

        Assert.Contains("contacts.view", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_right_implied_by_an_undeclared_one_stops_the_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new RightCatalog([new Declaration(View, Edit)]));

        Assert.Contains("contacts.manage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Using_an_undeclared_right_is_an_error()
    {
        var catalog = Catalog();
        var stray = new Right("stray.right", "test", new("", ""), new("", ""));

        Assert.False(catalog.IsDeclared(stray));
        Assert.Throws<InvalidOperationException>(() => catalog.IndexOf(stray));
    }

    [Fact]
    public void A_field_right_on_an_undeclared_right_stops_the_start()
    {
        var stray = new Right("deals.amount", "test", new("", ""), new("", ""));
        var declaration = new Declaration(Manage, Edit, View) { FieldRights = [new FieldRight("deal", "Amount", stray)] };

        var error = Assert.Throws<InvalidOperationException>(() => new RightCatalog([declaration]));

        Assert.Contains("deals.amount", error.Message, StringComparison.Ordinal);
    }
}

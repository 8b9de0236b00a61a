using Gydex.Modules.Customers;

namespace Gydex.Tests.Modules.Customers;

public sealed class RequisitesTests
{
    [Theory]
    [InlineData("7707083893", true)]
    [InlineData("7736207543", true)]
    [InlineData("500100732259", true)]
    [InlineData("7707083894", false)]
    [InlineData("500100732250", false)]
    [InlineData("500100732269", false)]
    [InlineData("770708389", false)]
    [InlineData("77070838931", false)]
    [InlineData("77070838a3", false)]
    [InlineData("", false)]
    public void An_INN_is_valid_only_with_matching_control_digits(string inn, bool valid) =>
        Assert.Equal(valid, Requisites.IsValidInn(inn));

    [Fact]
    public void An_organization_needs_a_ten_digit_INN_and_a_person_a_twelve_digit_one()
    {
        Assert.Null(Requisites.InnProblem("7707083893", CounterpartyKind.Legal));
        Assert.NotNull(Requisites.InnProblem("500100732259", CounterpartyKind.Legal));
        Assert.Null(Requisites.InnProblem("500100732259", CounterpartyKind.Sole));
        Assert.NotNull(Requisites.InnProblem("7707083893", CounterpartyKind.Person));
    }

    [Fact]
    public void OGRN_KPP_and_BIK_are_checked()
    {
        Assert.Null(Requisites.OgrnProblem("1027700132195", CounterpartyKind.Legal));
        Assert.NotNull(Requisites.OgrnProblem("1027700132196", CounterpartyKind.Legal));
        Assert.NotNull(Requisites.OgrnProblem("1027700132195", CounterpartyKind.Sole));
        Assert.Null(Requisites.KppProblem("773601001"));
        Assert.Null(Requisites.KppProblem("7736AB001"));
        Assert.NotNull(Requisites.KppProblem("77360100"));
        Assert.Null(Requisites.BikProblem("044525225"));
        Assert.NotNull(Requisites.BikProblem("04452522"));
    }

    [Fact]
    public void Exactly_one_control_digit_makes_an_account_match_its_BIK()
    {
        var matching = Enumerable.Range(0, 10).Select(d => $"40702810{d}38000000001")
            .Where(account => Requisites.AccountProblem(account, "044525225") is null).ToList();
        Assert.Single(matching);
        Assert.NotNull(Requisites.AccountProblem("4070281003800000000", "044525225"));
    }
}

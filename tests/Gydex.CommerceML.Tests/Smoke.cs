namespace Gydex.CommerceML.Tests;

public class Smoke
{
    [Fact]
    public void Version_range_is_two_point_x() => Assert.StartsWith("2.", CommerceMLVersion.Minimum, StringComparison.Ordinal);
}

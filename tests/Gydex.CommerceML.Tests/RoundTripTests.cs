namespace Gydex.CommerceML.Tests;

public class RoundTripTests
{
    [Theory]
    [MemberData(nameof(Samples.Names), MemberType = typeof(Samples))]
    public void Sample_read_written_and_read_again_gives_equal_records(string name)
    {
        var first = Samples.Read(name);
        var header = (CommerceMLHeader)first[0];
        var bytes = CommerceMLWriter.ToBytes(first, CommerceMLWriterOptions.Like(header));
        var second = Xml.ReadBytes(bytes);
        var again = (CommerceMLHeader)second[0];
        Assert.Equal((header.SchemaVersion, header.Namespace, header.Encoding, header.GeneratedAt), (again.SchemaVersion, again.Namespace, again.Encoding, again.GeneratedAt));
        Assert.Equal(first.Skip(1), second.Skip(1));
    }
}

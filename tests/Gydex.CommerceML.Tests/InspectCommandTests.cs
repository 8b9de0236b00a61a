using System.Text;
using Gydex.CommerceML.Inspection;

namespace Gydex.CommerceML.Tests;

public class InspectCommandTests
{
    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] files)
    {
        using var output = new StringWriter();
        var code = await CommerceMLInspectCommand.RunAsync(files, output, TestContext.Current.CancellationToken);
        return (code, output.ToString());
    }

    private static string Write(TempFolder folder, string name, string xml, Encoding? encoding = null)
    {
        var path = Path.Combine(folder.Path, name);
        File.WriteAllBytes(path, (encoding ?? new UTF8Encoding(true)).GetPreamble().Concat((encoding ?? Encoding.UTF8).GetBytes(xml)).ToArray());
        return path;
    }

    private const string Catalog = """
        <?xml version="1.0" encoding="UTF-8"?>
        <КоммерческаяИнформация xmlns="urn:1C.ru:commerceml_2" ВерсияСхемы="2.07" ДатаФормирования="2020-04-07T13:16:06">
          <Классификатор><Ид>k</Ид><Группы><Группа><Ид>g1</Ид><Группы><Группа><Ид>g2</Ид></Группа></Группы></Группа></Группы>
            <Свойства><Свойство><Ид>p</Ид><Наименование>Цвет</Наименование></Свойство></Свойства></Классификатор>
          <Каталог><Товары><Товар><Ид>a</Ид></Товар><Товар Статус="Удален"><Ид>b</Ид></Товар><Товар><Ид>c</Ид></Товар></Товары></Каталог>
          <ПакетПредложений><Предложения><Предложение><Ид>a</Ид><Цены><Цена><ЦенаЗаЕдиницу>1</ЦенаЗаЕдиницу></Цена><Цена><ЦенаЗаЕдиницу>2</ЦенаЗаЕдиницу></Цена></Цены>
            <Склад ИдСклада="w1" КоличествоНаСкладе="1"/></Предложение></Предложения></ПакетПредложений>
          <Документ><Ид>d</Ид><Номер>1</Номер><Сумма>1,5</Сумма></Документ>
        </КоммерческаяИнформация>
        """;

    [Fact]
    public async Task Inspect_prints_version_encoding_namespace_and_counts()
    {
        using var folder = new TempFolder();
        var (code, output) = await RunAsync(Write(folder, "import.xml", Catalog));
        Assert.Equal(0, code);
        Assert.Contains("schema version: 2.07", output, StringComparison.Ordinal);
        Assert.Contains("encoding: utf-8 (with BOM)", output, StringComparison.Ordinal);
        Assert.Contains("namespace: urn:1C.ru:commerceml_2", output, StringComparison.Ordinal);
        Assert.Contains("groups: 2, properties: 1,", output, StringComparison.Ordinal);
        Assert.Contains("products: 3 (deleted: 1), offers: 1, prices: 2, stock rows: 1", output, StringComparison.Ordinal);
        Assert.Contains("documents: 1 (lines: 0)", output, StringComparison.Ordinal);
        Assert.Contains("problems: 0", output, StringComparison.Ordinal);
        Assert.Contains("result: OK", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_reports_windows1251_and_no_namespace()
    {
        using var folder = new TempFolder();
        var xml = "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<КоммерческаяИнформация ВерсияСхемы=\"2.03\" ДатаФормирования=\"2008-03-28\"><Документ><Ид>20</Ид></Документ></КоммерческаяИнформация>";
        var (code, output) = await RunAsync(Write(folder, "to.xml", xml, CommerceMLWriterOptions.Windows1251));
        Assert.Equal(0, code);
        Assert.Contains("encoding: windows-1251\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("namespace: (none)", output, StringComparison.Ordinal);
        Assert.Contains("documents: 1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_lists_every_problem_with_line_and_position()
    {
        using var folder = new TempFolder();
        var xml = "<КоммерческаяИнформация ВерсияСхемы=\"2.08\">\n<Документ>\n  <Сумма>много</Сумма>\n  <Дата>31.02.2020x</Дата>\n</Документ>\n</КоммерческаяИнформация>";
        var (code, output) = await RunAsync(Write(folder, "orders.xml", xml));
        Assert.Equal(0, code);
        Assert.Contains("problems: 3", output, StringComparison.Ordinal);
        Assert.Contains("warning: line 3, position 4: not a number at /КоммерческаяИнформация/Документ/Сумма (value: \"много\")", output, StringComparison.Ordinal);
        Assert.Contains("warning: line 4, position 4: not a date", output, StringComparison.Ordinal);
        Assert.Contains("a document without Ид and Номер", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_prints_every_problem_however_many()
    {
        using var folder = new TempFolder();
        var documents = string.Concat(Enumerable.Range(0, 1500).Select(i => $"<Документ><Ид>{i}</Ид><Курс>x{i}</Курс></Документ>\n"));
        var (code, output) = await RunAsync(Write(folder, "many.xml", $"<КоммерческаяИнформация ВерсияСхемы=\"2.10\">\n{documents}</КоммерческаяИнформация>"));
        Assert.Equal(0, code);
        Assert.Contains("problems: 1500", output, StringComparison.Ordinal);
        Assert.Equal(1500, output.Split("  warning: ").Length - 1);
        Assert.Contains("line 1501, position 25: not a number at /КоммерческаяИнформация/Документ/Курс (value: \"x1499\")", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_refuses_a_3x_file_naming_its_version_and_exits_non_zero()
    {
        using var folder = new TempFolder();
        var xml = "<КоммерческаяИнформация xmlns=\"urn:1C.ru:commerceml_3\" ВерсияСхемы=\"3.1\" ДатаФормирования=\"2021-01-01T00:00:00\"><Контейнер/></КоммерческаяИнформация>";
        var (code, output) = await RunAsync(Write(folder, "bitrix6.xml", xml));
        Assert.Equal(1, code);
        Assert.Contains("CommerceML 3.1 is not supported", output, StringComparison.Ordinal);
        Assert.Contains("result: NOT READ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_exits_non_zero_when_one_of_several_files_is_truncated_or_missing()
    {
        using var folder = new TempFolder();
        var good = Write(folder, "import.xml", Catalog);
        var truncated = Write(folder, "offers.xml", Catalog[..(Catalog.Length / 2)]);
        var missing = Path.Combine(folder.Path, "absent.xml");
        var (code, output) = await RunAsync(good, truncated, missing);
        Assert.Equal(1, code);
        Assert.Contains(good + "\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        var truncatedPart = output[output.IndexOf(truncated, StringComparison.Ordinal)..output.IndexOf(missing, StringComparison.Ordinal)];
        Assert.Contains("error: line ", truncatedPart, StringComparison.Ordinal);
        Assert.Contains("malformed XML", truncatedPart, StringComparison.Ordinal);
        Assert.Contains("cannot open the file", output[output.IndexOf(missing, StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspection_as_data_counts_records_and_keeps_the_failure()
    {
        using var folder = new TempFolder();
        var good = await CommerceMLInspection.InspectFileAsync(Write(folder, "import.xml", Catalog), cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(good.IsReadable);
        Assert.Equal((3, 1, 2, 1), (good.Statistics.Products, good.Statistics.Offers, good.Statistics.Prices, good.Statistics.StockRows));
        var truncated = await CommerceMLInspection.InspectFileAsync(Write(folder, "cut.xml", Catalog[..300]), cancellationToken: TestContext.Current.CancellationToken);
        Assert.False(truncated.IsReadable);
        Assert.True(truncated.Failure!.Line > 1);
        Assert.Contains("result: NOT READ", CommerceMLInspectCommand.Format(truncated), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_without_files_prints_usage()
    {
        var (code, output) = await RunAsync();
        Assert.Equal(2, code);
        Assert.Contains("usage: commerceml inspect FILE", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_reads_every_real_sample()
    {
        var files = Samples.All.Select(Samples.PathOf).ToArray();
        var (code, output) = await RunAsync(files);
        Assert.Equal(0, code);
        Assert.Equal(files.Length, output.Split("result: OK").Length - 1);
        Assert.Contains("offers: 978, prices: 0, stock rows: 978", output, StringComparison.Ordinal);
    }
}

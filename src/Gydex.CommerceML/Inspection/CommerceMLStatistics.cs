namespace Gydex.CommerceML.Inspection;

/// <summary>Counts of what a file holds, accumulated record by record.</summary>
public sealed class CommerceMLStatistics
{
    public int Groups { get; private set; }
    public int Properties { get; private set; }
    public int PriceTypes { get; private set; }
    public int Warehouses { get; private set; }
    public int Units { get; private set; }
    public int Products { get; private set; }
    public int DeletedProducts { get; private set; }
    public int Offers { get; private set; }
    public int Prices { get; private set; }
    public int StockRows { get; private set; }
    public int Documents { get; private set; }
    public int DocumentLines { get; private set; }
    public int Counterparties { get; private set; }
    public int UnknownElements { get; private set; }

    public void Add(CommerceMLItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        switch (item)
        {
            case Group: Groups++; break;
            case Property: Properties++; break;
            case PriceType: PriceTypes++; break;
            case Warehouse: Warehouses++; break;
            case Unit: Units++; break;
            case Product product:
                Products++;
                if (product.IsDeleted)
                    DeletedProducts++;
                break;
            case Offer offer:
                Offers++;
                Prices += offer.Prices.Count;
                StockRows += offer.Stocks.Count;
                break;
            case Document document:
                Documents++;
                DocumentLines += document.Lines.Count;
                break;
            case Counterparty: Counterparties++; break;
            case UnknownElement: UnknownElements++; break;
        }
    }
}

/// <summary>The outcome of reading one file to its end.</summary>
public sealed record CommerceMLInspection(
    string File,
    CommerceMLHeader? Header,
    CommerceMLStatistics Statistics,
    IReadOnlyList<CommerceMLProblem> Problems,
    int ProblemCount,
    CommerceMLProblem? Failure)
{
    public bool IsReadable => Failure is null;

    /// <summary>Reads a whole file and counts its records; never throws for a bad file, <see cref="Failure"/> says why.</summary>
    public static async Task<CommerceMLInspection> InspectFileAsync(string file, CommerceMLReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        var statistics = new CommerceMLStatistics();
        CommerceMLReader? reader = null;
        try
        {
            reader = CommerceMLReader.OpenFile(file, options);
            await foreach (var item in reader.ReadItemsAsync(cancellationToken).ConfigureAwait(false))
                statistics.Add(item);
            return new CommerceMLInspection(file, reader.Header, statistics, reader.Problems, reader.ProblemCount, null);
        }
        catch (CommerceMLException e)
        {
            return new CommerceMLInspection(file, reader?.Header, statistics, reader?.Problems ?? [], reader?.ProblemCount ?? 0, e.Problem);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var problem = new CommerceMLProblem(CommerceMLProblemSeverity.Fatal, "cannot open the file: " + e.Message, 0, 0, "", null);
            return new CommerceMLInspection(file, reader?.Header, statistics, reader?.Problems ?? [], reader?.ProblemCount ?? 0, problem);
        }
        finally
        {
            reader?.Dispose();
        }
    }
}

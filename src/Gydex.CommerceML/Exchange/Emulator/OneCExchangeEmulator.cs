using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;

namespace Gydex.CommerceML.Exchange.Emulator;

/// <summary>A file 1C sends: its exchange name ("import.xml", "import_files/ab/x.jpg") and bytes.</summary>
public sealed record ExchangeFile(string Name, byte[] Content);

/// <summary>One HTTP call of a session and the site's answer.</summary>
public sealed record ExchangeStep(string Method, string Query, int StatusCode, ExchangeResponse Response, int BodyBytes);

public sealed record OneCExchangeEmulatorOptions
{
    /// <summary>How often mode=import may answer progress before the emulator gives up (1C would loop forever).</summary>
    public int MaxProgressRepeats { get; init; } = 1_000;

    /// <summary>Name of the zip when the site asks for zip=yes (1C uses names like v8_52D8_e12.zip).</summary>
    public string ZipName { get; init; } = "v8_exchange.zip";

    /// <summary>Some clients keep sending Basic credentials after checkauth; real 1C sends only the cookie.</summary>
    public bool SendBasicOnEveryRequest { get; init; }

    /// <summary>Added to every URL, e.g. "version=2.10" as newer 1C modules do at sale init.</summary>
    public string? ExtraQuery { get; init; }
}

/// <summary>How a session went: the steps, and on failure why.</summary>
public sealed record ExchangeSessionResult(bool Succeeded, string? FailureMessage, IReadOnlyList<ExchangeStep> Steps)
{
    /// <summary>For a sale session: the orders the site answered to mode=query.</summary>
    public IReadOnlyList<Document> ReceivedOrders { get; init; } = [];

    /// <summary>For a sale session: the raw mode=query body.</summary>
    public byte[] QueryBody { get; init; } = [];
}

/// <summary>
/// Plays the 1C:Enterprise side of the "exchange with site" protocol over HTTP: checkauth with Basic credentials,
/// the cookie afterwards, init, uploads cut at file_limit (zipped when the site says zip=yes), and the
/// import/progress loop; for sale also query, success and the upload of 1C's changed orders.
/// Give it an HttpClient whose handler does not manage cookies itself (<c>UseCookies = false</c>).
/// </summary>
public sealed class OneCExchangeEmulator
{
    private readonly HttpClient http;
    private readonly Uri endpoint;
    private readonly string basic;
    private readonly OneCExchangeEmulatorOptions options;
    private readonly List<ExchangeStep> steps = [];
    private string? cookie;
    private string? sessionQuery;

    public OneCExchangeEmulator(HttpClient http, Uri endpoint, string userName, string password, OneCExchangeEmulatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(endpoint);
        this.http = http;
        this.endpoint = endpoint;
        basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(userName + ":" + password));
        this.options = options ?? new OneCExchangeEmulatorOptions();
    }

    /// <summary>Catalog upload: checkauth → init → file (chunks) → import until success, for each XML in order.</summary>
    public async Task<ExchangeSessionResult> RunCatalogSessionAsync(IReadOnlyList<ExchangeFile> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        steps.Clear();
        try
        {
            var limits = await BeginAsync("catalog", cancellationToken).ConfigureAwait(false);
            await UploadAsync("catalog", files, limits, cancellationToken).ConfigureAwait(false);
            foreach (var file in files.Where(IsXml))
                await ImportAsync("catalog", file.Name, cancellationToken).ConfigureAwait(false);
            return new ExchangeSessionResult(true, null, steps.ToArray());
        }
        catch (ExchangeFailedException e)
        {
            return new ExchangeSessionResult(false, e.Message, steps.ToArray());
        }
    }

    /// <summary>
    /// Order exchange: checkauth → init → query (the site's orders) → success → file (1C's changed orders), then
    /// import when <paramref name="importAfterUpload"/> (newer sites) — older sites import inside mode=file.
    /// </summary>
    public async Task<ExchangeSessionResult> RunSaleSessionAsync(IReadOnlyList<ExchangeFile> ordersFrom1C, bool importAfterUpload = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ordersFrom1C);
        steps.Clear();
        try
        {
            var limits = await BeginAsync("sale", cancellationToken).ConfigureAwait(false);
            var (response, body) = await SendAsync(HttpMethod.Get, "type=sale&mode=query", null, expectXml: true, cancellationToken).ConfigureAwait(false);
            if (response.Status == ExchangeStatus.Failure)
                throw new ExchangeFailedException("mode=query failed: " + string.Join(" ", response.Lines));
            var orders = ReadOrders(body);
            var success = await CallAsync("type=sale&mode=success", cancellationToken).ConfigureAwait(false);
            if (success.Status != ExchangeStatus.Success)
                throw new ExchangeFailedException("mode=success was not confirmed: " + string.Join(" ", success.Lines));
            if (ordersFrom1C.Count > 0)
            {
                await UploadAsync("sale", ordersFrom1C, limits, cancellationToken).ConfigureAwait(false);
                if (importAfterUpload)
                {
                    foreach (var file in ordersFrom1C.Where(IsXml))
                        await ImportAsync("sale", file.Name, cancellationToken).ConfigureAwait(false);
                }
            }
            return new ExchangeSessionResult(true, null, steps.ToArray()) { ReceivedOrders = orders, QueryBody = body };
        }
        catch (ExchangeFailedException e)
        {
            return new ExchangeSessionResult(false, e.Message, steps.ToArray());
        }
    }

    private static bool IsXml(ExchangeFile file) => file.Name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase);

    private static Document[] ReadOrders(byte[] body)
    {
        try
        {
            using var reader = CommerceMLReader.Open(new MemoryStream(body));
            return reader.ReadItems().OfType<Document>().ToArray();
        }
        catch (CommerceMLException e)
        {
            throw new ExchangeFailedException("mode=query did not answer a CommerceML file: " + e.Message);
        }
    }

    private async Task<(bool Zip, long FileLimit)> BeginAsync(string type, CancellationToken cancellationToken)
    {
        cookie = null;
        sessionQuery = null;
        var auth = await CallAsync($"type={type}&mode=checkauth", cancellationToken).ConfigureAwait(false);
        if (auth.Status != ExchangeStatus.Success || auth.Lines.Count < 2)
            throw new ExchangeFailedException("checkauth refused: " + string.Join(" ", auth.Lines));
        cookie = auth.Lines[0] + "=" + auth.Lines[1];
        // Bitrix adds "sessid=…" as line 4 (3rd after the status); 1C appends it to later URLs.
        if (auth.Lines.Count > 2 && auth.Lines[2].Contains('=', StringComparison.Ordinal))
            sessionQuery = auth.Lines[2];

        var init = await CallAsync($"type={type}&mode=init", cancellationToken).ConfigureAwait(false);
        if (init.Status == ExchangeStatus.Failure)
            throw new ExchangeFailedException("init failed: " + string.Join(" ", init.Lines));
        var settings = init.Settings();
        var zip = settings.TryGetValue("zip", out var z) && z.Trim().ToUpperInvariant() is "YES" or "Y" or "1" or "TRUE" or "ON";
        var limit = settings.TryGetValue("file_limit", out var l) && long.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
            ? parsed
            : long.MaxValue;
        return (zip, limit);
    }

    private async Task UploadAsync(string type, IReadOnlyList<ExchangeFile> files, (bool Zip, long FileLimit) limits, CancellationToken cancellationToken)
    {
        if (limits.Zip)
        {
            await UploadFileAsync(type, new ExchangeFile(options.ZipName, Zip(files)), limits.FileLimit, cancellationToken).ConfigureAwait(false);
            return;
        }
        foreach (var file in files)
            await UploadFileAsync(type, file, limits.FileLimit, cancellationToken).ConfigureAwait(false);
    }

    private async Task UploadFileAsync(string type, ExchangeFile file, long fileLimit, CancellationToken cancellationToken)
    {
        var chunk = (int)Math.Min(fileLimit, int.MaxValue);
        var offset = 0;
        do
        {
            var length = Math.Min(chunk, file.Content.Length - offset);
            var (response, _) = await SendAsync(HttpMethod.Post, $"type={type}&mode=file&filename={Uri.EscapeDataString(file.Name)}",
                new ReadOnlyMemory<byte>(file.Content, offset, length), expectXml: false, cancellationToken).ConfigureAwait(false);
            if (response.Status != ExchangeStatus.Success)
                throw new ExchangeFailedException($"upload of {file.Name} failed at byte {offset}: {string.Join(" ", response.Lines)}");
            offset += length;
        }
        while (offset < file.Content.Length);
    }

    private async Task ImportAsync(string type, string fileName, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt <= options.MaxProgressRepeats; attempt++)
        {
            var response = await CallAsync($"type={type}&mode=import&filename={Uri.EscapeDataString(fileName)}", cancellationToken).ConfigureAwait(false);
            switch (response.Status)
            {
                case ExchangeStatus.Success:
                    return;
                case ExchangeStatus.Progress:
                    continue;
                default:
                    throw new ExchangeFailedException($"import of {fileName} failed: {string.Join(" ", response.Lines)}");
            }
        }
        throw new ExchangeFailedException($"import of {fileName} still in progress after {options.MaxProgressRepeats} repeats");
    }

    private static byte[] Zip(IReadOnlyList<ExchangeFile> files)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in files)
            {
                var entry = archive.CreateEntry(file.Name, CompressionLevel.Fastest);
                using var stream = entry.Open();
                stream.Write(file.Content);
            }
        }
        return buffer.ToArray();
    }

    private async Task<ExchangeResponse> CallAsync(string query, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Get, query, null, expectXml: false, cancellationToken).ConfigureAwait(false)).Response;

    private async Task<(ExchangeResponse Response, byte[] Body)> SendAsync(HttpMethod method, string query, ReadOnlyMemory<byte>? body, bool expectXml, CancellationToken cancellationToken)
    {
        var fullQuery = query;
        if (sessionQuery is not null)
            fullQuery += "&" + sessionQuery;
        if (options.ExtraQuery is not null)
            fullQuery += "&" + options.ExtraQuery;
        var builder = new UriBuilder(endpoint) { Query = fullQuery };
        using var request = new HttpRequestMessage(method, builder.Uri);
        if (cookie is null || options.SendBasicOnEveryRequest)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        if (cookie is not null)
            request.Headers.TryAddWithoutValidation("Cookie", cookie);
        if (body is { } content)
        {
            request.Content = new ReadOnlyMemoryContent(content);
            // What 1C and curl-based clients send for the raw body.
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        }
        HttpResponseMessage httpResponse;
        try
        {
            httpResponse = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ExchangeFailedException($"{method} ?{query}: {e.Message}");
        }
        using (httpResponse)
        {
            var bytes = await httpResponse.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            ExchangeResponse parsed;
            if (expectXml && httpResponse.IsSuccessStatusCode && LooksLikeXml(bytes))
            {
                parsed = new ExchangeResponse(ExchangeStatus.Success, []);
            }
            else
            {
                var charset = httpResponse.Content.Headers.ContentType?.CharSet;
                parsed = ExchangeResponse.Parse(Decode(bytes, charset));
            }
            steps.Add(new ExchangeStep(method.Method, fullQuery, (int)httpResponse.StatusCode, parsed, body?.Length ?? 0));
            if (!httpResponse.IsSuccessStatusCode)
                throw new ExchangeFailedException($"{method} ?{query}: HTTP {(int)httpResponse.StatusCode} {string.Join(" ", parsed.Lines)}");
            return (parsed, bytes);
        }
    }

    private static bool LooksLikeXml(byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith("\uFEFF"u8))
            span = span[3..];
        span = span.TrimStart(" \t\r\n"u8);
        return span.Length > 0 && span[0] == (byte)'<';
    }

    private static string Decode(byte[] bytes, string? charset)
    {
        if (!string.IsNullOrWhiteSpace(charset))
        {
            try
            {
                Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
                return Encoding.GetEncoding(charset.Trim('"')).GetString(bytes);
            }
            catch (ArgumentException)
            {
                // An unknown charset: fall back to UTF-8 as 1C does.
            }
        }
        return Encoding.UTF8.GetString(bytes);
    }

    private sealed class ExchangeFailedException(string message) : Exception(message);
}

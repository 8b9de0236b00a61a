using System.Net;
using System.Net.Sockets;
using System.Text;
using Gydex.CommerceML.Exchange;

namespace Gydex.CommerceML.Tests;

/// <summary>
/// A minimal site speaking the 1C exchange protocol on 127.0.0.1 (HttpListener), built from the library's pieces,
/// so the emulator can be tested end to end. Imports answer progress a few times before success, as Bitrix does.
/// </summary>
public sealed class FakeExchangeSite : IAsyncDisposable
{
    private const string CookieName = "gydex_exchange";
    private const string Token = "t0k3n";
    private readonly HttpListener listener = new();
    private readonly Task loop;
    private readonly TempFolder folder = new();
    private readonly Dictionary<string, int> progressLeft = [];
    private bool unpacked;

    public FakeExchangeSite(bool zip, long fileLimit, int progressSteps = 2, byte[]? ordersForQuery = null)
    {
        Zip = zip;
        FileLimit = fileLimit;
        ProgressSteps = progressSteps;
        OrdersForQuery = ordersForQuery ?? [];
        Upload = new ChunkedUpload(Path.Combine(folder.Path, "upload"));
        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/1c_exchange/");
        listener.Prefixes.Add(Endpoint.ToString());
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public Uri Endpoint { get; }
    public bool Zip { get; }
    public long FileLimit { get; }
    public int ProgressSteps { get; }
    public byte[] OrdersForQuery { get; }
    public ChunkedUpload Upload { get; }
    public List<string> Calls { get; } = [];
    public List<int> ChunkSizes { get; } = [];
    public Dictionary<string, List<CommerceMLItem>> Imported { get; } = [];
    public bool QueryConfirmed { get; private set; }

    public static HttpClient Client() => new(new SocketsHttpHandler { UseCookies = false });

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        try
        {
            await loop;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // The listener was stopped under a pending GetContextAsync.
        }
        folder.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            try
            {
                await HandleAsync(context);
            }
            catch (Exception e)
            {
                await AnswerAsync(context, ExchangeResponse.Failure(e.Message), 500);
            }
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = ExchangeRequest.Parse(context.Request.Url!.Query);
        lock (Calls)
            Calls.Add($"{request.Type}/{request.Mode}");
        if (request.Mode == ExchangeMode.CheckAuth)
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("1c:secret"));
            if (context.Request.Headers["Authorization"] != "Basic " + basic)
            {
                await AnswerAsync(context, ExchangeResponse.Failure("wrong login or password"), 401);
                return;
            }
            await AnswerAsync(context, ExchangeResponse.CheckAuth(CookieName, Token, "sessid=abc"));
            return;
        }
        if (context.Request.Headers["Cookie"] != $"{CookieName}={Token}")
        {
            await AnswerAsync(context, ExchangeResponse.Failure("no session cookie"), 401);
            return;
        }
        switch (request.Mode)
        {
            case ExchangeMode.Init:
                Upload.Reset();
                unpacked = false;
                progressLeft.Clear();
                await AnswerAsync(context, ExchangeResponse.Init(Zip, FileLimit));
                return;
            case ExchangeMode.File:
                using (var body = new MemoryStream())
                {
                    await context.Request.InputStream.CopyToAsync(body);
                    if (body.Length > FileLimit)
                        throw new InvalidOperationException("chunk larger than file_limit");
                    ChunkSizes.Add((int)body.Length);
                    body.Position = 0;
                    await Upload.AppendAsync(request.SafeFileName ?? throw new InvalidOperationException("bad filename"), body);
                }
                await AnswerAsync(context, ExchangeResponse.Success());
                return;
            case ExchangeMode.Import:
                await AnswerAsync(context, await ImportAsync(request.SafeFileName!));
                return;
            case ExchangeMode.Query:
                context.Response.ContentType = "application/xml; charset=windows-1251";
                await context.Response.OutputStream.WriteAsync(OrdersForQuery);
                context.Response.Close();
                return;
            case ExchangeMode.Success:
                QueryConfirmed = true;
                await AnswerAsync(context, ExchangeResponse.Success());
                return;
            default:
                await AnswerAsync(context, ExchangeResponse.Success());
                return;
        }
    }

    private async Task<ExchangeResponse> ImportAsync(string fileName)
    {
        if (Zip && !unpacked)
        {
            var zip = Directory.GetFiles(Upload.Root, "*.zip").Single();
            await using (var stream = File.OpenRead(zip))
                await ZipPackage.ExtractAsync(stream, Upload.Root);
            unpacked = true;
            return ExchangeResponse.Progress("Распакован архив");
        }
        var left = progressLeft.TryGetValue(fileName, out var l) ? l : ProgressSteps;
        if (left > 0)
        {
            progressLeft[fileName] = left - 1;
            return ExchangeResponse.Progress($"Импорт {fileName}: шаг {ProgressSteps - left + 1}");
        }
        var path = Upload.Find(fileName);
        if (path is null)
            return ExchangeResponse.Failure("file not uploaded: " + fileName);
        try
        {
            Imported[fileName] = Samples.ReadFile(path);
        }
        catch (CommerceMLException e)
        {
            return ExchangeResponse.Failure(e.Message);
        }
        return ExchangeResponse.Success("Импорт завершен");
    }

    private static async Task AnswerAsync(HttpListenerContext context, ExchangeResponse response, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ExchangeResponse.ContentType;
        await context.Response.OutputStream.WriteAsync(response.ToBytes());
        context.Response.Close();
    }
}

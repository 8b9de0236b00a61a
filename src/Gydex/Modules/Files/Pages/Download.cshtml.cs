using Gydex.Kernel.EventLog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gydex.Modules.Files.Pages;

/// <summary>A version's content; the download is journaled. A file the user may not read answers 404.</summary>
public sealed class DownloadModel(FileStorage storage, Journal journal) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, int? version, bool inline = false)
    {
        var ct = HttpContext.RequestAborted;
        if (await storage.OpenAsync(id, version, ct) is not { } opened)
            return NotFound();
        var (file, chosen, content) = opened;
        await journal.RecordAsync(new JournalEntry(FilesJournal.Downloaded)
        {
            DocumentType = "file",
            DocumentId = file.Id.ToString(),
            DocumentCode = file.Name,
            Comment = $"version {chosen.Number}",
        }, ct);

        var head = new byte[16];
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        content.Position = 0;
        var showInline = inline && ContentTypes.MayShowInline(file.Name, head.AsSpan(0, read));
        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        var disposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue(showInline ? "inline" : "attachment");
        disposition.SetHttpFileName(file.Name);
        Response.Headers.ContentDisposition = disposition.ToString();
        return new FileStreamResult(content, showInline ? ContentTypes.Of(file.Name) : "application/octet-stream") { EnableRangeProcessing = true };
    }
}

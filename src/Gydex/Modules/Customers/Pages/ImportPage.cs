using Gydex.Kernel.Lists;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Gydex.Modules.Customers.Pages;

/// <summary>
/// Import in three steps on one page: upload a file; map its columns to fields with a preview and choose what
/// duplicates do; watch the background progress and read the report (each refused row and why), or undo it all.
/// </summary>
[RequestSizeLimit(CustomerImporter.MaxFileBytes + (1 << 20))]
[RequestFormLimits(MultipartBodyLengthLimit = CustomerImporter.MaxFileBytes + (1 << 20))]
public abstract class ImportPageModel(CustomerImporter importer, IStringLocalizer<CustomersTexts> texts, string target) : PageModel
{
    public string Target => target;

    public CustomerImport? Import { get; private set; }

    public ImportPreview? Preview { get; private set; }

    public List<CustomerImport> Recent { get; private set; } = [];

    public List<ImportRejection> Rejections { get; private set; } = [];

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id)
    {
        var ct = HttpContext.RequestAborted;
        if (id is { } importId)
        {
            Import = await importer.FindAsync(importId, target, ct);
            if (Import is null)
                return NotFound();
            if (Import.Status == ImportStatus.Pending)
                Preview = await importer.PreviewAsync(Import, ct);
            else if (Import.Status is ImportStatus.Done or ImportStatus.Failed or ImportStatus.Undone)
                Rejections = await importer.RejectionsAsync(importId, ct);
        }
        else
        {
            Recent = await importer.RecentAsync(target, ct);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file)
    {
        var ct = HttpContext.RequestAborted;
        if (file is null || file.Length == 0)
            return await RefuseAsync("Choose a file to import.");
        await using var stream = file.OpenReadStream();
        var (import, problem) = await importer.UploadAsync(target, file.FileName, stream, ct);
        return import is null ? await RefuseAsync(problem!) : Redirect(Url.Content($"~/customers/{target}/import?id={import.Id}"));
    }

    /// <summary>Shows the preview again in the encoding chosen (a CSV file whose detection guessed wrong).</summary>
    public async Task<IActionResult> OnPostEncodingAsync(Guid id, TextEncoding encoding)
    {
        var ct = HttpContext.RequestAborted;
        var import = await importer.FindAsync(id, target, ct);
        if (import is null)
            return NotFound();
        await importer.ChooseEncodingAsync(import, encoding, ct);
        return Redirect(Url.Content($"~/customers/{target}/import?id={id}"));
    }

    public async Task<IActionResult> OnPostStartAsync(Guid id, DuplicateMode duplicates, TextEncoding encoding)
    {
        var ct = HttpContext.RequestAborted;
        var import = await importer.FindAsync(id, target, ct);
        if (import is null)
            return NotFound();
        if (import.Status != ImportStatus.Pending)
            return Redirect(Url.Content($"~/customers/{target}/import?id={id}"));
        var fields = await importer.FieldsAsync(target, ct);
        var mapping = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (int.TryParse(Request.Form["map." + field], System.Globalization.CultureInfo.InvariantCulture, out var column) && column >= 0)
                mapping[field] = column;
        }

        var required = target == "contacts" ? "surname" : "name";
        if (!mapping.ContainsKey(required))
        {
            Import = import;
            Preview = await importer.PreviewAsync(import, ct);
            Problem = texts["Map a column to the field '{0}'.", required];
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        await importer.StartAsync(import, mapping, Enum.IsDefined(duplicates) ? duplicates : DuplicateMode.Skip, encoding, ct);
        return Redirect(Url.Content($"~/customers/{target}/import?id={id}"));
    }

    public async Task<IActionResult> OnPostUndoAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var import = await importer.FindAsync(id, target, ct);
        if (import is null)
            return NotFound();
        await importer.UndoAsync(import, ct);
        return Redirect(Url.Content($"~/customers/{target}/import?id={id}"));
    }

    private async Task<IActionResult> RefuseAsync(string problem)
    {
        Problem = texts[problem];
        Recent = await importer.RecentAsync(target, HttpContext.RequestAborted);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}

public sealed class CounterpartiesImportModel(CustomerImporter importer, IStringLocalizer<CustomersTexts> texts) : ImportPageModel(importer, texts, "counterparties");

public sealed class ContactsImportModel(CustomerImporter importer, IStringLocalizer<CustomersTexts> texts) : ImportPageModel(importer, texts, "contacts");

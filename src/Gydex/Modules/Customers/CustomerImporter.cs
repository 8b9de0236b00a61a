using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Gydex.Kernel.Access;
using Gydex.Kernel.CustomFields;
using Gydex.Kernel.EventLog;
using Gydex.Kernel.Identity;
using Gydex.Kernel.Lists;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Modules.Customers;

/// <summary>The first rows of an uploaded file and the fields its columns could fill; for a CSV file, the encoding detected.</summary>
public sealed record ImportPreview(IReadOnlyList<string> Header, IReadOnlyList<string[]> Rows, IReadOnlyList<string> Fields, IReadOnlyDictionary<string, int> Guess,
    TextEncoding? Detected);

/// <summary>
/// Imports counterparties or contacts from CSV or Excel: the file is kept beside the organization's data, its
/// columns mapped to fields with a preview, then rows are read in the background in batches — each batch one
/// transaction, each record journaled with the import's id, each refused row reported with its number and the
/// reason. A whole import can be undone: what it created is deleted, what it changed gets its old values back.
/// </summary>
public sealed class CustomerImporter(OrgDbContext db, CurrentAccess access, CurrentOrganization organization, StorageOptions storage, TimeProvider clock,
    ImportBacklog queue)
{
    public const int MaxFileBytes = 50 << 20;
    public const int MaxRows = 1_000_000;
    public const int PreviewRows = 5;

    public static bool IsTarget(string target) => target is "counterparties" or "contacts";

    public static RecordRights RightsOf(string target) => target == "contacts" ? CustomersRights.Contacts : CustomersRights.Counterparties;

    private string Folder => Path.Combine(storage.OrgFolder(organization.Required.Id), "imports");

    public string FileOf(CustomerImport import) => Path.Combine(Folder, import.Id.ToString("N") + (TableFiles.FormatOf(import.FileName) == TableFormat.Xlsx ? ".xlsx" : ".csv"));

    /// <summary>Keeps the upload and opens an import waiting for its mapping; null with the reason when the file is not one.</summary>
    public async Task<(CustomerImport? Import, string? Problem)> UploadAsync(string target, string fileName, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (TableFiles.FormatOf(fileName) is null)
            return (null, "Upload a .csv or .xlsx file.");
        var import = new CustomerImport
        {
            Id = Guid.CreateVersion7(), Target = target, FileName = Path.GetFileName(fileName).Length > 200 ? Path.GetFileName(fileName)[..200] : Path.GetFileName(fileName),
            Status = ImportStatus.Pending, UserId = access.UserId ?? Guid.Empty, CreatedAt = clock.GetUtcNow(),
        };
        Directory.CreateDirectory(Folder);
        var path = FileOf(import);
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
        {
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > MaxFileBytes)
                {
                    file.Close();
                    File.Delete(path);
                    return (null, "The file is larger than 50 MB.");
                }

                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }

        try
        {
            await PreviewAsync(import, cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or CsvHelper.CsvFormatException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or System.Xml.XmlException or FormatException)
        {
            File.Delete(path);
            return (null, "The file cannot be read as a table.");
        }

        db.Add(import);
        await db.SaveChangesAsync(cancellationToken);
        return (import, null);
    }

    public Task<CustomerImport?> FindAsync(Guid id, string target, CancellationToken cancellationToken) =>
        db.Set<CustomerImport>().FirstOrDefaultAsync(i => i.Id == id && i.Target == target, cancellationToken);

    public Task<List<CustomerImport>> RecentAsync(string target, CancellationToken cancellationToken) =>
        db.Set<CustomerImport>().AsNoTracking().Where(i => i.Target == target).OrderByDescending(i => i.CreatedAt).Take(20).ToListAsync(cancellationToken);

    public Task<List<ImportRejection>> RejectionsAsync(Guid importId, CancellationToken cancellationToken) =>
        db.Set<ImportRejection>().AsNoTracking().Where(r => r.ImportId == importId).OrderBy(r => r.Row).Take(1000).ToListAsync(cancellationToken);

    /// <summary>The header, the first rows, and the fields with the column each most likely fills.</summary>
    public async Task<ImportPreview> PreviewAsync(CustomerImport import, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(import);
        var format = TableFiles.FormatOf(import.FileName)!.Value;
        TextEncoding? detected = format == TableFormat.Csv ? await TableFiles.DetectEncodingAsync(FileOf(import), cancellationToken) : null;
        var rows = new List<string[]>();
        await foreach (var row in TableFiles.ReadAsync(FileOf(import), format, import.Encoding == TextEncoding.Auto ? detected ?? TextEncoding.Auto : import.Encoding, cancellationToken))
        {
            rows.Add(row);
            if (rows.Count > PreviewRows)
                break;
        }

        if (rows.Count == 0)
            throw new InvalidDataException("The file is empty.");
        var header = rows[0].Select(h => h.Trim()).ToList();
        var fields = await FieldsAsync(import.Target, cancellationToken);
        var guess = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            var index = header.FindIndex(h => string.Equals(h, field, StringComparison.OrdinalIgnoreCase)
                || ImportLabels.Names(field).Contains(h, StringComparer.OrdinalIgnoreCase));
            if (index >= 0)
                guess[field] = index;
        }

        return new ImportPreview(header, rows.Skip(1).ToList(), fields, guess, detected);
    }

    public async Task<IReadOnlyList<string>> FieldsAsync(string target, CancellationToken cancellationToken)
    {
        var definitions = await db.Set<CustomFieldDefinition>().AsNoTracking()
            .Where(d => d.EntityType == (target == "contacts" ? CustomersModule.ContactFields : CustomersModule.CounterpartyFields))
            .OrderBy(d => d.Order).Select(d => d.Key).ToListAsync(cancellationToken);
        return [.. target == "contacts" ? CustomerColumns.Contact : CustomerColumns.Counterparty, .. definitions.Select(k => CustomFields.FormPrefix + k)];
    }

    /// <summary>Reads a CSV file of a waiting import in the encoding the user chose (<c>Auto</c>: detected).</summary>
    public async Task ChooseEncodingAsync(CustomerImport import, TextEncoding encoding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(import);
        if (import.Status != ImportStatus.Pending || !Enum.IsDefined(encoding))
            return;
        import.Encoding = encoding;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Saves the mapping (field → column index), the encoding and the duplicate mode, and queues the import for any node.</summary>
    public async Task StartAsync(CustomerImport import, IReadOnlyDictionary<string, int> mapping, DuplicateMode duplicates, TextEncoding encoding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(import);
        import.Mapping = JsonSerializer.Serialize(mapping);
        import.Duplicates = duplicates;
        import.Encoding = Enum.IsDefined(encoding) ? encoding : TextEncoding.Auto;
        import.Status = ImportStatus.Queued;
        await db.SaveChangesAsync(cancellationToken);
        // Queued is committed first: if the offer below is lost with this process, the next scan of organizations makes it.
        await queue.EnqueueAsync(organization.Required.Id, import.Id, ImportWorkKind.Run, cancellationToken);
    }

    public async Task<bool> UndoAsync(CustomerImport import, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(import);
        if (import.Status is not (ImportStatus.Done or ImportStatus.Failed))
            return false;
        import.Status = ImportStatus.Queued;
        import.UndoneAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await queue.EnqueueAsync(organization.Required.Id, import.Id, ImportWorkKind.Undo, cancellationToken);
        return true;
    }
}

/// <summary>Column names a Russian file may use for each field (what our own Russian export template would say).</summary>
public static class ImportLabels
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["code"] = "Код", ["kind"] = "Вид", ["name"] = "Наименование", ["fullName"] = "Полное наименование", ["inn"] = "ИНН", ["kpp"] = "КПП",
        ["ogrn"] = "ОГРН", ["legalAddress"] = "Юридический адрес", ["postalAddress"] = "Почтовый адрес", ["phones"] = "Телефоны", ["emails"] = "E-mail",
        ["website"] = "Сайт", ["responsible"] = "Ответственный", ["tags"] = "Метки", ["notes"] = "Заметки", ["surname"] = "Фамилия",
        ["patronymic"] = "Отчество", ["position"] = "Должность", ["messengers"] = "Мессенджеры", ["birthday"] = "День рождения",
        ["consentDate"] = "Согласие дано", ["consentPurpose"] = "Цель согласия", ["consentMethod"] = "Способ получения согласия",
        ["consentWithdrawnDate"] = "Согласие отозвано", ["counterparties"] = "Контрагенты",
    };

    /// <summary>Other names a file from 1C or a spreadsheet commonly gives a field.</summary>
    private static readonly Dictionary<string, string[]> Synonyms = new(StringComparer.Ordinal)
    {
        ["name"] = ["Имя", "Название"], ["phones"] = ["Телефон", "Phone"], ["emails"] = ["Email", "Электронная почта", "Эл. почта", "Почта"],
        ["tags"] = ["Теги"], ["birthday"] = ["Дата рождения"], ["notes"] = ["Комментарий", "Примечание"],
    };

    public static string? Russian(string field) => Labels.GetValueOrDefault(field);

    /// <summary>The Russian name of the field and its common synonyms.</summary>
    public static IReadOnlyList<string> Names(string field)
    {
        var names = new List<string>();
        if (Labels.TryGetValue(field, out var label))
            names.Add(label);
        names.AddRange(Synonyms.GetValueOrDefault(field) ?? []);
        return names;
    }
}

using Gydex.Kernel.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Gydex.Kernel.Web;

namespace Gydex.Kernel.CustomFields.Pages;

/// <summary>The custom fields of one entity type: add, change, reorder, remove (removing drops the values, journaled).</summary>
public sealed class IndexModel(OrgDbContext db, CustomFields fields, TimeProvider clock, IStringLocalizer<WebTexts> texts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    public CustomFieldEntityType? Entity { get; private set; }

    public IReadOnlyList<CustomFieldEntityType> Types => fields.EntityTypes;

    public IReadOnlyList<CustomFieldDefinition> Definitions { get; private set; } = [];

    public string? Message { get; private set; }

    public bool Failed { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool saved = false)
    {
        if (!await LoadAsync())
            return NotFound();
        Message = saved ? texts["Saved."].Value : null;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid? id, string? key, string? label, CustomFieldKind kind, string? options, bool required, bool showInList, int order)
    {
        if (!await LoadAsync())
            return NotFound();
        var ct = HttpContext.RequestAborted;
        var definition = id is { } existing ? await db.Set<CustomFieldDefinition>().SingleOrDefaultAsync(d => d.Id == existing && d.EntityType == Entity!.Name, ct) : null;
        if (id is not null && definition is null)
            return NotFound();
        label = label?.Trim();
        key = key?.Trim();
        string? problem = null;
        if (string.IsNullOrEmpty(label) || label.Length > CustomFieldDefinition.LabelMaxLength)
            problem = "The field needs a name of at most 100 characters.";
        else if (definition is null && !CustomFields.IsValidKey(key))
            problem = "The key holds small latin letters, digits and _, starting with a letter (at most 40).";
        else if (definition is null && await db.Set<CustomFieldDefinition>().AnyAsync(d => d.EntityType == Entity!.Name && d.Key == key, ct))
            problem = "A field with this key exists.";
        else if (kind == CustomFieldKind.List && string.IsNullOrWhiteSpace(options))
            problem = "A list needs its choices, one per line.";
        else if (options?.Length > CustomFieldDefinition.OptionsMaxLength)
            problem = "The choices are too long.";
        if (problem is not null)
        {
            Failed = true;
            Message = texts[problem].Value;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        if (definition is null)
        {
            definition = new CustomFieldDefinition { Id = Guid.CreateVersion7(), EntityType = Entity!.Name, Key = key!, CreatedAt = clock.GetUtcNow(), Kind = kind };
            db.Add(definition);
        }

        definition.Label = label!;
        definition.Options = kind == CustomFieldKind.List ? string.Join('\n', (options ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) : null;
        definition.Required = required;
        definition.ShowInList = showInList;
        definition.Order = order;
        await db.SaveChangesAsync(ct);
        return RedirectToPage(new { type = Entity!.Name, saved = true });
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id)
    {
        if (!await LoadAsync())
            return NotFound();
        var ct = HttpContext.RequestAborted;
        var definition = await db.Set<CustomFieldDefinition>().SingleOrDefaultAsync(d => d.Id == id && d.EntityType == Entity!.Name, ct);
        if (definition is null)
            return NotFound();
        // The values go with the field, each journaled as cleared.
        db.RemoveRange(await db.Set<CustomFieldValue>().Where(v => v.FieldId == id).ToListAsync(ct));
        db.Remove(definition);
        await db.SaveChangesAsync(ct);
        return RedirectToPage(new { type = Entity!.Name, saved = true });
    }

    private async Task<bool> LoadAsync()
    {
        Entity = Type is null ? (Types.Count > 0 ? Types[0] : null) : fields.EntityType(Type);
        if (Entity is null)
            return Type is null;
        Definitions = await fields.DefinitionsAsync(Entity.Name, HttpContext.RequestAborted);
        return true;
    }
}

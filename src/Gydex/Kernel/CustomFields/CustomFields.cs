using System.Globalization;
using System.Text.RegularExpressions;
using Gydex.Kernel.Access;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Kernel.CustomFields;

/// <summary>
/// An entity type that carries custom fields, registered by its module: its name (the values' and the journal's
/// document type), its title for the administrator, and how the journal names one of its records.
/// </summary>
public sealed record CustomFieldEntityType(string Name, LocalizedText Title, Func<OrgDbContext, Guid, string?> CodeOf);

/// <summary>The checked values of a form, an import row or an API body: canonical values by key, and the problems by key.</summary>
public sealed record CustomFieldInput(IReadOnlyDictionary<string, string?> Values, IReadOnlyDictionary<string, string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>Reads, checks, stores and filters custom-field values; changes are staged in the caller's save (so journaled with it).</summary>
public sealed partial class CustomFields(OrgDbContext db, IEnumerable<CustomFieldEntityType> types, OrgCache cache)
{
    public const string FormPrefix = "cf.";

    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$")]
    private static partial Regex KeyPattern();

    public static bool IsValidKey(string? key) => key is not null && KeyPattern().IsMatch(key);

    public IReadOnlyList<CustomFieldEntityType> EntityTypes { get; } = types.ToList();

    public CustomFieldEntityType? EntityType(string name) => EntityTypes.FirstOrDefault(t => t.Name == name);

    /// <summary>The fields of an entity type, from <see cref="OrgCache"/>: every list and form reads them. Not to be changed.</summary>
    public async Task<IReadOnlyList<CustomFieldDefinition>> DefinitionsAsync(string entityType, CancellationToken cancellationToken) =>
        await cache.GetAsync<IReadOnlyList<CustomFieldDefinition>>("custom-fields:" + entityType, async ct =>
            await db.Set<CustomFieldDefinition>().AsNoTracking().Where(d => d.EntityType == entityType)
                .OrderBy(d => d.Order).ThenBy(d => d.Label).ToListAsync(ct), cancellationToken);

    /// <summary>The values of the given records: record id → field key → canonical value.</summary>
    public async Task<Dictionary<Guid, Dictionary<string, string>>> ValuesAsync(string entityType, IReadOnlyCollection<Guid> recordIds,
        CancellationToken cancellationToken)
    {
        var result = new Dictionary<Guid, Dictionary<string, string>>();
        // No fields defined (the usual case): nothing to read.
        if (recordIds.Count == 0 || (await DefinitionsAsync(entityType, cancellationToken)).Count == 0)
            return result;
        var rows = new List<(Guid RecordId, string Key, string Value)>();
        // Chunks keep the IN list within every provider's parameter limits (an export asks for many records).
        foreach (var chunk in recordIds.Chunk(500))
        {
            rows.AddRange((await (from v in db.Set<CustomFieldValue>().AsNoTracking()
                                  join d in db.Set<CustomFieldDefinition>() on v.FieldId equals d.Id
                                  where v.EntityType == entityType && chunk.Contains(v.RecordId)
                                  select new { v.RecordId, d.Key, v.Value }).ToListAsync(cancellationToken))
                .Select(r => (r.RecordId, r.Key, r.Value)));
        }

        foreach (var (recordId, key, value) in rows)
        {
            if (!result.TryGetValue(recordId, out var values))
                result[recordId] = values = new Dictionary<string, string>(StringComparer.Ordinal);
            values[key] = value;
        }

        return result;
    }

    public async Task<Dictionary<string, string>> ValuesAsync(string entityType, Guid recordId, CancellationToken cancellationToken) =>
        (await ValuesAsync(entityType, [recordId], cancellationToken)).GetValueOrDefault(recordId) ?? new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Checks raw values against the definitions. Only the keys present in <paramref name="raw"/> are checked and
    /// returned (a PATCH changes only what it names) unless <paramref name="complete"/>, when a missing required field is an error.
    /// </summary>
    public static CustomFieldInput Validate(IReadOnlyList<CustomFieldDefinition> definitions, IReadOnlyDictionary<string, string?> raw, bool complete)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(raw);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in raw.Keys.Where(k => definitions.All(d => d.Key != k)))
            errors[key] = "There is no such custom field.";
        foreach (var definition in definitions)
        {
            var present = raw.TryGetValue(definition.Key, out var text);
            if (!present && !complete)
                continue;
            text = text?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                if (definition.Required && definition.Kind != CustomFieldKind.Checkbox)
                    errors[definition.Key] = "A value is required.";
                else
                    values[definition.Key] = definition.Kind == CustomFieldKind.Checkbox ? "false" : null;
                continue;
            }

            var (canonical, problem) = Canonical(definition, text);
            if (problem is not null)
                errors[definition.Key] = problem;
            else
                values[definition.Key] = canonical;
        }

        return new CustomFieldInput(values, errors);
    }

    /// <summary>The canonical text of a value, or the reason it is not one.</summary>
    public static (string? Value, string? Problem) Canonical(CustomFieldDefinition definition, string text)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(text);
        switch (definition.Kind)
        {
            case CustomFieldKind.Number:
                var normalized = text.Replace(" ", "", StringComparison.Ordinal).Replace('\u00A0'.ToString(), "", StringComparison.Ordinal).Replace(',', '.');
                return decimal.TryParse(normalized, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                    ? (number.ToString(CultureInfo.InvariantCulture), null) : (null, "Not a number.");
            case CustomFieldKind.Date:
                return DateOnly.TryParseExact(text, ["yyyy-MM-dd", "dd.MM.yyyy", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? (date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null) : (null, "Not a date (YYYY-MM-DD or DD.MM.YYYY).");
            case CustomFieldKind.Checkbox:
                return text.ToUpperInvariant() switch
                {
                    "TRUE" or "1" or "YES" or "ON" or "ДА" or "X" => ("true", null),
                    "FALSE" or "0" or "NO" or "OFF" or "НЕТ" => ("false", null),
                    _ => (null, "Not yes or no."),
                };
            case CustomFieldKind.List:
                var choice = definition.Choices.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
                return choice is null ? (null, "Not one of the list's choices.") : (choice, null);
            default:
                return text.Length > CustomFieldDefinition.TextMaxLength
                    ? (null, "At most 1000 characters.") : (text, null);
        }
    }

    /// <summary>Stages the checked values of one record in the context; the caller's save writes (and journals) them.</summary>
    public async Task StageAsync(string entityType, Guid recordId, IReadOnlyList<CustomFieldDefinition> definitions,
        IReadOnlyDictionary<string, string?> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
            return;
        var existing = db.Set<CustomFieldValue>().Local.Where(v => v.RecordId == recordId).ToList();
        if (existing.Count == 0)
            existing = await db.Set<CustomFieldValue>().Where(v => v.RecordId == recordId).ToListAsync(cancellationToken);
        foreach (var (key, value) in values)
        {
            var definition = definitions.First(d => d.Key == key);
            var current = existing.FirstOrDefault(v => v.FieldId == definition.Id);
            if (value is null)
            {
                if (current is not null)
                    db.Remove(current);
                continue;
            }

            if (current is null)
            {
                db.Add(current = new CustomFieldValue { Id = Guid.CreateVersion7(), FieldId = definition.Id, EntityType = entityType, RecordId = recordId });
                existing.Add(current);
            }

            current.Value = value;
            current.Number = definition.Kind == CustomFieldKind.Number ? decimal.Parse(value, CultureInfo.InvariantCulture) : null;
        }
    }

    /// <summary>Stages the removal of every value of a record being deleted.</summary>
    public async Task RemoveAllAsync(Guid recordId, CancellationToken cancellationToken) =>
        db.RemoveRange(await db.Set<CustomFieldValue>().Where(v => v.RecordId == recordId).ToListAsync(cancellationToken));

    /// <summary>
    /// Keeps the records whose field has the value (text: contains it; others: equal, in canonical form); the database
    /// filters through an index on (field, value).
    /// </summary>
    public IQueryable<T> Filter<T>(IQueryable<T> query, CustomFieldDefinition definition, string value)
        where T : class, ICustomFieldRecord
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(definition);
        var values = db.Set<CustomFieldValue>().Where(v => v.FieldId == definition.Id);
        if (definition.Kind == CustomFieldKind.Text)
        {
            var part = value.Trim();
            values = values.Where(v => v.Value.Contains(part));
        }
        else if (definition.Kind == CustomFieldKind.Checkbox && Canonical(definition, value).Value == "false")
        {
            // "No" is also every record that never had the box ticked.
            var ticked = db.Set<CustomFieldValue>().Where(v => v.FieldId == definition.Id && v.Value == "true").Select(v => v.RecordId);
            return query.Where(r => !ticked.Contains(r.Id));
        }
        else
        {
            var canonical = Canonical(definition, value).Value ?? "\u0000";
            values = values.Where(v => v.Value == canonical);
        }

        var ids = values.Select(v => v.RecordId);
        return query.Where(r => ids.Contains(r.Id));
    }
}

/// <summary>What the <c>_CustomFieldInputs</c> partial renders: the fields, a record's values and the problems found.</summary>
public sealed record CustomFieldForm(IReadOnlyList<CustomFieldDefinition> Definitions, IReadOnlyDictionary<string, string> Values,
    IReadOnlyDictionary<string, string> Errors)
{
    /// <summary>The cf.* fields of a posted form; a checkbox posts "false" then "true" when ticked, the last one wins.</summary>
    public static Dictionary<string, string?> Posted(Microsoft.AspNetCore.Http.IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form.Keys.Where(k => k.StartsWith(CustomFields.FormPrefix, StringComparison.Ordinal))
            .ToDictionary(k => k[CustomFields.FormPrefix.Length..], k => (string?)form[k][^1], StringComparer.Ordinal);
    }
}

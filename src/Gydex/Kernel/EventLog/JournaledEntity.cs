using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Gydex.Kernel.EventLog;

/// <summary>
/// How changes of one entity type are journaled: the actions for create, change and delete, the document the
/// entity is or belongs to, whom it affects, and which fields are secrets, bookkeeping or personal data.
/// Registered by the owning module with <see cref="JournalModule.AddJournaled{T}"/>.
/// </summary>
public abstract class JournaledEntity
{
    public abstract Type EntityType { get; }

    public abstract IEnumerable<JournalAction> Actions { get; }

    internal abstract JournalRecord? Describe(EntityEntry entry, bool maskPersonalData);
}

public sealed class JournaledEntity<T> : JournaledEntity
    where T : class
{
    public const string SecretValue = "***";
    private const int ValueMaxLength = 1000;

    private readonly HashSet<string> secret = new(StringComparer.Ordinal);
    private readonly HashSet<string> ignored = new(StringComparer.Ordinal);
    private readonly HashSet<string> personal = new(StringComparer.Ordinal);
    private JournalAction? created;
    private JournalAction? changed;
    private JournalAction? deleted;
    private string? documentType;
    private Func<T, string?>? documentId;
    private Func<T, DbContext, string?>? documentCode;
    private Func<T, string?>? documentTypeOf;
    private Func<T, Guid?>? affectedUser;
    private Func<T, Guid?>? affectedGroup;
    private Func<EntityEntry, JournalAction?>? changedAs;

    public override Type EntityType => typeof(T);

    public override IEnumerable<JournalAction> Actions => new[] { created, changed, deleted }.OfType<JournalAction>().Concat(changeActions);

    private readonly List<JournalAction> changeActions = [];

    /// <summary>The actions recorded when an entity is added, changed or removed; a null one is not recorded.</summary>
    public JournaledEntity<T> Records(JournalAction? whenCreated, JournalAction? whenChanged, JournalAction? whenDeleted)
    {
        created = whenCreated;
        changed = whenChanged;
        deleted = whenDeleted;
        return this;
    }

    /// <summary>
    /// Names a change by what changed (a soft delete is "deleted", a new parent is "moved"); the function returns
    /// null for the plain "changed" action. Every action it can return is listed, so the start-up check sees them.
    /// </summary>
    public JournaledEntity<T> ChangedAs(Func<EntityEntry, JournalAction?> choose, params JournalAction[] actions)
    {
        changedAs = choose;
        changeActions.AddRange(actions);
        return this;
    }

    /// <summary>The document the record belongs to: its type, stable id and the code people know it by.</summary>
    public JournaledEntity<T> Document(string type, Func<T, string?> id, Func<T, DbContext, string?> code)
    {
        documentType = type;
        documentId = id;
        documentCode = code;
        return this;
    }

    /// <summary>For an entity that belongs to documents of several types (a custom field's value): the type of each.</summary>
    public JournaledEntity<T> DocumentTypeOf(Func<T, string?> type)
    {
        documentTypeOf = type;
        return this;
    }

    public JournaledEntity<T> AffectsUser(Func<T, Guid?> user)
    {
        affectedUser = user;
        return this;
    }

    public JournaledEntity<T> AffectsGroup(Func<T, Guid?> group)
    {
        affectedGroup = group;
        return this;
    }

    /// <summary>Fields whose values never reach the journal: a change shows only that the field changed.</summary>
    public JournaledEntity<T> Secret(params string[] properties)
    {
        secret.UnionWith(properties);
        return this;
    }

    /// <summary>Bookkeeping fields (stamps, counters, keys): not shown, and a change of only these is not recorded.</summary>
    public JournaledEntity<T> Ignore(params string[] properties)
    {
        ignored.UnionWith(properties);
        return this;
    }

    /// <summary>Personal data, masked in the journal when <c>Journal:MaskPersonalData</c> is on.</summary>
    public JournaledEntity<T> PersonalData(params string[] properties)
    {
        personal.UnionWith(properties);
        return this;
    }

    internal override JournalRecord? Describe(EntityEntry entry, bool maskPersonalData)
    {
        var entity = (T)entry.Entity;
        var (action, changes) = entry.State switch
        {
            EntityState.Added => (created, Fields(entry, p => (null, p.CurrentValue), maskPersonalData)),
            EntityState.Deleted => (deleted, Fields(entry, p => (p.OriginalValue, null), maskPersonalData)),
            EntityState.Modified => (changedAs?.Invoke(entry) ?? changed, Fields(entry, p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)
                ? (p.OriginalValue, p.CurrentValue) : null, maskPersonalData)),
            _ => (null, []),
        };
        if (action is null || (entry.State == EntityState.Modified && changes.Count == 0))
            return null;

        return new JournalRecord
        {
            Action = action.Code,
            DocumentType = documentTypeOf?.Invoke(entity) ?? documentType,
            DocumentId = JournalText.Clean(documentId?.Invoke(entity), JournalRecord.DocumentIdMaxLength),
            DocumentCode = JournalText.Clean(documentCode?.Invoke(entity, entry.Context), JournalRecord.DocumentCodeMaxLength),
            AffectedUserId = affectedUser?.Invoke(entity),
            AffectedGroupId = affectedGroup?.Invoke(entity),
            Changes = changes.Count == 0 ? null : JournalChanges.Serialize(changes),
        };
    }

    private List<FieldChange> Fields(EntityEntry entry, Func<PropertyEntry, (object? Old, object? New)?> pick, bool maskPersonalData)
    {
        var list = new List<FieldChange>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (ignored.Contains(name) || property.Metadata.IsShadowProperty())
                continue;
            if (pick(property) is not { } values)
                continue;
            if (entry.State != EntityState.Modified && values.Old is null && values.New is null)
                continue;
            if (secret.Contains(name) || (maskPersonalData && personal.Contains(name)))
            {
                list.Add(new FieldChange(name, values.Old is null ? null : SecretValue, values.New is null ? null : SecretValue));
                continue;
            }

            list.Add(new FieldChange(name, Format(values.Old), Format(values.New)));
        }

        return list;
    }

    private static string? Format(object? value) => JournalText.Clean(value switch
    {
        null => null,
        DateTimeOffset instant => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    }, ValueMaxLength);
}

/// <summary>The JSON form of a record's changed fields.</summary>
public static class JournalChanges
{
    private static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>The changes as JSON; fields that would not fit the column are summed up in a last entry.</summary>
    public static string Serialize(IReadOnlyList<FieldChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var json = System.Text.Json.JsonSerializer.Serialize(changes, Options);
        for (var kept = changes.Count - 1; json.Length > JournalRecord.ChangesMaxLength && kept >= 0; kept--)
        {
            var rest = changes.Count - kept;
            json = System.Text.Json.JsonSerializer.Serialize(
                changes.Take(kept).Append(new FieldChange("…", null, rest.ToString(System.Globalization.CultureInfo.InvariantCulture) + " more")), Options);
        }

        return json;
    }

    public static IReadOnlyList<FieldChange> Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
            return [];
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<List<FieldChange>>(json, Options) ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [new FieldChange("?", null, json)];
        }
    }
}

using Gydex.Kernel.Access;
using Gydex.Kernel.EventLog;
using Gydex.Kernel.Persistence;
using Gydex.Kernel.Web;

namespace Gydex.Kernel.CustomFields;

/// <summary>Who may add, change and remove custom fields.</summary>
public sealed class CustomFieldsRights : IRightsDeclaration
{
    public const string Module = "customfields";

    public static readonly Right Manage = new("customfields.manage", Module,
        new LocalizedText("Дополнительные поля", "Custom fields"),
        new LocalizedText("Добавлять, менять и удалять дополнительные поля карточек (контрагентов, контактов, сделок…).",
            "Add, change and remove the custom fields of records (counterparties, contacts, deals…)."),
        helpChapter: "custom-fields");

    IEnumerable<Right> IRightsDeclaration.Rights => [Manage];
}

public sealed class CustomFieldsJournal : IJournalActions
{
    public const string Module = "customfields";

    public static readonly JournalAction Defined = new("customfield.defined", Module, new LocalizedText("Дополнительное поле добавлено", "Custom field added"));
    public static readonly JournalAction Redefined = new("customfield.changed", Module, new LocalizedText("Дополнительное поле изменено", "Custom field changed"));
    public static readonly JournalAction Removed = new("customfield.removed", Module, new LocalizedText("Дополнительное поле удалено", "Custom field removed"));
    public static readonly JournalAction ValueSet = new("customfield.value.set", Module, new LocalizedText("Значение дополнительного поля изменено", "Custom field value set"));
    public static readonly JournalAction ValueCleared = new("customfield.value.cleared", Module, new LocalizedText("Значение дополнительного поля очищено", "Custom field value cleared"));

    IEnumerable<JournalAction> IJournalActions.Actions => [Defined, Redefined, Removed, ValueSet, ValueCleared];
}

/// <summary>
/// Custom fields for any module's records: a module registers its entity type with
/// <see cref="AddCustomFieldEntity"/>, stages values with <see cref="CustomFields"/> and renders them with the
/// <c>_CustomFieldInputs</c> partial; administrators define the fields at <c>/admin/custom-fields</c>.
/// </summary>
public static class CustomFieldsModule
{
    public static IServiceCollection AddCustomFields(this IServiceCollection services)
    {
        services.AddRights<CustomFieldsRights>();
        services.AddJournalActions<CustomFieldsJournal>();
        services.AddScoped<CustomFields>();
        services.AddJournaled<CustomFieldDefinition>(j => j
            .Records(CustomFieldsJournal.Defined, CustomFieldsJournal.Redefined, CustomFieldsJournal.Removed)
            .Document("custom-field", d => d.Id.ToString(), (d, _) => $"{d.EntityType}.{d.Key}")
            .Ignore(nameof(CustomFieldDefinition.Id), nameof(CustomFieldDefinition.CreatedAt)));
        // A value's change belongs to its record's history: the record's document type and id, "CP-000123 · industry".
        services.AddJournaled<CustomFieldValue>(j => j
            .Records(CustomFieldsJournal.ValueSet, CustomFieldsJournal.ValueSet, CustomFieldsJournal.ValueCleared)
            .Document("record", v => v.RecordId.ToString(), (v, db) => ValueCode(v, db))
            .DocumentTypeOf(v => v.EntityType)
            .Ignore(nameof(CustomFieldValue.Id), nameof(CustomFieldValue.EntityType), nameof(CustomFieldValue.RecordId),
                nameof(CustomFieldValue.Number), nameof(CustomFieldValue.FieldId)));
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o => o.Conventions
            .RequireRight("/Kernel/CustomFields/Pages/Index", CustomFieldsRights.Manage));
        return services;
    }

    /// <summary>Declares that <paramref name="type"/> carries custom fields.</summary>
    public static IServiceCollection AddCustomFieldEntity(this IServiceCollection services, CustomFieldEntityType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        // The journal names a value's record from inside the save, where only the context is at hand.
        Registered[type.Name] = type;
        return services.AddSingleton(type);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, CustomFieldEntityType> Registered = new(StringComparer.Ordinal);

    private static string? ValueCode(CustomFieldValue value, Microsoft.EntityFrameworkCore.DbContext db)
    {
        var key = db.Find<CustomFieldDefinition>(value.FieldId)?.Key ?? value.FieldId.ToString();
        var code = Registered.TryGetValue(value.EntityType, out var type) && db is OrgDbContext org ? type.CodeOf(org, value.RecordId) : null;
        return $"{code ?? value.RecordId.ToString()} · {key}";
    }
}

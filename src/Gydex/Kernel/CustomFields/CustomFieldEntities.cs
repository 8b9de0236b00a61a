using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gydex.Kernel.CustomFields;

/// <summary>A record that can carry custom fields: the values point at its id.</summary>
public interface ICustomFieldRecord
{
    Guid Id { get; }
}

public enum CustomFieldKind
{
    Text,
    Number,
    Date,
    List,
    Checkbox,
}

/// <summary>A field an administrator added to one entity type (e.g. "Industry" on counterparties).</summary>
public sealed class CustomFieldDefinition : Access.IOrgCached
{
    public const int KeyMaxLength = 40;
    public const int LabelMaxLength = 100;
    public const int OptionsMaxLength = 4000;
    public const int TextMaxLength = 1000;

    public Guid Id { get; set; }

    /// <summary>The entity type registered with <see cref="CustomFieldsModule.AddCustomFieldEntity"/>, e.g. <c>counterparty</c>.</summary>
    public string EntityType { get; set; } = "";

    /// <summary>The stable name in the API, imports and exports: latin letters, digits and underscores.</summary>
    public string Key { get; set; } = "";

    public string Label { get; set; } = "";

    public CustomFieldKind Kind { get; set; }

    /// <summary>A list's choices, one per line.</summary>
    public string? Options { get; set; }

    public bool Required { get; set; }

    /// <summary>Shown as a column of the list by default.</summary>
    public bool ShowInList { get; set; }

    public int Order { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public IReadOnlyList<string> Choices =>
        (Options ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>
/// One record's value of one custom field, in a canonical invariant text (numbers "1234.5", dates "2026-12-04",
/// checkboxes "true"/"false", a list's choice as declared); numbers also as a decimal for comparisons.
/// </summary>
public sealed class CustomFieldValue
{
    public Guid Id { get; set; }

    public Guid FieldId { get; set; }

    public string EntityType { get; set; } = "";

    public Guid RecordId { get; set; }

    public string Value { get; set; } = "";

    public decimal? Number { get; set; }
}

[OrgEntity]
internal sealed class CustomFieldsModel : IEntityTypeConfiguration<CustomFieldDefinition>, IEntityTypeConfiguration<CustomFieldValue>
{
    public void Configure(EntityTypeBuilder<CustomFieldDefinition> builder)
    {
        builder.ToTable("CustomFieldDefinitions");
        builder.Property(d => d.EntityType).HasMaxLength(64);
        builder.Property(d => d.Key).HasMaxLength(CustomFieldDefinition.KeyMaxLength);
        builder.Property(d => d.Label).HasMaxLength(CustomFieldDefinition.LabelMaxLength);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.Options).HasMaxLength(CustomFieldDefinition.OptionsMaxLength);
        builder.Ignore(d => d.Choices);
        builder.HasIndex(d => new { d.EntityType, d.Key }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<CustomFieldValue> builder)
    {
        builder.ToTable("CustomFieldValues");
        builder.Property(v => v.EntityType).HasMaxLength(64);
        builder.Property(v => v.Value).HasMaxLength(CustomFieldDefinition.TextMaxLength);
        builder.Property(v => v.Number).HasPrecision(28, 8);
        builder.HasOne<CustomFieldDefinition>().WithMany().HasForeignKey(v => v.FieldId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(v => new { v.RecordId, v.FieldId }).IsUnique();
        // Filters look for the records having a value: by field and value, the record id comes from the index.
        builder.HasIndex(v => new { v.FieldId, v.Value, v.RecordId });
        builder.HasIndex(v => new { v.FieldId, v.Number });
    }
}

using Gydex.Kernel.CustomFields;
using Gydex.Kernel.Identity;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gydex.Modules.Customers;

/// <summary>Who a counterparty is in law: an organization, a sole proprietor or a private person.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<CounterpartyKind>))]
public enum CounterpartyKind
{
    [System.Text.Json.Serialization.JsonStringEnumMemberName("legal")]
    Legal,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("sole")]
    Sole,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("person")]
    Person,
}

/// <summary>A customer, supplier or partner: an organization, a sole proprietor or a person.</summary>
public sealed class Counterparty : ICustomFieldRecord
{
    public const string Sequence = "counterparty";
    public const string CodePrefix = "CP";
    public const int NameMaxLength = 300;
    public const int FullNameMaxLength = 1000;
    public const int AddressMaxLength = 1000;
    public const int ListMaxLength = 1000;
    public const int NotesMaxLength = 8000;

    public Guid Id { get; set; }

    public long Number { get; set; }

    /// <summary>The code people know it by, e.g. <c>CP-000123</c>; never reused.</summary>
    public string Code { get; set; } = "";

    public CounterpartyKind Kind { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The full official name, e.g. «Общество с ограниченной ответственностью «Ромашка»».</summary>
    public string? FullName { get; set; }

    public string? Inn { get; set; }

    public string? Kpp { get; set; }

    public string? Ogrn { get; set; }

    public string? LegalAddress { get; set; }

    public string? PostalAddress { get; set; }

    /// <summary>Phones, one per line.</summary>
    public string? Phones { get; set; }

    /// <summary>E-mails, one per line.</summary>
    public string? Emails { get; set; }

    public string? Website { get; set; }

    /// <summary>The employee responsible; "own" data scope means this.</summary>
    public Guid ResponsibleId { get; set; }

    /// <summary>The department the record belongs to; "department" data scope means this.</summary>
    public Guid? DepartmentId { get; set; }

    /// <summary>Tags, comma-separated without spaces around (e.g. <c>vip,partner</c>).</summary>
    public string? Tags { get; set; }

    public string? Notes { get; set; }

    /// <summary>The import that created or last changed the record (journaled with it, so every record names its import).</summary>
    public Guid? ImportId { get; set; }

    /// <summary>What search looks in (see <see cref="Customers.SearchText"/>); derived, so not journaled.</summary>
    public string SearchText { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public Guid? CreatedById { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A bank account of a counterparty.</summary>
public sealed class BankAccount
{
    public Guid Id { get; set; }

    public Guid CounterpartyId { get; set; }

    /// <summary>The bank's identification code (БИК), 9 digits.</summary>
    public string Bik { get; set; } = "";

    /// <summary>The settlement account (расчётный счёт), 20 digits.</summary>
    public string Account { get; set; } = "";

    public string? BankName { get; set; }
}

/// <summary>A person one deals with; may work for several counterparties.</summary>
public sealed class Contact : ICustomFieldRecord
{
    public const string Sequence = "contact";
    public const string CodePrefix = "CT";
    public const int NamePartMaxLength = 100;

    public Guid Id { get; set; }

    public long Number { get; set; }

    public string Code { get; set; } = "";

    public string Surname { get; set; } = "";

    public string? Name { get; set; }

    public string? Patronymic { get; set; }

    public string? Position { get; set; }

    public string? Phones { get; set; }

    public string? Emails { get; set; }

    /// <summary>Messenger handles, one per line (e.g. <c>telegram: @ivanov</c>).</summary>
    public string? Messengers { get; set; }

    public DateOnly? Birthday { get; set; }

    public Guid ResponsibleId { get; set; }

    public Guid? DepartmentId { get; set; }

    public string? Tags { get; set; }

    public string? Notes { get; set; }

    /// <summary>When the person consented to the processing of their personal data; null: no consent.</summary>
    public DateOnly? ConsentDate { get; set; }

    public string? ConsentPurpose { get; set; }

    /// <summary>How the consent was obtained (a signed form, the web site, …).</summary>
    public string? ConsentMethod { get; set; }

    /// <summary>When the consent was withdrawn: from then on personal fields are hidden from all but <c>customers.personal_data</c>.</summary>
    public DateOnly? ConsentWithdrawnDate { get; set; }

    public Guid? ImportId { get; set; }

    /// <summary>What search looks in (see <see cref="Customers.SearchText"/>); derived, so not journaled.</summary>
    public string SearchText { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public Guid? CreatedById { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Whether the organization may process the person's data now.</summary>
    public bool HasConsent => ConsentDate is not null && ConsentWithdrawnDate is null;

    public bool ConsentWithdrawn => ConsentWithdrawnDate is not null;

    /// <summary>Surname, name and patronymic, the empty ones left out (shown in every list row, so no LINQ here).</summary>
    public string FullName
    {
        get
        {
            var name = string.IsNullOrWhiteSpace(Name) ? null : Name;
            var patronymic = string.IsNullOrWhiteSpace(Patronymic) ? null : Patronymic;
            var surname = string.IsNullOrWhiteSpace(Surname) ? null : Surname;
            return (surname, name, patronymic) switch
            {
                ({ } s, { } n, { } p) => string.Concat(s, " ", n, " ", p),
                _ => string.Join(' ', new[] { surname, name, patronymic }.OfType<string>()),
            };
        }
    }
}

/// <summary>A contact working for a counterparty (a person may work for several).</summary>
public sealed class ContactLink
{
    public Guid Id { get; set; }

    public Guid ContactId { get; set; }

    public Guid CounterpartyId { get; set; }
}

/// <summary>
/// A normalized e-mail or phone of a contact ("email:ivanov@example.com", "phone:79161234567"), kept beside it so a
/// duplicate is found with an index lookup; derived from the contact, so not journaled.
/// </summary>
public sealed class ContactMatchKey
{
    public const int KeyMaxLength = 320;

    public long Id { get; set; }

    public Guid ContactId { get; set; }

    public string Key { get; set; } = "";
}

[OrgEntity]
internal sealed class CustomersModel :
    IEntityTypeConfiguration<Counterparty>, IEntityTypeConfiguration<BankAccount>, IEntityTypeConfiguration<Contact>,
    IEntityTypeConfiguration<ContactLink>, IEntityTypeConfiguration<ContactMatchKey>
{
    public void Configure(EntityTypeBuilder<Counterparty> builder)
    {
        builder.ToTable("Counterparties");
        builder.Property(c => c.Code).HasMaxLength(32);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Name).HasMaxLength(Counterparty.NameMaxLength);
        builder.Property(c => c.FullName).HasMaxLength(Counterparty.FullNameMaxLength);
        builder.Property(c => c.Inn).HasMaxLength(12);
        builder.Property(c => c.Kpp).HasMaxLength(9);
        builder.Property(c => c.Ogrn).HasMaxLength(15);
        builder.Property(c => c.LegalAddress).HasMaxLength(Counterparty.AddressMaxLength);
        builder.Property(c => c.PostalAddress).HasMaxLength(Counterparty.AddressMaxLength);
        builder.Property(c => c.Phones).HasMaxLength(Counterparty.ListMaxLength);
        builder.Property(c => c.Emails).HasMaxLength(Counterparty.ListMaxLength);
        builder.Property(c => c.Website).HasMaxLength(300);
        builder.Property(c => c.Tags).HasMaxLength(Counterparty.ListMaxLength);
        builder.Property(c => c.Notes).HasMaxLength(Counterparty.NotesMaxLength);
        builder.HasOne<GydexUser>().WithMany().HasForeignKey(c => c.ResponsibleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.Code).IsUnique();
        builder.HasIndex(c => c.Number).IsUnique();
        builder.HasIndex(c => c.Inn);
        // Keyset paging by each sortable column, the id breaking ties; scoped lists lead with the owner.
        builder.HasIndex(c => new { c.Name, c.Number });
        builder.HasIndex(c => new { c.UpdatedAt, c.Number });
        builder.HasIndex(c => new { c.ResponsibleId, c.Name, c.Number });
        builder.HasIndex(c => new { c.DepartmentId, c.Name, c.Number });
        builder.HasIndex(c => c.ImportId);
        builder.Property(c => c.SearchText).HasMaxLength(Customers.SearchText.MaxLength);
    }

    public void Configure(EntityTypeBuilder<BankAccount> builder)
    {
        builder.ToTable("CounterpartyBankAccounts");
        builder.Property(a => a.Bik).HasMaxLength(9);
        builder.Property(a => a.Account).HasMaxLength(20);
        builder.Property(a => a.BankName).HasMaxLength(300);
        builder.HasOne<Counterparty>().WithMany().HasForeignKey(a => a.CounterpartyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.CounterpartyId);
    }

    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.ToTable("Contacts");
        builder.Property(c => c.Code).HasMaxLength(32);
        builder.Property(c => c.Surname).HasMaxLength(Contact.NamePartMaxLength);
        builder.Property(c => c.Name).HasMaxLength(Contact.NamePartMaxLength);
        builder.Property(c => c.Patronymic).HasMaxLength(Contact.NamePartMaxLength);
        builder.Property(c => c.Position).HasMaxLength(200);
        builder.Property(c => c.Phones).HasMaxLength(Counterparty.ListMaxLength);
        builder.Property(c => c.Emails).HasMaxLength(Counterparty.ListMaxLength);
        builder.Property(c => c.Messengers).HasMaxLength(Counterparty.ListMaxLength);
        builder.Property(c => c.Tags).HasMaxLength(Counterparty.ListMaxLength);
        builder.Property(c => c.Notes).HasMaxLength(Counterparty.NotesMaxLength);
        builder.Property(c => c.ConsentPurpose).HasMaxLength(1000);
        builder.Property(c => c.ConsentMethod).HasMaxLength(300);
        builder.Ignore(c => c.HasConsent);
        builder.Ignore(c => c.ConsentWithdrawn);
        builder.Ignore(c => c.FullName);
        builder.HasOne<GydexUser>().WithMany().HasForeignKey(c => c.ResponsibleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.Code).IsUnique();
        builder.HasIndex(c => c.Number).IsUnique();
        builder.HasIndex(c => new { c.Surname, c.Number });
        builder.HasIndex(c => new { c.UpdatedAt, c.Number });
        builder.HasIndex(c => new { c.ResponsibleId, c.Surname, c.Number });
        builder.HasIndex(c => new { c.DepartmentId, c.Surname, c.Number });
        builder.HasIndex(c => c.ImportId);
        builder.Property(c => c.SearchText).HasMaxLength(Customers.SearchText.MaxLength);
    }

    public void Configure(EntityTypeBuilder<ContactLink> builder)
    {
        builder.ToTable("ContactLinks");
        builder.HasOne<Contact>().WithMany().HasForeignKey(l => l.ContactId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Counterparty>().WithMany().HasForeignKey(l => l.CounterpartyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => new { l.ContactId, l.CounterpartyId }).IsUnique();
        builder.HasIndex(l => l.CounterpartyId);
    }

    public void Configure(EntityTypeBuilder<ContactMatchKey> builder)
    {
        builder.ToTable("ContactMatchKeys");
        builder.Property(k => k.Key).HasMaxLength(ContactMatchKey.KeyMaxLength);
        builder.HasOne<Contact>().WithMany().HasForeignKey(k => k.ContactId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(k => k.Key);
        builder.HasIndex(k => k.ContactId);
    }
}

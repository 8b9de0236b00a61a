using Gydex.Kernel.Persistence;
using Gydex.Modules.Customers;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Modules.Customers;

/// <summary>Two counterparties and two contacts (one of each to act on, one to merge in), responsible: the given user.</summary>
public static class CustomersFixtures
{
    public sealed record Sample(Guid CounterpartyId, string OtherCounterpartyCode, Guid ContactId, string OtherContactCode);

    public static async Task<Sample> SampleAsync(IServiceProvider sp, Guid responsibleId)
    {
        var db = sp.GetRequiredService<OrgDbContext>();
        var numbers = sp.GetRequiredService<DocumentNumbers>();
        var now = DateTimeOffset.UtcNow;
        Counterparty NewCounterparty(long number, string name) => new()
        {
            Id = Guid.CreateVersion7(), Number = number, Code = DocumentNumbers.Format(Counterparty.CodePrefix, number), Name = name,
            ResponsibleId = responsibleId, CreatedAt = now, UpdatedAt = now, SearchText = name.ToUpperInvariant(),
        };
        Contact NewContact(long number, string surname) => new()
        {
            Id = Guid.CreateVersion7(), Number = number, Code = DocumentNumbers.Format(Contact.CodePrefix, number), Surname = surname,
            ResponsibleId = responsibleId, CreatedAt = now, UpdatedAt = now, SearchText = surname.ToUpperInvariant(),
        };
        var first = await numbers.ReserveAsync(Counterparty.Sequence, 2, default);
        var firstContact = await numbers.ReserveAsync(Contact.Sequence, 2, default);
        var a = NewCounterparty(first, "Alpha");
        var b = NewCounterparty(first + 1, "Alpha duplicate");
        var c = NewContact(firstContact, "Ivanov");
        var d = NewContact(firstContact + 1, "Ivanov duplicate");
        db.AddRange(a, b, c, d);
        db.Add(new ContactLink { Id = Guid.CreateVersion7(), ContactId = c.Id, CounterpartyId = a.Id });
        await db.SaveChangesAsync();
        return new Sample(a.Id, b.Code, c.Id, d.Code);
    }
}

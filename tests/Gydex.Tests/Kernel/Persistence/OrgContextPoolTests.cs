using Gydex.Kernel.Access;
using Gydex.Kernel.EventLog;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Customers;
using Gydex.Tests.Infrastructure;
using Gydex.Tests.Modules.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Kernel.Persistence;

/// <summary>
/// Organization contexts are pooled and shared interceptors journal their changes: requests of two organizations,
/// interleaved on one host, each read and write their own database, journaled as their own user.
/// </summary>
public sealed class OrgContextPoolTests : IAsyncLifetime
{
    private readonly GydexFactory factory = new();

    public async ValueTask InitializeAsync() => await factory.StartAsync();

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task Two_organizations_writing_at_once_each_keep_their_own_records_and_journal()
    {
        var first = await factory.CreateOrgAsync();
        var second = await factory.CreateOrgAsync();
        var buyer = await factory.ScopedUserAsync(second, "buyer", null, RightScope.All,
            CustomersRights.Counterparties.View, CustomersRights.Counterparties.Create);
        using var firstClient = factory.CreateClient();
        using var secondClient = factory.CreateClient();
        var firstToken = await firstClient.TokenAsync(first.Slug, "admin", TestOrganizations.Password);
        var secondToken = await secondClient.TokenAsync(second.Slug, "buyer", TestOrganizations.Password);

        for (var i = 0; i < 8; i++)
        {
            await Task.WhenAll(
                firstClient.CreateCounterpartyAsync(first, firstToken, new { kind = "person", name = $"Первая {i}" }),
                secondClient.CreateCounterpartyAsync(second, secondToken, new { kind = "person", name = $"Вторая {i}" }),
                firstClient.NamesAsync($"/{first.Slug}/api/v1/counterparties", firstToken),
                secondClient.NamesAsync($"/{second.Slug}/api/v1/counterparties", secondToken));
        }

        var firstNames = await firstClient.NamesAsync($"/{first.Slug}/api/v1/counterparties?limit=50", firstToken);
        var secondNames = await secondClient.NamesAsync($"/{second.Slug}/api/v1/counterparties?limit=50", secondToken);
        Assert.Equal(8, firstNames.Count);
        Assert.All(firstNames, n => Assert.StartsWith("Первая", n, StringComparison.Ordinal));
        Assert.Equal(8, secondNames.Count);
        Assert.All(secondNames, n => Assert.StartsWith("Вторая", n, StringComparison.Ordinal));

        var firstAuthors = await JournalAuthorsAsync(first);
        var secondAuthors = await JournalAuthorsAsync(second);
        Assert.Equal(8, firstAuthors.Count);
        Assert.DoesNotContain(buyer, firstAuthors);
        Assert.Equal(Enumerable.Repeat<Guid?>(buyer, 8), secondAuthors);
    }

    private Task<List<Guid?>> JournalAuthorsAsync(TestOrg org) =>
        factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<JournalRecord>()
            .Where(r => r.Action == CustomersJournal.CounterpartyCreated.Code).Select(r => r.UserId).ToListAsync());
}

using System.Globalization;
using Gydex.Kernel.Identity;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Customers;
using Gydex.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Modules.Customers;

/// <summary>
/// Search hits come in name order whichever way they are found: among the first names of the list (the bounded walk
/// of the name index) or anywhere beyond them (all matches sorted).
/// </summary>
public sealed class CustomerSearchOrderTests : IAsyncLifetime
{
    private readonly GydexFactory factory = new();

    public async ValueTask InitializeAsync() => await factory.StartAsync();

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    /// <summary>More contacts than the walk covers: "Бобров" fills the middle of the alphabet.</summary>
    private async Task<TestOrg> OrgWithManyContactsAsync(params string[] others)
    {
        var org = await factory.CreateOrgAsync();
        await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            var surnames = others.Concat(Enumerable.Repeat("Бобров", 2_500));
            var admin = db.Set<GydexUser>().Single(u => u.UserName == "admin").Id;
            var number = 0L;
            foreach (var surname in surnames)
            {
                number++;
                var contact = new Contact
                {
                    Id = Guid.NewGuid(), Surname = surname, Name = "Пётр", Number = number, ResponsibleId = admin,
                    Code = string.Create(CultureInfo.InvariantCulture, $"{Contact.CodePrefix}-{number:D6}"),
                    CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
                };
                contact.SearchText = SearchText.For(contact);
                db.Add(contact);
            }

            await db.SaveChangesAsync();
            return true;
        });
        return org;
    }

    private static async Task<List<string>> HitsAsync(HttpClient client, TestOrg org, string term) =>
        (await client.GetPageAsync($"/{org.Slug}/search?q={Uri.EscapeDataString(term)}&area=contacts"))
        .QuerySelectorAll("[data-hit] a").Select(e => e.TextContent.Trim()).ToList();

    [Fact]
    public async Task A_match_early_in_the_alphabet_and_one_past_thousands_of_names_both_come_in_name_order()
    {
        var org = await OrgWithManyContactsAsync("Ящиков", "Абжуков", "Жуков");
        using var admin = await factory.SignedInAsync(org, "admin");

        var hits = await HitsAsync(admin, org, "уко");

        Assert.Equal(2, hits.Count);
        Assert.Contains("Абжуков", hits[0], StringComparison.Ordinal);
        Assert.Contains("Жуков", hits[1], StringComparison.Ordinal);
        Assert.Single(await HitsAsync(admin, org, "ящик"));
    }

    [Fact]
    public async Task Common_matches_come_first_in_name_order_then_by_number()
    {
        var org = await OrgWithManyContactsAsync("Аброськин", "Яковлев");
        using var admin = await factory.SignedInAsync(org, "admin");

        var hits = await HitsAsync(admin, org, "пет");

        Assert.NotEmpty(hits);
        Assert.Contains("Аброськин", hits[0], StringComparison.Ordinal);
        Assert.All(hits.Skip(1), h => Assert.Contains("Бобров", h, StringComparison.Ordinal));
        Assert.Equal(hits.Skip(1).OrderBy(h => h, StringComparer.Ordinal), hits.Skip(1));
    }

    [Fact]
    public async Task Surnames_beginning_with_the_term_come_first_then_the_other_matches_in_name_order()
    {
        var org = await OrgWithManyContactsAsync("Абрамова", "Смирнова", "Смирнов", "Асмирян", "СМИРНОВСКИЙ");
        using var admin = await factory.SignedInAsync(org, "admin");

        var hits = await HitsAsync(admin, org, "сми");

        Assert.Equal(4, hits.Count);
        Assert.Contains("Смирнов Пётр", hits[0], StringComparison.Ordinal);
        Assert.Contains("Смирнова", hits[1], StringComparison.Ordinal);
        Assert.Contains("Асмирян", hits[2], StringComparison.Ordinal);
        Assert.Contains("СМИРНОВСКИЙ", hits[3], StringComparison.Ordinal);
    }
}

using Gydex.Modules.Sales;
using Gydex.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Modules.Sales;

/// <summary>The deals' and tasks' text search ignores case for Cyrillic on every provider (SQLite's LIKE knows only ASCII case).</summary>
public sealed class SalesTextSearchTests(SharedHost host)
{
    private readonly GydexFactory factory = host.Factory;

    [Fact]
    public async Task Deals_and_tasks_are_found_by_Иванов_typed_in_any_case_and_with_ё_as_е()
    {
        var org = await factory.CreateOrgAsync();
        var adminId = await factory.UserIdAsync(org, "admin");
        await factory.InOrgAsync(org, async sp =>
        {
            await SalesFixtures.DealAsync(sp, adminId, "Иванов: окна для школы");
            await SalesFixtures.DealAsync(sp, adminId, "Петров: двери");
            var sourced = await SalesFixtures.DealAsync(sp, adminId, "Трубы");
            var db = sp.GetRequiredService<Gydex.Kernel.Persistence.OrgDbContext>();
            db.Attach(sourced);
            sourced.Source = "Звонок от Ивановой";
            await db.SaveChangesAsync();
            await SalesFixtures.TaskAsync(sp, adminId, "Позвонить Иванову");
            await SalesFixtures.TaskAsync(sp, adminId, "Письмо Алёне");
            return true;
        });
        using var client = factory.Browser();
        var token = await client.TokenForAsync(org, "admin");

        async Task<List<string>> TitlesAsync(string list, string q)
        {
            using var response = await client.GetWithTokenAsync($"/{org.Slug}/api/v1/{list}?q={Uri.EscapeDataString(q)}", token);
            using var json = await response.JsonAsync();
            return json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).Order(StringComparer.Ordinal).ToList();
        }

        foreach (var q in new[] { "Иванов", "иванов", "ИВАНОВ", "иВаНоВ" })
        {
            Assert.Equal(["Иванов: окна для школы", "Трубы"], await TitlesAsync("deals", q));
            Assert.Equal(["Позвонить Иванову"], await TitlesAsync("tasks", q));
        }

        Assert.Equal(["Письмо Алёне"], await TitlesAsync("tasks", "алене"));
        Assert.Equal(["Письмо Алёне"], await TitlesAsync("tasks", "АЛЁН"));
        Assert.Empty(await TitlesAsync("deals", "сидоров"));

        // The list page and the global search use the same column.
        using var browser = await factory.SignedInAsync(org, "admin");
        var page = await browser.GetPageAsync($"/{org.Slug}/deals?q=иванов");
        Assert.Equal(2, page.QuerySelectorAll("table[data-table=deals] tbody tr").Length);
    }
}

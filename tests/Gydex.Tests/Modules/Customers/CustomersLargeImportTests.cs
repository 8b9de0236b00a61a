using System.Text;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Customers;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Modules.Customers;

/// <summary>
/// A 100,000-row file is imported in the background, all of it, and undone — on a host of its own: a host imports
/// one file at a time, and minutes of this one would hold up every other test's import on the shared host.
/// </summary>
public sealed class CustomersLargeImportTests
{
    [Fact]
    public async Task A_file_of_100000_rows_is_imported_whole_with_its_progress_counted_and_undone()
    {
        await using var factory = await new GydexFactory().StartAsync();
        const int rows = 100_000;
        var org = await factory.CreateOrgAsync();
        using var browser = await factory.SignedInAsync(org, "admin");
        var csv = new StringBuilder("name;phones;tags\n");
        for (var i = 0; i < rows; i++)
            csv.Append("Контрагент ").Append(i).Append(";+7 900 ").Append(i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture)).Append(";bulk\n");
        var id = await CustomersImportTests.ImportAsync(factory, browser, org, "counterparties", "big.csv", Encoding.UTF8.GetBytes(csv.ToString()), waitSeconds: 1500);

        var import = await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<CustomerImport>().SingleAsync(i => i.Id == id));
        Assert.Equal((rows, rows, rows, 0), (import.Total, import.Processed, import.Created, import.Rejected));
        Assert.Equal(rows, await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<Counterparty>().CountAsync()));
        var codes = await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<Counterparty>().Select(c => c.Code).Distinct().CountAsync());
        Assert.Equal(rows, codes);

        using var undo = await browser.PostFormAsync($"/{org.Slug}/customers/counterparties/import?id={id}", new Dictionary<string, string>(),
            $"/{org.Slug}/customers/counterparties/import?handler=Undo&id={id}");
        await CustomersImportTests.WaitAsync(factory, org, id, 1500);
        Assert.Equal(0, await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<Counterparty>().CountAsync()));
    }
}

using System.Globalization;
using Gydex.Kernel.Access;
using Gydex.Kernel.Identity;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Customers;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Modules.Customers;

/// <summary>
/// The compiled queries of the unfiltered contacts list give, page after page, exactly the rows and cursors of the
/// list built afresh — for every kind of scope, every sort and both directions.
/// </summary>
public sealed class ContactPagesTests : IAsyncLifetime
{
    private readonly GydexFactory factory = new();

    public async ValueTask InitializeAsync() => await factory.StartAsync();

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task Every_shape_pages_through_the_same_rows_and_cursors_as_the_list_built_afresh()
    {
        var org = await factory.CreateOrgAsync();
        var north = await factory.DepartmentAsync(org, "North");
        var south = await factory.DepartmentAsync(org, "South");
        var owner = await factory.ScopedUserAsync(org, "petrova", north, RightScope.Own, CustomersRights.Contacts.View);

        var mismatches = await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            var admin = await db.Set<GydexUser>().Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync();
            // 200 contacts: few surnames (ties broken by number), three departments and none, two owners, spread-out instants.
            var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            for (var n = 1; n <= 200; n++)
            {
                var contact = new Contact
                {
                    Id = Guid.NewGuid(), Number = n, Code = string.Create(CultureInfo.InvariantCulture, $"{Contact.CodePrefix}-{n:D6}"),
                    Surname = new[] { "Антонов", "Борисов", "Волков", "Громов" }[n % 4], Name = "Иван",
                    ResponsibleId = n % 3 == 0 ? owner : admin, DepartmentId = (n % 5) switch { 0 => null, 1 or 2 => north, _ => south },
                    CreatedAt = start, UpdatedAt = start.AddMinutes(n % 7 == 0 ? 5 : 200 - n),
                };
                contact.SearchText = SearchText.For(contact);
                db.Add(contact);
            }

            await db.SaveChangesAsync();

            var scopes = new[]
            {
                new DataScope(RightScope.All, admin, []),
                new DataScope(RightScope.Own, owner, []),
                new DataScope(RightScope.Department, owner, [north]),
                new DataScope(RightScope.Department, owner, [north, south]),
            };
            var problems = new List<string>();
            foreach (var scope in scopes)
            {
                var expected = await CustomerQueries.Contacts(db, scope).CountAsync();
                Assert.True(expected > ListQuery.DefaultLimit, "each scope holds more than one page");
                foreach (var sort in new[] { "name", "-name", "code", "-code", "updated", "-updated" })
                {
                    var list = new ListQuery { Sort = sort };
                    Assert.True(ContactPages.Serves(list));
                    var seen = new HashSet<string>();
                    for (var page = 1; ; page++)
                    {
                        var compiled = await ContactPages.PageAsync(db, scope, list, CancellationToken.None);
                        var afresh = await CustomerLists.PageAsync(CustomerQueries.Contacts(db, scope), list, CancellationToken.None, CustomerLists.ContactRow);
                        if (string.Join(",", compiled.Rows.Select(c => c.Code)) != string.Join(",", afresh.Rows.Select(c => c.Code)) || compiled.Next != afresh.Next)
                            problems.Add($"{scope.Scope}/{scope.Departments.Count} {sort}: page {page} differs");
                        foreach (var c in compiled.Rows)
                        {
                            if (!seen.Add(c.Code))
                                problems.Add($"{scope.Scope}/{scope.Departments.Count} {sort}: {c.Code} shown twice");
                        }

                        if (compiled.Next is null)
                            break;
                        list = list with { Cursor = compiled.Next };
                    }

                    if (seen.Count != expected)
                        problems.Add($"{scope.Scope}/{scope.Departments.Count} {sort}: {seen.Count} rows paged, {expected} in scope");
                }
            }

            return problems;
        });

        Assert.Empty(mismatches);
    }

    [Theory]
    [InlineData("-updated", "Фомин2")]
    [InlineData("name", null)]
    public async Task A_cursor_that_is_not_of_the_sort_starts_both_lists_from_the_first_page(string sort, string? key)
    {
        var org = await factory.CreateOrgAsync();
        var (compiled, afresh, first) = await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            var admin = await db.Set<GydexUser>().Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync();
            for (var n = 1; n <= 3; n++)
            {
                var contact = new Contact
                {
                    Id = Guid.NewGuid(), Number = n, Code = string.Create(CultureInfo.InvariantCulture, $"{Contact.CodePrefix}-{n:D6}"),
                    Surname = "Фомин" + n, ResponsibleId = admin, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow.AddMinutes(n),
                };
                contact.SearchText = SearchText.For(contact);
                db.Add(contact);
            }

            await db.SaveChangesAsync();
            var scope = DataScope.Everything(admin);
            // A name sort's cursor given to the newest-first sort (its key is a surname, not an instant), and a
            // name sort's cursor without a surname.
            var list = new ListQuery { Sort = sort, Cursor = Keyset.Encode(key, 2) };
            return ((await ContactPages.PageAsync(db, scope, list, CancellationToken.None)).Rows.Select(c => c.Code).ToList(),
                (await CustomerLists.PageAsync(CustomerQueries.Contacts(db, scope), list, CancellationToken.None, CustomerLists.ContactRow)).Rows.Select(c => c.Code).ToList(),
                (await ContactPages.PageAsync(db, scope, list with { Cursor = null }, CancellationToken.None)).Rows.Select(c => c.Code).ToList());
        });

        Assert.Equal(3, first.Count);
        Assert.Equal(first, compiled);
        Assert.Equal(first, afresh);
    }
}

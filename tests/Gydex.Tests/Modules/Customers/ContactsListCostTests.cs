using System.Data.Common;
using System.Linq.Expressions;
using Gydex.Kernel.Access;
using Gydex.Kernel.CustomFields;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Customers;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Modules.Customers;

/// <summary>
/// What a contacts list page costs once warm — the stamp and the page, nothing compiled again — and that what it
/// keeps in memory (names, custom fields, columns, saved filters, departments) follows a change at the next request.
/// </summary>
public sealed class ContactsListCostTests : IAsyncLifetime
{
    private readonly QueryLog log = new();
    private readonly GydexFactory factory;

    public ContactsListCostTests() =>
        factory = new GydexFactory { TestServices = s => s.AddSingleton<IOrgDbInterceptor>(log) }.With("Access:StampFreshFor", "00:01:00");

    public async ValueTask InitializeAsync() => await factory.StartAsync();

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    /// <summary>Every command an organization database runs, and every query EF compiles (a cache miss).</summary>
    private sealed class QueryLog : DbCommandInterceptor, IQueryExpressionInterceptor, IOrgDbInterceptor
    {
        private readonly List<string> commands = [];
        private int compilations;

        public IReadOnlyList<string> Commands
        {
            get
            {
                lock (commands)
                    return commands.ToList();
            }
        }

        public int Compilations => Volatile.Read(ref compilations);

        public void Clear()
        {
            lock (commands)
                commands.Clear();
            Interlocked.Exchange(ref compilations, 0);
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            lock (commands)
                commands.Add(command.CommandText);
            return ValueTask.FromResult(result);
        }

        public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData)
        {
            Interlocked.Increment(ref compilations);
            return queryExpression;
        }
    }

    private async Task<(TestOrg Org, Guid North, Guid South)> OrgWithTwoDepartmentsAsync()
    {
        var org = await factory.CreateOrgAsync();
        var north = await factory.DepartmentAsync(org, "North");
        var south = await factory.DepartmentAsync(org, "South");
        var petrova = await factory.ScopedUserAsync(org, "petrova", north, RightScope.Department, CustomersRights.Contacts.View);
        var sidorov = await factory.ScopedUserAsync(org, "sidorov", south, RightScope.Department, CustomersRights.Contacts.View);
        await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            for (var i = 1; i <= 3; i++)
            {
                foreach (var (owner, department, surname) in new[] { (petrova, north, "Северов"), (sidorov, south, "Южин") })
                {
                    var contact = new Contact
                    {
                        Id = Guid.NewGuid(), Surname = surname + i, Name = "Иван", ResponsibleId = owner, DepartmentId = department,
                        CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
                    };
                    contact.Number = await sp.GetRequiredService<DocumentNumbers>().NextAsync(Contact.Sequence, CancellationToken.None);
                    contact.Code = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Contact.CodePrefix}-{contact.Number:D6}");
                    contact.SearchText = SearchText.For(contact);
                    db.Add(contact);
                }
            }

            await db.SaveChangesAsync();
            return true;
        });
        return (org, north, south);
    }

    [Fact]
    public async Task A_warm_list_page_reads_only_the_page_and_another_departments_manager_compiles_nothing_new()
    {
        var (org, _, _) = await OrgWithTwoDepartmentsAsync();
        using var petrova = await factory.SignedInAsync(org, "petrova");
        using var sidorov = await factory.SignedInAsync(org, "sidorov");
        var url = $"/{org.Slug}/customers/contacts";

        var first = await petrova.GetStringAsync(url);
        Assert.Contains("Северов1", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Южин1", first, StringComparison.Ordinal);

        log.Clear();
        await petrova.GetStringAsync(url);
        var warm = log.Commands;
        Assert.True(warm.Count == 1, "a warm page runs the page query, and nothing else (the stamp was read a moment ago):\n" + string.Join("\n---\n", warm));
        Assert.Contains("Contacts", warm[0], StringComparison.Ordinal);

        // Another user, another department: the same compiled query with other parameter values.
        await sidorov.GetStringAsync(url);
        log.Clear();
        var south = await sidorov.GetStringAsync(url);
        Assert.Contains("Южин1", south, StringComparison.Ordinal);
        Assert.DoesNotContain("Северов1", south, StringComparison.Ordinal);
        Assert.Equal(0, log.Compilations);

        // Pages after a cursor: compiled once, then not again for another user's cursor.
        var limited = $"{url}?sort=code&limit=1";
        static async Task<string> NextOf(HttpClient client, string url) =>
            (await client.GetPageAsync(url)).QuerySelector("a[data-next]")?.GetAttribute("href") ?? throw new InvalidOperationException("no next page");
        await sidorov.GetStringAsync(await NextOf(sidorov, limited));
        var cursor = await NextOf(petrova, limited);
        log.Clear();
        var page2 = await petrova.GetStringAsync(cursor);
        Assert.Contains("Северов2", page2, StringComparison.Ordinal);
        Assert.DoesNotContain("Северов1", page2, StringComparison.Ordinal);
        Assert.Equal(0, log.Compilations);
    }

    [Fact]
    public async Task A_renamed_employee_a_new_custom_field_and_a_moved_manager_show_at_the_next_request()
    {
        var (org, north, south) = await OrgWithTwoDepartmentsAsync();
        using var petrova = await factory.SignedInAsync(org, "petrova");
        var url = $"/{org.Slug}/customers/contacts";
        await petrova.GetStringAsync(url + "?sort=code"); // warm every cache
        var petrovaId = await factory.UserIdAsync(org, "petrova");

        // Written straight to the database, as another node would: nothing in this process is told.
        await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            var user = await db.Users.SingleAsync(u => u.Id == petrovaId);
            user.DisplayName = "Петрова-Водкина";
            db.Add(new CustomFieldDefinition
            {
                Id = Guid.NewGuid(), EntityType = CustomersModule.ContactFields, Key = "region", Label = "Регион продаж",
                Kind = CustomFieldKind.Text, ShowInList = true, CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
            return true;
        });
        var page = await petrova.GetStringAsync(url + "?sort=code");
        Assert.Contains("Регион продаж", page, StringComparison.Ordinal);
        Assert.Contains("Петрова-Водкина", page, StringComparison.Ordinal);

        await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            (await db.Users.SingleAsync(u => u.Id == petrovaId)).DepartmentId = south;
            await db.SaveChangesAsync();
            return true;
        });
        var moved = await petrova.GetStringAsync(url);
        Assert.Contains("Южин1", moved, StringComparison.Ordinal);
        Assert.DoesNotContain("Северов1", moved, StringComparison.Ordinal);
        Assert.NotEqual(north, south);
    }
}

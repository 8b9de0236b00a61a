using System.Net;
using System.Text.Json;
using Gydex.Kernel.Access;
using Gydex.Kernel.CustomFields;
using Gydex.Kernel.EventLog;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Customers;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gydex.Tests.Modules.Customers.CustomersTestKit;

namespace Gydex.Tests.Modules.Customers;

/// <summary>Counterparties and contacts through the API: CRUD, validation, duplicates, scopes, other organizations, consent, custom fields, merge.</summary>
public sealed class CustomersApiTests(SharedHost host)
{
    private readonly GydexFactory factory = host.Factory;

    private async Task<(TestOrg Org, HttpClient Client, string Token)> AdminAsync()
    {
        var org = await factory.CreateOrgAsync();
        var client = factory.Browser();
        return (org, client, await client.TokenAsync(org.Slug, "admin", TestOrganizations.Password));
    }

    private Task<T> InOrgAsync<T>(TestOrg org, Func<OrgDbContext, Task<T>> work) =>
        factory.InOrgAsync(org, sp => work(sp.GetRequiredService<OrgDbContext>()));

    [Fact]
    public async Task A_counterparty_is_created_read_changed_listed_and_deleted_with_every_step_journaled()
    {
        var (org, client, token) = await AdminAsync();
        using var created = await client.SendAsync(HttpMethod.Post, $"/{org.Slug}/api/v1/counterparties", token, new
        {
            kind = "legal", name = "Ромашка", fullName = "ООО «Ромашка»", inn = Inn10, kpp = Kpp, ogrn = Ogrn13,
            phones = new[] { "+7 495 123-45-67" }, emails = new[] { "info@romashka.ru" }, tags = new[] { "VIP", "partner" },
            bankAccounts = new[] { new { bik = "044525225", account = ValidAccount(), bankName = "Сбербанк" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = await created.JsonOkAsync();
        var id = json.GetProperty("id").GetGuid();
        Assert.Equal("CP-000001", json.GetProperty("code").GetString());
        Assert.Equal("legal", json.GetProperty("kind").GetString());
        Assert.Equal("ООО «Ромашка»", json.GetProperty("fullName").GetString());
        Assert.Equal(Inn10, json.GetProperty("inn").GetString());
        Assert.Equal("partner,vip", string.Join(",", json.GetProperty("tags").EnumerateArray().Select(t => t.GetString())));
        Assert.Single(json.GetProperty("bankAccounts").EnumerateArray());

        using var patched = await client.SendAsync(HttpMethod.Patch, $"/{org.Slug}/api/v1/counterparties/{id}", token, """{"name":"Ромашка-М","notes":"ключевой клиент"}""");
        var after = await patched.JsonOkAsync();
        Assert.Equal("Ромашка-М", after.GetProperty("name").GetString());
        Assert.Equal(Inn10, after.GetProperty("inn").GetString());
        Assert.Single(after.GetProperty("bankAccounts").EnumerateArray());

        using var second = await client.SendAsync(HttpMethod.Post, $"/{org.Slug}/api/v1/counterparties", token, new { kind = "person", name = "Иванов И. И.", inn = Inn12 });
        Assert.Equal("CP-000002", (await second.JsonOkAsync()).GetProperty("code").GetString());
        Assert.Equal(["Иванов И. И.", "Ромашка-М"], await client.NamesAsync($"/{org.Slug}/api/v1/counterparties", token));
        Assert.Equal(["Ромашка-М"], await client.NamesAsync($"/{org.Slug}/api/v1/counterparties?kind=legal", token));
        Assert.Equal(["Ромашка-М"], await client.NamesAsync($"/{org.Slug}/api/v1/counterparties?q=РОМАШ", token));
        Assert.Equal(["Ромашка-М"], await client.NamesAsync($"/{org.Slug}/api/v1/counterparties?tag=vip", token));

        using var deleted = await client.SendAsync(HttpMethod.Delete, $"/{org.Slug}/api/v1/counterparties/{id}", token);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await client.SendAsync(HttpMethod.Get, $"/{org.Slug}/api/v1/counterparties/{id}", token);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);

        var actions = await InOrgAsync(org, db => db.Set<JournalRecord>().Where(r => r.DocumentId == id.ToString()).OrderBy(r => r.Id).Select(r => new { r.Action, r.Changes }).ToListAsync());
        Assert.Contains(actions, a => a.Action == CustomersJournal.CounterpartyCreated.Code);
        Assert.Contains(actions, a => a.Action == CustomersJournal.BankAccountsChanged.Code);
        var change = actions.Single(a => a.Action == CustomersJournal.CounterpartyChanged.Code);
        Assert.Contains(JournalChanges.Parse(change.Changes), f => f.Field == "Name" && f.Old == "Ромашка" && f.New == "Ромашка-М");
        Assert.Equal(CustomersJournal.CounterpartyDeleted.Code, actions[^1].Action);
    }

    internal static string ValidAccount() =>
        Enumerable.Range(0, 10).Select(d => $"40702810{d}38000000001").Single(a => Requisites.AccountProblem(a, "044525225") is null);

    [Theory]
    [InlineData("legal", "7707083894", "inn")]
    [InlineData("legal", "500100732259", "inn")]
    [InlineData("person", "7707083893", "inn")]
    [InlineData("legal", "", "name")]
    public async Task A_bad_counterparty_is_refused_with_a_problem_naming_the_field(string kind, string inn, string field)
    {
        var (org, client, token) = await AdminAsync();
        using var response = await client.SendAsync(HttpMethod.Post, $"/{org.Slug}/api/v1/counterparties", token,
            new { kind, name = field == "name" ? "" : "Ромашка", inn });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = await response.JsonAsync();
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty(field, out _), json.RootElement.ToString());
        Assert.Equal(0, await InOrgAsync(org, db => db.Set<Counterparty>().CountAsync()));
    }

    [Fact]
    public async Task A_second_counterparty_with_the_same_INN_is_a_conflict_unless_allowed()
    {
        var (org, client, token) = await AdminAsync();
        await client.CreateCounterpartyAsync(org, token, new { name = "Первый", inn = Inn10 });
        using var conflict = await client.SendAsync(HttpMethod.Post, $"/{org.Slug}/api/v1/counterparties", token, new { name = "Второй", inn = Inn10 });
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        using var json = await conflict.JsonAsync();
        Assert.Equal("CP-000001", json.RootElement.GetProperty("duplicates")[0].GetProperty("code").GetString());
        using var allowed = await client.SendAsync(HttpMethod.Post, $"/{org.Slug}/api/v1/counterparties?allowDuplicate=true", token, new { name = "Второй", inn = Inn10 });
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
    }

    [Fact]
    public async Task Scope_own_department_and_all_decide_what_lists_ids_and_the_directory_show()
    {
        var (org, client, token) = await AdminAsync();
        var sales = await factory.DepartmentAsync(org, "Sales");
        var support = await factory.DepartmentAsync(org, "Support");
        var own = await factory.ScopedUserAsync(org, "own", sales, RightScope.Own, AllOf(CustomersRights.Counterparties));
        var colleague = await factory.ScopedUserAsync(org, "colleague", sales, RightScope.Own, AllOf(CustomersRights.Counterparties));
        var boss = await factory.ScopedUserAsync(org, "boss", sales, RightScope.Department, AllOf(CustomersRights.Counterparties));
        var auditor = await factory.ScopedUserAsync(org, "auditor", support, RightScope.All, CustomersRights.Counterparties.View);
        var mine = await client.CreateCounterpartyAsync(org, token, new { name = "A mine", responsibleId = own });
        var theirs = await client.CreateCounterpartyAsync(org, token, new { name = "B colleague's", responsibleId = colleague });
        var elsewhere = await client.CreateCounterpartyAsync(org, token, new { name = "C support's", responsibleId = auditor });

        async Task<(List<string> List, HttpStatusCode Mine, HttpStatusCode Theirs, HttpStatusCode Elsewhere)> SeenByAsync(string login)
        {
            var t = await client.TokenAsync(org.Slug, login, TestOrganizations.Password);
            var list = await client.NamesAsync($"/{org.Slug}/api/v1/counterparties", t);
            async Task<HttpStatusCode> GetAsync(Guid id)
            {
                using var r = await client.SendAsync(HttpMethod.Get, $"/{org.Slug}/api/v1/counterparties/{id}", t);
                return r.StatusCode;
            }

            return (list, await GetAsync(mine), await GetAsync(theirs), await GetAsync(elsewhere));
        }

        Assert.Equal(("A mine", HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.NotFound), Flat(await SeenByAsync("own")));
        Assert.Equal(("A mine|B colleague's", HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound), Flat(await SeenByAsync("boss")));
        Assert.Equal(("A mine|B colleague's|C support's", HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), Flat(await SeenByAsync("auditor")));

        // The own-scoped user can neither change nor delete the colleague's record: it is not there for them.
        var ownToken = await client.TokenAsync(org.Slug, "own", TestOrganizations.Password);
        using var patch = await client.SendAsync(HttpMethod.Patch, $"/{org.Slug}/api/v1/counterparties/{theirs}", ownToken, """{"name":"hijacked"}""");
        using var delete = await client.SendAsync(HttpMethod.Delete, $"/{org.Slug}/api/v1/counterparties/{theirs}", ownToken);
        Assert.Equal(HttpStatusCode.NotFound, patch.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal("B colleague's", await InOrgAsync(org, db => db.Set<Counterparty>().Where(c => c.Id == theirs).Select(c => c.Name).SingleAsync()));

        // The directory other modules use answers within the same scope.
        var found = await factory.InOrgAsync(org, async sp =>
        {
            await SignInAsAsync(sp, own);
            var directory = sp.GetRequiredService<CustomersDirectory>();
            return (await directory.FindCounterpartyAsync(mine, default), await directory.FindCounterpartyAsync(theirs, default),
                await directory.SearchCounterpartiesAsync("", 10, default));
        });
        Assert.Equal("A mine", found.Item1?.Name);
        Assert.Null(found.Item2);
        Assert.Equal(["A mine"], found.Item3.Select(r => r.Name));
    }

    private static (string, HttpStatusCode, HttpStatusCode, HttpStatusCode) Flat((List<string> List, HttpStatusCode A, HttpStatusCode B, HttpStatusCode C) seen) =>
        (string.Join("|", seen.List), seen.A, seen.B, seen.C);

    /// <summary>Loads the user's rights into the scope's <see cref="CurrentAccess"/>, as the middleware does for a request.</summary>
    internal static async Task SignInAsAsync(IServiceProvider sp, Guid userId)
    {
        var user = await sp.GetRequiredService<OrgDbContext>().Users.SingleAsync(u => u.Id == userId);
        var principal = await sp.GetRequiredService<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<Gydex.Kernel.Identity.GydexUser>>().CreateAsync(user);
        await sp.GetRequiredService<CurrentAccess>().LoadAsync(principal, default);
    }

    [Fact]
    public async Task Another_organizations_ids_answer_404_on_every_endpoint()
    {
        var (org, client, token) = await AdminAsync();
        var (other, _, otherToken) = await AdminAsync();
        var counterparty = await client.CreateCounterpartyAsync(other, otherToken, new { name = "Чужой" });
        var contact = await client.CreateContactAsync(other, otherToken, new { surname = "Чужаков" });
        foreach (var (method, url) in new[]
                 {
                     (HttpMethod.Get, $"counterparties/{counterparty}"), (HttpMethod.Patch, $"counterparties/{counterparty}"), (HttpMethod.Delete, $"counterparties/{counterparty}"),
                     (HttpMethod.Get, $"contacts/{contact}"), (HttpMethod.Patch, $"contacts/{contact}"), (HttpMethod.Delete, $"contacts/{contact}"),
                 })
        {
            using var response = await client.SendAsync(method, $"/{org.Slug}/api/v1/{url}", token, method == HttpMethod.Patch ? """{"name":"x"}""" : null);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {url}: {(int)response.StatusCode}");
        }

        // A contact cannot be linked to another organization's counterparty either.
        using var link = await client.SendAsync(HttpMethod.Post, $"/{org.Slug}/api/v1/contacts", token, new { surname = "Петров", counterpartyIds = new[] { counterparty } });
        Assert.Equal(HttpStatusCode.BadRequest, link.StatusCode);
        Assert.Empty(await client.NamesAsync($"/{org.Slug}/api/v1/counterparties", token));
    }

    [Fact]
    public async Task A_contact_works_for_several_counterparties_and_withdrawn_consent_hides_personal_fields_without_the_right()
    {
        var (org, client, token) = await AdminAsync();
        var a = await client.CreateCounterpartyAsync(org, token, new { name = "Альфа" });
        var b = await client.CreateCounterpartyAsync(org, token, new { name = "Бета" });
        var id = await client.CreateContactAsync(org, token, new
        {
            surname = "Петров", name = "Пётр", phones = new[] { "+7 916 123-45-67" }, emails = new[] { "petrov@example.com" },
            birthday = "1980-05-01", consentDate = "2026-01-10", consentPurpose = "рассылка", consentMethod = "форма на сайте",
            counterpartyIds = new[] { a, b },
        });
        var viewer = await factory.ScopedUserAsync(org, "viewer", null, RightScope.All, [.. AllOf(CustomersRights.Contacts), CustomersRights.Counterparties.View]);
        var viewerToken = await client.TokenAsync(org.Slug, "viewer", TestOrganizations.Password);

        using (var r = await client.SendAsync(HttpMethod.Get, $"/{org.Slug}/api/v1/contacts/{id}", viewerToken))
        {
            var json = await r.JsonOkAsync();
            Assert.Equal(2, json.GetProperty("counterpartyIds").GetArrayLength());
            Assert.Equal("petrov@example.com", json.GetProperty("emails")[0].GetString());
            Assert.True(json.GetProperty("hasConsent").GetBoolean());
        }

        using (var w = await client.SendAsync(HttpMethod.Patch, $"/{org.Slug}/api/v1/contacts/{id}", token, """{"consentWithdrawnDate":"2026-03-01"}"""))
            Assert.False((await w.JsonOkAsync()).GetProperty("personalDataHidden").GetBoolean());

        using (var r = await client.SendAsync(HttpMethod.Get, $"/{org.Slug}/api/v1/contacts/{id}", viewerToken))
        {
            var json = await r.JsonOkAsync();
            Assert.True(json.GetProperty("personalDataHidden").GetBoolean());
            Assert.Equal(0, json.GetProperty("emails").GetArrayLength());
            Assert.Equal(0, json.GetProperty("phones").GetArrayLength());
            Assert.Equal(JsonValueKind.Null, json.GetProperty("birthday").ValueKind);
            Assert.False(json.GetProperty("hasConsent").GetBoolean());
        }

        // Nor is the person found by their e-mail, and a change by the viewer keeps the hidden values.
        Assert.Empty(await client.NamesAsync($"/{org.Slug}/api/v1/contacts?q=petrov@", viewerToken, "surname"));
        using (var p = await client.SendAsync(HttpMethod.Patch, $"/{org.Slug}/api/v1/contacts/{id}", viewerToken, """{"position":"директор"}"""))
            await p.JsonOkAsync();
        using (var r = await client.SendAsync(HttpMethod.Get, $"/{org.Slug}/api/v1/contacts/{id}", token))
        {
            var json = await r.JsonOkAsync();
            Assert.Equal("petrov@example.com", json.GetProperty("emails")[0].GetString());
            Assert.Equal("директор", json.GetProperty("position").GetString());
        }

        Assert.Contains(await InOrgAsync(org, db => db.Set<JournalRecord>().Select(r => r.Action).ToListAsync()), x => x == CustomersJournal.ConsentWithdrawn.Code);
        Assert.Equal(["Петров"], await client.NamesAsync($"/{org.Slug}/api/v1/contacts?consent=none", token, "surname"));
    }

    [Fact]
    public async Task Custom_fields_are_set_read_and_filtered_through_the_API_and_checked()
    {
        var (org, client, token) = await AdminAsync();
        await InOrgAsync(org, async db =>
        {
            db.Add(new CustomFieldDefinition { Id = Guid.NewGuid(), EntityType = CustomersModule.CounterpartyFields, Key = "industry", Label = "Отрасль", Kind = CustomFieldKind.List, Options = "IT\nРозница" });
            db.Add(new CustomFieldDefinition { Id = Guid.NewGuid(), EntityType = CustomersModule.CounterpartyFields, Key = "staff", Label = "Штат", Kind = CustomFieldKind.Number });
            return await db.SaveChangesAsync();
        });
        var it = await client.CreateCounterpartyAsync(org, token, new { name = "Айти", customFields = new Dictionary<string, string> { ["industry"] = "it", ["staff"] = "1 200" } });
        await client.CreateCounterpartyAsync(org, token, new { name = "Магазин", customFields = new Dictionary<string, string> { ["industry"] = "Розница" } });

        using (var r = await client.SendAsync(HttpMethod.Get, $"/{org.Slug}/api/v1/counterparties/{it}", token))
        {
            var custom = (await r.JsonOkAsync()).GetProperty("customFields");
            Assert.Equal("IT", custom.GetProperty("industry").GetString());
            Assert.Equal("1200", custom.GetProperty("staff").GetString());
        }

        Assert.Equal(["Айти"], await client.NamesAsync($"/{org.Slug}/api/v1/counterparties?cf.industry=IT", token));
        using var bad = await client.SendAsync(HttpMethod.Patch, $"/{org.Slug}/api/v1/counterparties/{it}", token, """{"customFields":{"staff":"many"}}""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var unknown = await client.SendAsync(HttpMethod.Patch, $"/{org.Slug}/api/v1/counterparties/{it}", token, """{"customFields":{"nope":"1"}}""");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        using var ok = await client.SendAsync(HttpMethod.Patch, $"/{org.Slug}/api/v1/counterparties/{it}", token, """{"customFields":{"staff":null}}""");
        var after = (await ok.JsonOkAsync()).GetProperty("customFields");
        Assert.False(after.TryGetProperty("staff", out _));
        Assert.Equal("IT", after.GetProperty("industry").GetString());
        Assert.Contains(await InOrgAsync(org, db => db.Set<JournalRecord>().Where(r => r.DocumentId == it.ToString()).Select(r => r.Action).ToListAsync()),
            a => a == CustomFieldsJournal.ValueCleared.Code);
    }

    [Fact]
    public async Task Merging_counterparties_keeps_every_contact_link_account_and_custom_value_and_is_journaled()
    {
        var (org, client, token) = await AdminAsync();
        var kept = await client.CreateCounterpartyAsync(org, token, new { name = "Ромашка", inn = Inn10 });
        var removed = await client.CreateCounterpartyAsync(org, token, new
        {
            name = "Ромашка (дубль)", inn = Inn10, kpp = Kpp, bankAccounts = new[] { new { bik = "044525225", account = ValidAccount() } },
        });
        var both = await client.CreateContactAsync(org, token, new { surname = "Общий", counterpartyIds = new[] { kept, removed } });
        var onlyRemoved = await client.CreateContactAsync(org, token, new { surname = "Второй", counterpartyIds = new[] { removed } });

        var outcome = await factory.InOrgAsync(org, async sp =>
        {
            await SignInAsAsync(sp, await factory.UserIdAsync(org, "admin"));
            return await sp.GetRequiredService<CounterpartyBook>().MergeAsync(kept, removed, default);
        });
        Assert.Equal(SaveOutcome.Saved, outcome);
        var state = await InOrgAsync(org, async db => new
        {
            Links = await db.Set<ContactLink>().Where(l => l.CounterpartyId == kept).Select(l => l.ContactId).ToListAsync(),
            Dangling = await db.Set<ContactLink>().CountAsync(l => l.CounterpartyId == removed),
            Accounts = await db.Set<BankAccount>().CountAsync(a => a.CounterpartyId == kept),
            Kept = await db.Set<Counterparty>().SingleAsync(c => c.Id == kept),
            RemovedExists = await db.Set<Counterparty>().AnyAsync(c => c.Id == removed),
            Merged = await db.Set<JournalRecord>().AnyAsync(r => r.Action == CustomersJournal.CounterpartyMerged.Code && r.DocumentId == kept.ToString()),
        });
        Assert.Equal(new[] { both, onlyRemoved }.Order(), state.Links.Order());
        Assert.Equal(0, state.Dangling);
        Assert.Equal(1, state.Accounts);
        Assert.Equal(Kpp, state.Kept.Kpp);
        Assert.False(state.RemovedExists);
        Assert.True(state.Merged);
    }

    [Fact]
    public async Task The_list_pages_by_cursor_without_repeating_or_skipping_rows_in_every_sort()
    {
        var (org, client, token) = await AdminAsync();
        foreach (var name in new[] { "Дельта", "Альфа", "Гамма", "Бета", "Альфа", "Епсилон", "Бета" })
            await client.CreateCounterpartyAsync(org, token, new { name });
        foreach (var sort in new[] { "name", "-name", "code", "-code", "updated", "-updated" })
        {
            var codes = new List<string>();
            string? cursor = null;
            do
            {
                using var r = await client.SendAsync(HttpMethod.Get, $"/{org.Slug}/api/v1/counterparties?limit=2&sort={sort}" + (cursor is null ? "" : "&cursor=" + cursor), token);
                var json = await r.JsonOkAsync();
                codes.AddRange(json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()!));
                cursor = json.GetProperty("nextCursor").GetString();
            }
            while (cursor is not null);
            Assert.True(codes.Count == 7 && codes.Distinct().Count() == 7, $"{sort}: {string.Join(",", codes)}");
        }
    }

    [Fact]
    public async Task The_API_limits_requests_per_token_with_a_429_problem()
    {
        await using var limited = new GydexFactory().With("Api:RateLimit:PermitsPerMinute", "3");
        await limited.StartAsync();
        var org = await limited.CreateOrgAsync();
        using var client = limited.Browser();
        var token = await client.TokenAsync(org.Slug, "admin", TestOrganizations.Password);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var r = await client.SendAsync(HttpMethod.Get, $"/{org.Slug}/api/v1/counterparties", token);
            statuses.Add(r.StatusCode);
            if (r.StatusCode == HttpStatusCode.TooManyRequests)
                Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        // Another token has its own allowance.
        var other = await client.TokenAsync(org.Slug, "admin", TestOrganizations.Password);
        using var fresh = await client.SendAsync(HttpMethod.Get, $"/{org.Slug}/api/v1/counterparties", other);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }
}

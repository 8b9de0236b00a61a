using Gydex.Kernel.Access;
using Gydex.Kernel.EventLog;
using Gydex.Kernel.Identity;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Administration;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Kernel.EventLog;

/// <summary>Change capture: the record, its diff and context, and the one transaction it shares with the change.</summary>
public sealed class JournalCaptureTests(SharedHost host)
{
    private readonly GydexFactory factory = host.Factory;

    private Task<List<JournalRecord>> RecordsAsync(TestOrg org) =>
        factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<JournalRecord>().AsNoTracking().OrderBy(r => r.Id).ToListAsync());

    [Fact]
    public async Task An_edit_on_a_page_is_recorded_with_who_which_right_the_document_and_old_and_new_values()
    {
        var org = await factory.CreateOrgAsync();
        var ivanov = await factory.AddUserAsync(org, "ivanov");
        var adminId = await factory.UserIdAsync(org, "admin");
        using var admin = await factory.SignedInAsync(org, "admin");
        var page = $"/{org.Slug}/admin/users/{ivanov.Id}";
        var departmentId = await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<Department>().Select(d => d.Id).FirstAsync());

        using var saved = await admin.PostFormAsync(page, new Dictionary<string, string>
        {
            ["displayName"] = "Ivan Ivanov",
            ["email"] = "",
            ["departmentId"] = departmentId.ToString(),
        }, page + "?handler=Save");

        var record = (await RecordsAsync(org)).Last(r => r.Action == IdentityJournal.UserChanged.Code);
        Assert.Equal(adminId, record.UserId);
        Assert.Contains("admin", record.UserName, StringComparison.Ordinal);
        Assert.Equal(ivanov.Id, record.AffectedUserId);
        Assert.Equal(AdministrationRights.Users.Code, record.Right);
        Assert.Equal("user", record.DocumentType);
        Assert.Equal(ivanov.Id.ToString(), record.DocumentId);
        Assert.Equal("ivanov", record.DocumentCode);
        var change = Assert.Single(JournalChanges.Parse(record.Changes), c => c.Field == nameof(GydexUser.DisplayName));
        Assert.Equal("User ivanov", change.Old);
        Assert.Equal("Ivan Ivanov", change.New);
        Assert.Equal(JournalChain.Truncate(record.At), record.At);
    }

    [Fact]
    public async Task A_change_that_rolls_back_leaves_no_record_and_the_chain_goes_on_unbroken()
    {
        var org = await factory.CreateOrgAsync();
        var before = await RecordsAsync(org);

        await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Add(new Group { Id = Guid.CreateVersion7(), Name = "Never was" });
            await db.SaveChangesAsync();
            Assert.Contains(await db.Set<JournalRecord>().ToListAsync(), r => r.Action == AccessJournal.GroupCreated.Code);
            await transaction.RollbackAsync();
            return true;
        });

        var after = await RecordsAsync(org);
        Assert.Equal(before.Select(r => r.Id), after.Select(r => r.Id));
        Assert.DoesNotContain(after, r => r.DocumentCode == "Never was");
        var head = await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<JournalHead>().AsNoTracking().SingleAsync());
        Assert.Equal(before[^1].Id, head.LastId);

        await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            db.Add(new Group { Id = Guid.CreateVersion7(), Name = "Real one" });
            return await db.SaveChangesAsync();
        });
        var next = (await RecordsAsync(org))[^1];
        Assert.Equal(before[^1].Id + 1, next.Id);
        Assert.True((await factory.InOrgAsync(org, sp => sp.GetRequiredService<JournalVerifier>().VerifyAsync(CancellationToken.None))).Intact);
    }

    [Fact]
    public async Task A_change_cannot_commit_when_its_record_cannot_be_written()
    {
        var org = await factory.CreateOrgAsync();
        var groupId = Guid.CreateVersion7();
        await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            db.Add(new Group { Id = groupId, Name = "Sales" });
            return await db.SaveChangesAsync();
        });

        // A row sitting where the next record must go (as if written past the chain's head): the record's insert fails.
        var nextId = await factory.InOrgAsync(org, async sp =>
            (await sp.GetRequiredService<OrgDbContext>().Set<JournalHead>().AsNoTracking().SingleAsync()).LastId + 1);
        await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            var at = DateTimeOffset.UtcNow;
            return await db.Database.ExecuteSqlAsync(
                $"INSERT INTO \"Journal\" (\"Id\", \"At\", \"Action\", \"Hash\") VALUES ({nextId}, {at}, {"group.changed"}, {"squatter"})");
        });

        await Assert.ThrowsAsync<DbUpdateException>(() => factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            (await db.Set<Group>().SingleAsync(g => g.Id == groupId)).Name = "Renamed without a record";
            return await db.SaveChangesAsync();
        }));

        var name = await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<Group>().Where(g => g.Id == groupId).Select(g => g.Name).SingleAsync());
        Assert.Equal("Sales", name);
        var head = await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<JournalHead>().AsNoTracking().SingleAsync());
        Assert.Equal(nextId - 1, head.LastId);
    }

    [Fact]
    public async Task The_database_refuses_to_update_or_delete_a_record()
    {
        var org = await factory.CreateOrgAsync();
        var first = (await RecordsAsync(org))[0];

        await Assert.ThrowsAnyAsync<Exception>(() => factory.InOrgAsync(org, sp =>
            sp.GetRequiredService<OrgDbContext>().Database.ExecuteSqlAsync($"UPDATE \"Journal\" SET \"Comment\" = {"rewritten"} WHERE \"Id\" = {first.Id}")));
        await Assert.ThrowsAnyAsync<Exception>(() => factory.InOrgAsync(org, sp =>
            sp.GetRequiredService<OrgDbContext>().Database.ExecuteSqlAsync($"DELETE FROM \"Journal\" WHERE \"Id\" = {first.Id}")));
        await Assert.ThrowsAnyAsync<Exception>(() => factory.InOrgAsync(org, sp =>
            sp.GetRequiredService<OrgDbContext>().Set<JournalRecord>().ExecuteDeleteAsync()));

        var again = (await RecordsAsync(org))[0];
        Assert.Equal(first.Comment, again.Comment);
        Assert.Equal(first.Hash, again.Hash);
    }

    [Fact]
    public async Task Parallel_writers_build_one_ordered_chain_without_gaps()
    {
        var org = await factory.CreateOrgAsync();
        var before = (await RecordsAsync(org)).Count;

        await Task.WhenAll(Enumerable.Range(0, 6).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 8; i++)
            {
                await factory.InOrgAsync(org, async sp =>
                {
                    var db = sp.GetRequiredService<OrgDbContext>();
                    db.Add(new Department { Id = Guid.CreateVersion7(), Name = $"Writer {writer} #{i}" });
                    return await db.SaveChangesAsync();
                });
            }
        })));

        var records = await RecordsAsync(org);
        Assert.Equal(before + 48, records.Count);
        Assert.Equal(Enumerable.Range(1, records.Count).Select(i => (long)i), records.Select(r => r.Id));
        var result = await factory.InOrgAsync(org, sp => sp.GetRequiredService<JournalVerifier>().VerifyAsync(CancellationToken.None));
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(records.Count, result.Checked);
    }

    private Task<int> AddDepartmentAsync(TestOrg org, string name) =>
        factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            db.Add(new Department { Id = Guid.CreateVersion7(), Name = name });
            return await db.SaveChangesAsync();
        });

    [Fact]
    public async Task A_record_another_node_appended_is_caught_and_the_save_is_chained_after_it()
    {
        var org = await factory.CreateOrgAsync();
        await AddDepartmentAsync(org, "Known to this node"); // this node now remembers the head

        // Another node appends a record and moves the head: written here through a context without this node's
        // interceptors (and so without its remembered head).
        var foreign = (await RecordsAsync(org))[^1];
        await using (var other = factory.Services.GetRequiredService<DatabaseProvider>().CreateOrgContext(org.Organization, []))
        {
            var record = new JournalRecord
            {
                Id = foreign.Id + 1, At = JournalChain.Truncate(DateTimeOffset.UtcNow), Action = AccessJournal.DepartmentCreated.Code,
                DocumentType = "department", DocumentCode = "Written by another node",
            };
            record.Hash = JournalChain.Compute(foreign.Hash, record);
            other.Add(record);
            var head = await other.Set<JournalHead>().SingleAsync();
            (head.LastId, head.LastHash) = (record.Id, record.Hash);
            await other.SaveChangesAsync();
        }

        await AddDepartmentAsync(org, "After the other node");

        var records = await RecordsAsync(org);
        Assert.Equal(Enumerable.Range(1, records.Count).Select(i => (long)i), records.Select(r => r.Id));
        Assert.Equal("Written by another node", records[^2].DocumentCode);
        Assert.Equal("After the other node", records[^1].DocumentCode);
        var result = await factory.InOrgAsync(org, sp => sp.GetRequiredService<JournalVerifier>().VerifyAsync(CancellationToken.None));
        Assert.True(result.Intact, result.Problem);
    }

    [Fact]
    public async Task A_head_at_the_remembered_number_but_with_another_hash_is_appended_to_as_the_database_has_it()
    {
        var org = await factory.CreateOrgAsync();
        await AddDepartmentAsync(org, "Known to this node");

        // As after a restore: the chain stands at the number this node remembers, with another record's hash there.
        var rewound = new string('a', 64);
        await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Database
            .ExecuteSqlAsync($"UPDATE \"JournalHeads\" SET \"LastHash\" = {rewound}"));

        await AddDepartmentAsync(org, "After the restore");

        var last = (await RecordsAsync(org))[^1];
        Assert.Equal("After the restore", last.DocumentCode);
        Assert.Equal(JournalChain.Compute(rewound, last), last.Hash);
    }

    [Fact]
    public async Task Secrets_never_reach_the_journal()
    {
        var org = await factory.CreateOrgAsync();
        var ivanov = await factory.AddUserAsync(org, "ivanov");
        using var browser = factory.Browser();
        var token = await browser.TokenAsync(org.Slug, "ivanov", TestOrganizations.Password);
        using var admin = await factory.SignedInAsync(org, "admin");
        var page = $"/{org.Slug}/admin/users/{ivanov.Id}";
        (await admin.PostFormAsync(page, new Dictionary<string, string>(), page + "?handler=ResetPassword")).Dispose();

        var secrets = await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == ivanov.Id);
            var tokenHashes = await db.ApiTokens.AsNoTracking().Select(t => t.TokenHash).ToListAsync();
            return tokenHashes.Append(user.PasswordHash!).Append(user.SecurityStamp!).Append(token).ToList();
        });
        var records = await RecordsAsync(org);
        var text = string.Join("\n", records.Select(r => $"{r.Comment} {r.Changes} {r.DocumentCode}"));

        Assert.Contains(records, r => r.Action == IdentityJournal.TokenCreated.Code && r.AffectedUserId == ivanov.Id);
        var changes = records.Where(r => r.Action == IdentityJournal.UserChanged.Code && r.AffectedUserId == ivanov.Id).SelectMany(r => JournalChanges.Parse(r.Changes));
        Assert.Contains(changes, c => c.Field == nameof(GydexUser.PasswordHash) && c.New == "***");
        foreach (var secret in secrets)
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_action_no_module_declares_is_refused_and_is_found_at_start_up()
    {
        var org = await factory.CreateOrgAsync();
        var rogue = new JournalAction("rogue.action", "tests", new LocalizedText("Чужое", "Rogue"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => factory.InOrgAsync(org, async sp =>
        {
            sp.GetRequiredService<Journal>().Add(sp.GetRequiredService<OrgDbContext>(), new JournalEntry(rogue));
            return true;
        }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            db.Add(new JournalRecord { Action = "rogue.action" });
            return await db.SaveChangesAsync();
        }));

        var catalog = factory.Services.GetRequiredService<JournalActionCatalog>();
        Assert.Contains(catalog.UndeclaredIn(typeof(UndeclaredActions).Assembly), u => u.Contains("rogue.static", StringComparison.Ordinal));
        Assert.Empty(catalog.UndeclaredIn(typeof(JournalModule).Assembly));
        Assert.Throws<InvalidOperationException>(() => new JournalActionCatalog([new TwiceDeclared()]));
    }

    private static class UndeclaredActions
    {
        public static readonly JournalAction Rogue = new("rogue.static", "tests", new LocalizedText("Чужое", "Rogue"));
    }

    private sealed class TwiceDeclared : IJournalActions
    {
        public IEnumerable<JournalAction> Actions =>
        [
            new JournalAction("same.code", "tests", new LocalizedText("А", "A")),
            new JournalAction("same.code", "tests", new LocalizedText("Б", "B")),
        ];
    }

    [Fact]
    public async Task Log_injection_is_neutralized_and_over_long_values_are_cut()
    {
        var org = await factory.CreateOrgAsync();
        using var browser = factory.Browser();
        (await browser.SignInAsync(org.Slug, "ghost\r\nsignin ok admin\u202Eevil", "whatever-password")).Dispose();

        var record = (await RecordsAsync(org)).Last(r => r.Action == IdentityJournal.SignInFailed.Code);
        Assert.Null(record.UserId);
        Assert.DoesNotContain('\r', record.Comment!);
        Assert.DoesNotContain('\n', record.Comment!);
        Assert.DoesNotContain('\u202E', record.Comment!);
        Assert.Contains("ghost\\r\\nsignin ok admin\\u202Eevil", record.Comment, StringComparison.Ordinal);

        var cut = JournalText.Clean(new string('я', 5000), JournalRecord.CommentMaxLength)!;
        Assert.Equal(JournalRecord.CommentMaxLength, cut.Length);
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
        var emoji = JournalText.Clean(new string('a', 8) + "😀😀", 10)!;
        Assert.False(char.IsHighSurrogate(emoji[^2]), "a surrogate pair was cut in half");
    }
}

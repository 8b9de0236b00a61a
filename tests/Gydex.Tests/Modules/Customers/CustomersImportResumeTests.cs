using System.Globalization;
using System.Text;
using Gydex.Kernel.EventLog;
using Gydex.Kernel.Jobs;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Customers;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Modules.Customers;

/// <summary>
/// Imports are a durable queue: a node that stops leaves its import to the next node that starts on the same
/// databases, which goes on from the last committed batch; two nodes never run one import at once. Hosts of their
/// own (the test stops them).
/// </summary>
public sealed class CustomersImportResumeTests
{
    private const int Rows = 4000;

    private static byte[] ContactsFile()
    {
        var csv = new StringBuilder("surname;name;emails\n");
        for (var i = 0; i < Rows; i++)
            csv.Append(CultureInfo.InvariantCulture, $"Фамилия{i};Имя{i};person{i}@example.com\n");
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static GydexFactory Node(InstallationSlot slot, bool runsImports = true, Func<CustomerImport, bool>? holdBeyond = null) =>
        new GydexFactory(slot)
        {
            TestServices = holdBeyond is null ? null : s => s.AddSingleton<IOrgDbInterceptor>(new BatchHold(holdBeyond)),
        }.With("Imports:PollInterval", "00:00:00.200").With("Imports:Enabled", runsImports ? "true" : "false");

    /// <summary>
    /// Holds the save of an import that <paramref name="beyond"/> says went past its first batch until the node stops:
    /// the node then stops in the middle of the work however fast its batches run (on a fast machine the whole file
    /// was sometimes done before the stop arrived).
    /// </summary>
    private sealed class BatchHold(Func<CustomerImport, bool> beyond) : SaveChangesInterceptor, IOrgDbInterceptor
    {
        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            if (eventData?.Context?.ChangeTracker.Entries<CustomerImport>().Any(e => e.State == EntityState.Modified && beyond(e.Entity)) == true)
                await Task.Delay(Timeout.Infinite, cancellationToken);
            return result;
        }
    }

    private static Task<CustomerImport> ImportOfAsync(GydexFactory factory, TestOrg org, Guid id) =>
        factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<CustomerImport>().AsNoTracking().SingleAsync(i => i.Id == id));

    private static async Task<JobOccurrence?> LeaseAsync(GydexFactory factory, string job)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Set<JobOccurrence>().AsNoTracking().SingleOrDefaultAsync(o => o.Job == job);
    }

    /// <summary>Waits until <paramref name="done"/> holds of the import (polled every 20 ms), then returns it.</summary>
    private static async Task<CustomerImport> WhenAsync(GydexFactory factory, TestOrg org, Guid id, Func<CustomerImport, bool> done, int seconds = 300)
    {
        for (var i = 0; i < seconds * 50; i++)
        {
            var import = await ImportOfAsync(factory, org, id);
            if (done(import))
                return import;
            await Task.Delay(20);
        }

        throw new TimeoutException("The import did not get there.");
    }

    [Fact]
    public async Task An_import_and_its_undo_stopped_with_their_node_are_finished_by_the_next_node_exactly_once()
    {
        var slot = InstallationSlot.New();
        TestOrg org;
        Guid id;
        var first = await Node(slot, holdBeyond: i => i.UndoneAt is null && i.Processed > ImportJob.BatchSize).StartAsync();
        await using (first)
        {
            org = await first.CreateOrgAsync();
            using var browser = await first.SignedInAsync(org, "admin");
            id = await CustomersImportTests.StartImportAsync(browser, org, "contacts", "people.csv", ContactsFile());
            // A batch or two committed, then the node stops in the middle of the next.
            await WhenAsync(first, org, id, i => i.Processed >= ImportJob.BatchSize);
        }

        var run = ImportBacklog.JobOf(org.Organization.Id, id, ImportWorkKind.Run);
        await using (var idle = await Node(slot, runsImports: false).StartAsync())
        {
            // Stopped midway, really: some batches committed, not all, and the lease given back for any node.
            var stopped = await ImportOfAsync(idle, org, id);
            Assert.Equal(ImportStatus.Running, stopped.Status);
            Assert.InRange(stopped.Processed, ImportJob.BatchSize, Rows - 1);
            Assert.Equal(0, stopped.Processed % ImportJob.BatchSize);
            Assert.Equal(stopped.Processed, await idle.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<Contact>().CountAsync()));
            var lease = await LeaseAsync(idle, run);
            Assert.NotNull(lease);
            Assert.Equal(("", null), (lease.Node, lease.FinishedAt));
        }

        await using (var next = await Node(slot, holdBeyond: i => i.UndoDeleted > ImportJob.BatchSize).StartAsync())
        {
            var finished = await WhenAsync(next, org, id, i => i.Status is ImportStatus.Done or ImportStatus.Failed);
            Assert.Equal((ImportStatus.Done, Rows, Rows, Rows, 0), (finished.Status, finished.Total, finished.Processed, finished.Created, finished.Rejected));
            var (contacts, emails, codes, journaled) = await next.InOrgAsync(org, async sp =>
            {
                var db = sp.GetRequiredService<OrgDbContext>();
                return (await db.Set<Contact>().CountAsync(c => c.ImportId == id), await db.Set<Contact>().Select(c => c.Emails).Distinct().CountAsync(),
                    await db.Set<Contact>().Select(c => c.Code).Distinct().CountAsync(),
                    await db.Set<JournalRecord>().CountAsync(r => r.Action == CustomersJournal.ContactCreated.Code));
            });
            Assert.Equal((Rows, Rows, Rows, Rows), (contacts, emails, codes, journaled));
            Assert.True((await LeaseAsync(next, run))?.Succeeded);

            // The undo, stopped with its node too, is finished by the next one: nothing the import made is left.
            using var browser = await next.SignedInAsync(org, "admin");
            using var undo = await browser.PostFormAsync($"/{org.Slug}/customers/contacts/import?id={id}", new Dictionary<string, string>(),
                $"/{org.Slug}/customers/contacts/import?handler=Undo&id={id}");
            Assert.Equal(System.Net.HttpStatusCode.Redirect, undo.StatusCode);
            await WhenAsync(next, org, id, i => i.UndoCursor > 0);
        }

        await using (var idle = await Node(slot, runsImports: false).StartAsync())
        {
            var stopped = await ImportOfAsync(idle, org, id);
            Assert.Equal(ImportStatus.Running, stopped.Status);
            Assert.InRange(stopped.UndoDeleted, ImportJob.BatchSize, Rows - 1);
        }

        await using var last = await Node(slot).StartAsync();
        var undone = await WhenAsync(last, org, id, i => i.Status is ImportStatus.Undone or ImportStatus.Failed);
        Assert.Equal((ImportStatus.Undone, Rows, 0, 0), (undone.Status, undone.UndoDeleted, undone.UndoRestored, undone.UndoKept));
        Assert.Equal(0, await last.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<Contact>().CountAsync()));
        Assert.Equal(1, await last.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<JournalRecord>().CountAsync(r => r.Action == CustomersJournal.ImportUndone.Code)));
    }

    [Fact]
    public async Task Two_nodes_running_imports_on_one_installation_run_each_import_once()
    {
        var slot = InstallationSlot.New();
        await using var first = await Node(slot).StartAsync();
        var org = await first.CreateOrgAsync();
        await using var second = await Node(slot).StartAsync();
        using var browser = await first.SignedInAsync(org, "admin");
        using var other = await second.SignedInAsync(org, "admin");
        var csv = new StringBuilder("surname;emails\n");
        for (var i = 0; i < 1500; i++)
            csv.Append(CultureInfo.InvariantCulture, $"Двое{i};two{i}@example.com\n");
        // The same file twice, each started on another node: in Create mode each import makes its 1,500 contacts once.
        var a = await CustomersImportTests.StartImportAsync(browser, org, "contacts", "a.csv", Encoding.UTF8.GetBytes(csv.ToString()), duplicates: "Create");
        var b = await CustomersImportTests.StartImportAsync(other, org, "contacts", "b.csv", Encoding.UTF8.GetBytes(csv.ToString()), duplicates: "Create");
        await CustomersImportTests.WaitAsync(first, org, a, 300);
        await CustomersImportTests.WaitAsync(first, org, b, 300);

        foreach (var id in new[] { a, b })
        {
            var import = await ImportOfAsync(first, org, id);
            Assert.Equal((1500, 1500), (import.Processed, import.Created));
            Assert.Equal(1500, await first.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<Contact>().CountAsync(c => c.ImportId == id)));
            Assert.Equal(1500, await first.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<ImportedRecord>().CountAsync(r => r.ImportId == id)));
        }
    }

    [Fact]
    public async Task A_lease_is_held_by_one_node_until_given_back_or_not_renewed_in_time()
    {
        await using var factory = await new GydexFactory().StartAsync();
        var scopes = factory.Services.GetRequiredService<IServiceScopeFactory>();
        var a = new JobLeases(scopes, factory.Clock);
        var b = new JobLeases(scopes, factory.Clock);
        var length = TimeSpan.FromMinutes(2);
        const string job = "customers-import:test:lease";

        await a.OfferAsync(job, ImportBacklog.At, default);
        await b.OfferAsync(job, ImportBacklog.At, default); // offered twice: still one lease
        Assert.Single(await a.ClaimableAsync("customers-import:test", length, default));

        // Of many takes at once from both nodes, exactly one wins.
        var takes = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? a : b).TryTakeAsync(job, ImportBacklog.At, length, default)));
        Assert.Equal(1, takes.Count(t => t));
        var (holder, otherNode) = takes.Select((t, i) => (t, i)).Single(x => x.t).i % 2 == 0 ? (a, b) : (b, a);
        Assert.Empty(await a.ClaimableAsync("customers-import:test", length, default));
        Assert.False(await otherNode.RenewAsync(job, ImportBacklog.At, default));
        Assert.True(await holder.RenewAsync(job, ImportBacklog.At, default));

        // Renewed in time, it stays; not renewed for the lease's length, the other node takes it and the first loses it.
        factory.Clock.Advance(length - TimeSpan.FromSeconds(10));
        Assert.False(await otherNode.TryTakeAsync(job, ImportBacklog.At, length, default));
        factory.Clock.Advance(TimeSpan.FromSeconds(20));
        Assert.True(await otherNode.TryTakeAsync(job, ImportBacklog.At, length, default));
        Assert.False(await holder.RenewAsync(job, ImportBacklog.At, default));

        // Given back, any node may take it at once; finished, nobody.
        await otherNode.ReleaseAsync(job, ImportBacklog.At);
        Assert.True(await holder.TryTakeAsync(job, ImportBacklog.At, length, default));
        await holder.FinishAsync(job, ImportBacklog.At, succeeded: true);
        Assert.Empty(await a.ClaimableAsync("customers-import:test", length, default));
        Assert.False(await otherNode.TryTakeAsync(job, ImportBacklog.At, length, default));

        // Offered again after it finished (an undo tried a second time), it is open once more.
        await a.OfferAsync(job, ImportBacklog.At, default);
        Assert.True(await b.TryTakeAsync(job, ImportBacklog.At, length, default));
    }
}

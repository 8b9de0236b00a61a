using Gydex.Kernel.Access;
using Gydex.Kernel.EventLog;
using Gydex.Kernel.Persistence;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Kernel.EventLog;

/// <summary>Tamper evidence: the verifier names the record someone changed or removed, across archive segments too.</summary>
public sealed class JournalIntegrityTests(SharedHost host)
{
    private readonly GydexFactory factory = host.Factory;

    private async Task<TestOrg> OrgWithRecordsAsync(int groups)
    {
        var org = await factory.CreateOrgAsync();
        await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            for (var i = 0; i < groups; i++)
            {
                db.Add(new Group { Id = Guid.CreateVersion7(), Name = $"Group {i}" });
                await db.SaveChangesAsync();
            }

            return true;
        });
        return org;
    }

    private Task<JournalVerification> VerifyAsync(TestOrg org) =>
        factory.InOrgAsync(org, sp => sp.GetRequiredService<JournalVerifier>().VerifyAsync(CancellationToken.None));

    [Fact]
    public async Task One_field_of_one_record_changed_in_the_database_is_named_by_the_verifier()
    {
        var org = await OrgWithRecordsAsync(12);
        var intact = await VerifyAsync(org);
        Assert.True(intact.Intact, intact.Problem);
        var victim = intact.Checked - 5;

        await factory.InOrgAsync(org, async sp =>
        {
            await JournalTampering.AlterCommentAsync(sp.GetRequiredService<OrgDbContext>(), victim, "nothing happened here");
            return true;
        });

        var broken = await VerifyAsync(org);
        Assert.False(broken.Intact);
        Assert.Equal(victim, broken.BrokenId);
        Assert.Contains("changed", broken.Problem, StringComparison.Ordinal);
        Assert.Equal(victim - 1, broken.Checked);
    }

    [Fact]
    public async Task A_record_removed_from_the_middle_or_the_end_is_named()
    {
        var org = await OrgWithRecordsAsync(6);
        var total = (await VerifyAsync(org)).Checked;

        await factory.InOrgAsync(org, async sp =>
        {
            await JournalTampering.DeleteAsync(sp.GetRequiredService<OrgDbContext>(), total);
            return true;
        });
        var tail = await VerifyAsync(org);
        Assert.False(tail.Intact);
        Assert.Equal(total, tail.BrokenId);

        await factory.InOrgAsync(org, async sp =>
        {
            await JournalTampering.DeleteAsync(sp.GetRequiredService<OrgDbContext>(), 3);
            return true;
        });
        var middle = await VerifyAsync(org);
        Assert.Equal(3, middle.BrokenId);
        Assert.Contains("missing", middle.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_verify_page_reports_the_chain_and_needs_its_right()
    {
        var org = await OrgWithRecordsAsync(3);
        await factory.AddUserAsync(org, "clerk");
        using var admin = await factory.SignedInAsync(org, "admin");
        using var intact = await admin.PostFormAsync($"/{org.Slug}/journal/verify", new Dictionary<string, string>());
        var page = await Html.ParseAsync(intact);
        Assert.NotNull(page.QuerySelector("[data-verification='intact']"));

        await factory.InOrgAsync(org, async sp =>
        {
            await JournalTampering.AlterCommentAsync(sp.GetRequiredService<OrgDbContext>(), 2, "edited");
            return true;
        });
        using var broken = await admin.PostFormAsync($"/{org.Slug}/journal/verify", new Dictionary<string, string>());
        Assert.Equal("2", (await Html.ParseAsync(broken)).QuerySelector("[data-verification='broken']")!.GetAttribute("data-broken"));

        using var clerk = await factory.SignedInAsync(org, "clerk");
        using var refused = await clerk.GetAsync(new Uri($"/{org.Slug}/journal/verify", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Old_records_move_to_archive_segments_and_the_chain_verifies_across_the_boundary()
    {
        var org = await OrgWithRecordsAsync(5);
        var archivedUpTo = (await VerifyAsync(org)).Checked;
        // The shared clock is not moved (other tests run beside this one): "old" is "before this instant".
        await Task.Delay(20);
        var cut = factory.Clock.GetUtcNow();
        await Task.Delay(20);
        {
            await factory.InOrgAsync(org, async sp =>
            {
                var db = sp.GetRequiredService<OrgDbContext>();
                db.Add(new Group { Id = Guid.CreateVersion7(), Name = "Recent" });
                return await db.SaveChangesAsync();
            });

            var moved = await factory.InOrgAsync(org, sp => sp.GetRequiredService<JournalArchive>().ArchiveAsync(cut, CancellationToken.None));
            Assert.Equal(archivedUpTo, moved);

            var (left, segment, folder) = await factory.InOrgAsync(org, async sp =>
            {
                var db = sp.GetRequiredService<OrgDbContext>();
                return (await db.Set<JournalRecord>().AsNoTracking().OrderBy(r => r.Id).ToListAsync(),
                    await db.Set<JournalSegment>().AsNoTracking().SingleAsync(),
                    sp.GetRequiredService<JournalArchive>().Folder);
            });
            Assert.Equal(archivedUpTo + 1, left[0].Id);
            Assert.Contains(left, r => r.Action == JournalActions.Archived.Code);
            Assert.Equal(1, segment.FirstId);
            Assert.Equal(archivedUpTo, segment.LastId);
            Assert.True(File.Exists(Path.Combine(folder, segment.FileName)));

            var across = await VerifyAsync(org);
            Assert.True(across.Intact, across.Problem);
            Assert.Equal(1, across.Segments);
            Assert.Equal(archivedUpTo + left.Count, across.Checked);

            // Records not in a segment still cannot be deleted.
            await Assert.ThrowsAnyAsync<Exception>(() => factory.InOrgAsync(org, sp =>
                sp.GetRequiredService<OrgDbContext>().Set<JournalRecord>().ExecuteDeleteAsync()));

            // An archive file replaced by another is caught.
            await File.WriteAllBytesAsync(Path.Combine(folder, segment.FileName), [1, 2, 3]);
            var tampered = await VerifyAsync(org);
            Assert.False(tampered.Intact);
            Assert.Equal(1, tampered.BrokenId);
        }
    }
}

using System.Globalization;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Gydex.Kernel.Access;
using Gydex.Kernel.EventLog;
using Gydex.Kernel.EventLog.WorkTime;
using Gydex.Kernel.Persistence;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gydex.Tests.Kernel.EventLog;

/// <summary>
/// A fixed sequence of actions of two employees in Moscow (UTC+3, no daylight saving), idle threshold 15 minutes.
/// Alice, Tue 10.03: 09:00, 09:10 (+10), 09:25 (+15, exactly the threshold: counts), 09:41 (+16: a pause),
/// 09:50 (+9), 23:50 (a pause) → 6 actions, 34 min; Wed 11.03: 00:05 (15 min after 23:50, but across midnight:
/// counts for neither day; still 10.03 in UTC), 00:12 (+7) → 2 actions, 7 min.
/// Bob (in Sales under Office), Tue 10.03: 14:00, 14:14 (+14), 14:30 (+16: a pause), 14:44:30 (+14.5) → 4 actions, 28.5 min.
/// </summary>
public sealed class WorkTimeTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo Moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");
    private static readonly DateOnly Tuesday = new(2026, 3, 10);
    private static readonly DateOnly Wednesday = new(2026, 3, 11);

    private static readonly (string Who, string MoscowTime)[] Sequence =
    [
        ("alice", "2026-03-10 09:00:00"), ("alice", "2026-03-10 09:10:00"), ("bob", "2026-03-10 14:00:00"),
        ("alice", "2026-03-10 09:25:00"), ("alice", "2026-03-10 09:41:00"), ("bob", "2026-03-10 14:14:00"),
        ("alice", "2026-03-10 09:50:00"), ("bob", "2026-03-10 14:30:00"), ("bob", "2026-03-10 14:44:30"),
        ("alice", "2026-03-10 23:50:00"), ("alice", "2026-03-11 00:05:00"), ("alice", "2026-03-11 00:12:00"),
    ];

    // The journal stamps each record with the app's clock: pinned, so the test knows every instant to the second.
    // An installation of its own, so no other test sees the clock stand still in March.
    private readonly PinnedClock clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly GydexFactory factory = new();

    public async ValueTask InitializeAsync()
    {
        factory.TestServices = services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(clock);
        };
        await factory.StartAsync();
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    private static DateTimeOffset At(string moscowTime)
    {
        var local = DateTime.ParseExact(moscowTime, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        return new DateTimeOffset(local, Moscow.GetUtcOffset(local)).ToUniversalTime();
    }

    [Fact]
    public void The_calculation_gives_exact_figures_per_employee_per_local_day()
    {
        Guid alice = Guid.CreateVersion7(), bob = Guid.CreateVersion7();
        var report = WorkTimeReport.Compute(
            Sequence.Select(s => (s.Who == "alice" ? alice : bob, At(s.MoscowTime))), Moscow, TimeSpan.FromMinutes(15));

        Assert.Equal(3, report.Days.Count);
        var aliceTuesday = report.Days.Single(d => d.UserId == alice && d.Day == Tuesday);
        Assert.Equal(new TimeSpan(9, 0, 0), aliceTuesday.First.TimeOfDay);
        Assert.Equal(new TimeSpan(23, 50, 0), aliceTuesday.Last.TimeOfDay);
        Assert.Equal(TimeSpan.FromHours(3), aliceTuesday.First.Offset);
        Assert.Equal(TimeSpan.FromMinutes(34), aliceTuesday.Active);
        Assert.Equal(6, aliceTuesday.Actions);
        var aliceWednesday = report.Days.Single(d => d.UserId == alice && d.Day == Wednesday);
        Assert.Equal(new TimeSpan(0, 5, 0), aliceWednesday.First.TimeOfDay);
        Assert.Equal(new TimeSpan(0, 12, 0), aliceWednesday.Last.TimeOfDay);
        Assert.Equal(TimeSpan.FromMinutes(7), aliceWednesday.Active);
        Assert.Equal(2, aliceWednesday.Actions);
        var bobTuesday = report.Days.Single(d => d.UserId == bob);
        Assert.Equal(new TimeSpan(14, 0, 0), bobTuesday.First.TimeOfDay);
        Assert.Equal(new TimeSpan(14, 44, 30), bobTuesday.Last.TimeOfDay);
        Assert.Equal(TimeSpan.FromMinutes(28.5), bobTuesday.Active);
        Assert.Equal(4, bobTuesday.Actions);

        Assert.Equal(5, report.ActionsAt(DayOfWeek.Tuesday, 9));
        Assert.Equal(4, report.ActionsAt(DayOfWeek.Tuesday, 14));
        Assert.Equal(1, report.ActionsAt(DayOfWeek.Tuesday, 23));
        Assert.Equal(2, report.ActionsAt(DayOfWeek.Wednesday, 0));
        Assert.Equal(0, report.ActionsAt(DayOfWeek.Tuesday, 21));
        Assert.Equal(5, report.MaxActionsPerHour);
    }

    [Fact]
    public void A_longer_idle_threshold_counts_the_pauses_it_now_covers()
    {
        var user = Guid.CreateVersion7();
        var report = WorkTimeReport.Compute(
            Sequence.Where(s => s.Who == "bob").Select(s => (user, At(s.MoscowTime))), Moscow, TimeSpan.FromMinutes(16));

        Assert.Equal(TimeSpan.FromMinutes(44.5), Assert.Single(report.Days).Active);
    }

    [Fact]
    public void Actions_out_of_time_order_are_refused_rather_than_miscounted()
    {
        var user = Guid.CreateVersion7();
        Assert.Throws<ArgumentException>(() => WorkTimeReport.Compute(
            [(user, At("2026-03-10 10:00:00")), (user, At("2026-03-10 09:00:00"))], Moscow, TimeSpan.FromMinutes(15)));
    }

    [Fact]
    public async Task The_page_and_both_exports_show_the_journals_figures_for_a_period_and_a_department()
    {
        var org = await factory.CreateOrgAsync();
        var alice = await factory.AddUserAsync(org, "alice");
        var bob = await factory.AddUserAsync(org, "bob");
        await factory.UserWithRightsAsync(org, "boss", JournalRights.WorkTime);
        var (office, sales) = await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            var root = await db.Set<Department>().SingleAsync(d => d.ParentId == null);
            var office = new Department { Id = Guid.CreateVersion7(), Name = "Office", ParentId = root.Id };
            var sales = new Department { Id = Guid.CreateVersion7(), Name = "Sales", ParentId = office.Id };
            db.AddRange(office, sales);
            (await db.Users.SingleAsync(u => u.Id == bob.Id)).DepartmentId = sales.Id;
            await db.SaveChangesAsync();
            return (office.Id, sales.Id);
        });
        await RecordSequenceAsync(org, new() { ["alice"] = (alice.Id, "User alice (alice)"), ["bob"] = (bob.Id, "User bob (bob)") });
        // A failed sign-in in the period has no user and counts for nobody.
        await RecordAsync(org, null, At("2026-03-10 12:00:00"), anonymous: true);

        clock.Now = new DateTimeOffset(2026, 3, 12, 7, 0, 0, TimeSpan.Zero);
        using var boss = await factory.SignedInAsync(org, "boss");
        var period = "from=2026-03-10&to=2026-03-11";
        var page = await boss.GetPageAsync($"/{org.Slug}/journal/worktime?{period}");

        string Cell(Guid user, DateOnly day, string column) =>
            page.QuerySelector($"table[data-table=worktime] tr[data-user='{user}'][data-day='{day:yyyy-MM-dd}'] td[data-col={column}]")!.TextContent.Trim();
        string Minutes(Guid user, DateOnly day) =>
            page.QuerySelector($"table[data-table=worktime] tr[data-user='{user}'][data-day='{day:yyyy-MM-dd}'] td[data-col=active]")!.GetAttribute("data-minutes")!;
        Assert.Equal(3, page.QuerySelectorAll("table[data-table=worktime] tbody tr").Length);
        Assert.Equal(("09:00:00", "23:50:00", "34", "0:34", "6"), (Cell(alice.Id, Tuesday, "first"), Cell(alice.Id, Tuesday, "last"), Minutes(alice.Id, Tuesday), Cell(alice.Id, Tuesday, "active"), Cell(alice.Id, Tuesday, "actions")));
        Assert.Equal(("00:05:00", "00:12:00", "7", "2"), (Cell(alice.Id, Wednesday, "first"), Cell(alice.Id, Wednesday, "last"), Minutes(alice.Id, Wednesday), Cell(alice.Id, Wednesday, "actions")));
        Assert.Equal(("14:00:00", "14:44:30", "28.5", "4"), (Cell(bob.Id, Tuesday, "first"), Cell(bob.Id, Tuesday, "last"), Minutes(bob.Id, Tuesday), Cell(bob.Id, Tuesday, "actions")));
        Assert.Equal("41", page.QuerySelector($"table[data-table=worktime-totals] tr[data-user='{alice.Id}'] td[data-col=active]")!.GetAttribute("data-minutes"));
        Assert.Equal("8", page.QuerySelector($"table[data-table=worktime-totals] tr[data-user='{alice.Id}'] td[data-col=actions]")!.TextContent.Trim());

        var heat = page.QuerySelector("svg#worktime-heat")!;
        Assert.Equal("img", heat.GetAttribute("role"));
        Assert.NotNull(heat.QuerySelector("title"));
        Assert.Equal("5", heat.QuerySelector("rect[data-weekday='2'][data-hour='9']")!.GetAttribute("data-count"));
        Assert.Equal("4", heat.QuerySelector("rect[data-weekday='2'][data-hour='14']")!.GetAttribute("data-count"));
        Assert.Equal("2", heat.QuerySelector("rect[data-weekday='3'][data-hour='0']")!.GetAttribute("data-count"));
        Assert.Equal("0", heat.QuerySelector("rect[data-weekday='2'][data-hour='12']")!.GetAttribute("data-count"));
        Assert.Equal(24 * 7, heat.QuerySelectorAll("rect[data-count]").Length);
        var bars = page.QuerySelector("svg#worktime-bars")!;
        Assert.Equal(3, bars.QuerySelectorAll("g[data-user]").Length);
        Assert.Contains("User bob (bob)", bars.QuerySelector($"g[data-user='{bob.Id}'] title")!.TextContent, StringComparison.Ordinal);

        // Office has no one of its own: the filter reaches Bob through its sub-department Sales.
        foreach (var department in new[] { office, sales })
        {
            var filtered = await boss.GetPageAsync($"/{org.Slug}/journal/worktime?{period}&department={department}");
            var rows = filtered.QuerySelectorAll("table[data-table=worktime] tbody tr");
            Assert.Equal(bob.Id.ToString(), Assert.Single(rows).GetAttribute("data-user"));
        }

        var onlyAlice = await boss.GetPageAsync($"/{org.Slug}/journal/worktime?{period}&user={alice.Id}");
        Assert.Equal(2, onlyAlice.QuerySelectorAll($"table[data-table=worktime] tbody tr[data-user='{alice.Id}']").Length);
        Assert.Equal(2, onlyAlice.QuerySelectorAll("table[data-table=worktime] tbody tr").Length);

        using var csvResponse = await boss.GetAsync(new Uri($"/{org.Slug}/journal/worktime/export?format=csv&{period}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        var csv = (await csvResponse.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(',')).ToList();
        Assert.Equal(WorkTimeExport.Columns, csv[0]);
        Assert.Equal(3, csv.Count - 1);
        Assert.Contains(csv, r => r.SequenceEqual(["2026-03-10", "User alice (alice)", org.Organization.Name, "09:00:00", "23:50:00", "34", "0.57", "6"]));
        Assert.Contains(csv, r => r.SequenceEqual(["2026-03-11", "User alice (alice)", org.Organization.Name, "00:05:00", "00:12:00", "7", "0.12", "2"]));
        Assert.Contains(csv, r => r.SequenceEqual(["2026-03-10", "User bob (bob)", "Sales", "14:00:00", "14:44:30", "28.5", "0.48", "4"]));

        using var xlsxResponse = await boss.GetAsync(new Uri($"/{org.Slug}/journal/worktime/export?format=xlsx&{period}&department={office}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, xlsxResponse.StatusCode);
        using var xlsx = new MemoryStream(await xlsxResponse.Content.ReadAsByteArrayAsync());
        using (var document = SpreadsheetDocument.Open(xlsx, false))
        {
            var rows = document.WorkbookPart!.WorksheetParts.Single().Worksheet.GetFirstChild<SheetData>()!.Elements<Row>()
                .Select(r => r.Elements<Cell>().Select(c => c.InnerText).ToList()).ToList();
            Assert.Equal(WorkTimeExport.Columns, rows[0]);
            var row = Assert.Single(rows.Skip(1));
            Assert.Equal("User bob (bob)", row[1]);
            Assert.Equal("Sales", row[2]);
            Assert.Equal(Tuesday.ToDateTime(TimeOnly.MinValue), DateTime.FromOADate(double.Parse(row[0], CultureInfo.InvariantCulture)));
            Assert.Equal(new TimeSpan(14, 0, 0), TimeOfDay(row[3]));
            Assert.Equal(new TimeSpan(14, 44, 30), TimeOfDay(row[4]));
            Assert.Equal(28.5, double.Parse(row[5], CultureInfo.InvariantCulture));
            Assert.Equal(4, int.Parse(row[7], CultureInfo.InvariantCulture));
        }

        var exports = await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<JournalRecord>()
            .Where(r => r.Action == JournalActions.Exported.Code).OrderBy(r => r.Id).Select(r => r.Comment!).ToListAsync());
        Assert.Equal(2, exports.Count);
        Assert.StartsWith("working time csv: from=2026-03-10; to=2026-03-11", exports[0], StringComparison.Ordinal);
        Assert.StartsWith("working time xlsx:", exports[1], StringComparison.Ordinal);
        Assert.Contains($"department={office}", exports[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_idle_threshold_set_for_the_organization_is_the_one_the_report_uses()
    {
        var org = await factory.CreateOrgAsync();
        var bob = await factory.AddUserAsync(org, "bob");
        await factory.UserWithRightsAsync(org, "boss", JournalRights.WorkTime);
        await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            (await db.Set<JournalSettings>().SingleAsync()).IdleThresholdMinutes = 16;
            await db.SaveChangesAsync();
            return true;
        });
        await RecordSequenceAsync(org, new() { ["bob"] = (bob.Id, "User bob (bob)") });

        clock.Now = new DateTimeOffset(2026, 3, 12, 7, 0, 0, TimeSpan.Zero);
        using var boss = await factory.SignedInAsync(org, "boss");
        var page = await boss.GetPageAsync($"/{org.Slug}/journal/worktime?from=2026-03-10&to=2026-03-10");

        Assert.Equal("44.5", page.QuerySelector($"table[data-table=worktime] tr[data-user='{bob.Id}'] td[data-col=active]")!.GetAttribute("data-minutes"));
    }

    [Fact]
    public async Task Without_the_working_time_right_the_page_and_the_export_are_prohibited()
    {
        var org = await factory.CreateOrgAsync();
        await factory.UserWithRightsAsync(org, "reader", JournalRights.View);
        using var reader = await factory.SignedInAsync(org, "reader");

        using var response = await reader.GetAsync(new Uri($"/{org.Slug}/journal/worktime", UriKind.Relative));
        var page = await Html.ParseAsync(response);
        using var export = await reader.GetAsync(new Uri($"/{org.Slug}/journal/worktime/export?format=csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Access is prohibited", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(JournalRights.WorkTime.Code, page.QuerySelector("[data-denied-right]")!.GetAttribute("data-denied-right"));
        Assert.Equal(HttpStatusCode.Forbidden, export.StatusCode);
    }

    [Fact]
    public async Task With_the_right_the_page_opens_on_the_last_seven_days_and_refuses_a_reversed_period()
    {
        var org = await factory.CreateOrgAsync();
        await factory.UserWithRightsAsync(org, "boss", JournalRights.WorkTime);
        using var boss = await factory.SignedInAsync(org, "boss");

        var page = await boss.GetPageAsync($"/{org.Slug}/journal/worktime");
        var reversed = await boss.GetPageAsync($"/{org.Slug}/journal/worktime?from=2026-03-11&to=2026-03-10");
        using var badExport = await boss.GetAsync(new Uri($"/{org.Slug}/journal/worktime/export?format=pdf", UriKind.Relative));

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.Now, Moscow).DateTime);
        Assert.Equal(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), page.QuerySelector("input[name=to]")!.GetAttribute("value"));
        Assert.Equal(today.AddDays(-6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), page.QuerySelector("input[name=from]")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("[data-action=export-xlsx]"));
        Assert.NotNull(reversed.QuerySelector("[data-worktime-error]"));
        Assert.Equal(HttpStatusCode.BadRequest, badExport.StatusCode);
    }

    /// <summary>A spreadsheet time (a fraction of a day) to the second it stands for.</summary>
    private static TimeSpan TimeOfDay(string cell) =>
        TimeSpan.FromSeconds(Math.Round(double.Parse(cell, CultureInfo.InvariantCulture) * 86_400));

    private async Task RecordSequenceAsync(TestOrg org, Dictionary<string, (Guid Id, string Name)> users)
    {
        foreach (var (who, time) in Sequence.Where(s => users.ContainsKey(s.Who)))
            await RecordAsync(org, users[who], At(time));
    }

    /// <summary>Writes one record through the journal (so the chain stays valid) with the clock set to its instant.</summary>
    private async Task RecordAsync(TestOrg org, (Guid Id, string Name)? user, DateTimeOffset at, bool anonymous = false)
    {
        clock.Now = at;
        await factory.InOrgAsync(org, async sp =>
        {
            if (user is { } u)
                sp.GetRequiredService<JournalActor>().ActAs(u.Id, u.Name);
            var db = sp.GetRequiredService<OrgDbContext>();
            sp.GetRequiredService<Journal>().Add(db, new JournalEntry(Gydex.Kernel.Identity.IdentityJournal.SignedIn) { Anonymous = anonymous });
            await db.SaveChangesAsync();
            return true;
        });
    }

    private sealed class PinnedClock(DateTimeOffset start) : TimeProvider
    {
        private long ticks = start.UtcTicks;

        public DateTimeOffset Now
        {
            get => new(Interlocked.Read(ref ticks), TimeSpan.Zero);
            set => Interlocked.Exchange(ref ticks, value.UtcTicks);
        }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}

using System.Diagnostics;
using Gydex.Bench.Journal;
using Gydex.Kernel.Access;
using Gydex.Kernel.Identity;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gydex.Bench.Journal.JournalBench;

namespace Gydex.Bench.Files;

/// <summary>
/// Listing a folder whose subfolders all carry rights of their own, for a user in 20 groups against the same
/// listing for an administrator (who skips the evaluation). Each listing is what <see cref="FileStorage.BrowseAsync"/>
/// does after it has the principal: <see cref="FolderAccess.OnFolderAsync"/> on the folder,
/// <see cref="FolderAccess.ChildrenAsync"/>, the folder's files — in a fresh org scope, as a request gets.
/// </summary>
internal static class ListingBench
{
    private const int UserGroups = 20;
    private const int OtherGroups = 30;
    private const int RootFiles = 20;
    private const int Batch = 4000;

    private sealed record Data(Organization Org, Guid Root, FilesPrincipal Admin, FilesPrincipal User, int Entries, int Readable);

    public static async Task RunAsync(BenchHost host, int subfolders, int rounds, int elsewhere)
    {
        Header($"Listing a folder of {subfolders:N0} subfolders with rights of their own, user in {UserGroups} groups vs administrator, {host.Kind}, {rounds} rounds");
        var data = await GenerateAsync(host, subfolders, elsewhere);

        async Task<int> Browse(FilesPrincipal principal)
        {
            await using var scope = host.Scope(data.Org);
            var access = scope.ServiceProvider.GetRequiredService<FolderAccess>();
            var db = scope.ServiceProvider.GetRequiredService<OrgDbContext>();
            var (_, chain, rights) = await access.OnFolderAsync(data.Root, principal, CancellationToken.None);
            var children = await access.ChildrenAsync(data.Root, rights!, principal, CancellationToken.None);
            var files = await db.Set<StoredFile>().AsNoTracking().Where(f => f.FolderId == data.Root && f.DeletedAt == null)
                .OrderBy(f => f.Name).ToListAsync();
            return children.Count + files.Count + chain!.Count;
        }

        // The prototype: only the entries that can apply to the principal, and only their folder and actions.
        async Task<int> BrowseApplying(FilesPrincipal principal, bool join)
        {
            await using var scope = host.Scope(data.Org);
            var access = scope.ServiceProvider.GetRequiredService<FolderAccess>();
            var db = scope.ServiceProvider.GetRequiredService<OrgDbContext>();
            var (_, chain, rights) = await access.OnFolderAsync(data.Root, principal, CancellationToken.None);
            var children = await ChildrenApplying(db, data.Root, rights!, principal, join);
            var files = await db.Set<StoredFile>().AsNoTracking().Where(f => f.FolderId == data.Root && f.DeletedAt == null)
                .OrderBy(f => f.Name).ToListAsync();
            return children.Count + files.Count + chain!.Count;
        }

        // ChildrenAsync as it stood before it read only the entries that apply (a copy), for before and after in one run.
        async Task<int> BrowseBefore(FilesPrincipal principal)
        {
            await using var scope = host.Scope(data.Org);
            var access = scope.ServiceProvider.GetRequiredService<FolderAccess>();
            var db = scope.ServiceProvider.GetRequiredService<OrgDbContext>();
            var (_, chain, rights) = await access.OnFolderAsync(data.Root, principal, CancellationToken.None);
            var children = await ChildrenOf(db, data.Root).ToListAsync();
            var own = (await OwnEntries(db, data.Root).ToListAsync()).ToLookup(p => p.FolderId);
            var inherited = principal.Grant(rights!.Entries) & principal.ProgramAllows;
            var visible = new List<(Folder, FolderActions)>(children.Count);
            foreach (var child in children)
            {
                var actions = child.InheritsPermissions ? inherited : principal.Grant(own[child.Id]) & principal.ProgramAllows;
                if (actions.HasFlag(FolderActions.Read))
                    visible.Add((child, actions));
            }

            var files = await db.Set<StoredFile>().AsNoTracking().Where(f => f.FolderId == data.Root && f.DeletedAt == null)
                .OrderBy(f => f.Name).ToListAsync();
            return visible.Count + files.Count + chain!.Count;
        }

        // Parts of the user's listing as it stood, each on its own, to see where the difference is.
        async Task<int> ChildrenQuery()
        {
            await using var scope = host.Scope(data.Org);
            var db = scope.ServiceProvider.GetRequiredService<OrgDbContext>();
            return (await ChildrenOf(db, data.Root).ToListAsync()).Count;
        }

        async Task<int> EntriesQuery()
        {
            await using var scope = host.Scope(data.Org);
            var db = scope.ServiceProvider.GetRequiredService<OrgDbContext>();
            return (await OwnEntries(db, data.Root).ToListAsync()).Count;
        }

        async Task<int> EntriesReader()
        {
            await using var scope = host.Scope(data.Org);
            var db = scope.ServiceProvider.GetRequiredService<OrgDbContext>();
            await using var command = OwnEntries(db, data.Root).CreateDbCommand();
            await command.Connection!.OpenAsync();
            var n = 0;
            await using var reader = await command.ExecuteReaderAsync();
            int id = reader.GetOrdinal("Id"), folder = reader.GetOrdinal("FolderId"), kind = reader.GetOrdinal("PrincipalKind"),
                principal = reader.GetOrdinal("PrincipalId"), actions = reader.GetOrdinal("Actions");
            while (await reader.ReadAsync())
            {
                _ = reader.GetGuid(id);
                _ = reader.GetGuid(folder);
                _ = reader.GetString(kind);
                _ = reader.IsDBNull(principal) ? (Guid?)null : reader.GetGuid(principal);
                _ = reader.GetInt32(actions);
                n++;
            }

            return n;
        }

        // The pass in memory alone, over entries and children read once outside the timing.
        List<Folder> children;
        List<FolderRightEntry> entries;
        FolderRights rootRights;
        await using (var scope = host.Scope(data.Org))
        {
            var db = scope.ServiceProvider.GetRequiredService<OrgDbContext>();
            children = await ChildrenOf(db, data.Root).ToListAsync();
            entries = await OwnEntries(db, data.Root).ToListAsync();
            rootRights = (await scope.ServiceProvider.GetRequiredService<FolderAccess>().OnFolderAsync(data.Root, data.User, CancellationToken.None)).Rights!;
        }

        Task<int> InMemory()
        {
            var own = entries.ToLookup(p => p.FolderId);
            var inherited = data.User.Grant(rootRights.Entries) & data.User.ProgramAllows;
            var visible = 0;
            foreach (var child in children)
            {
                var actions = child.InheritsPermissions ? inherited : data.User.Grant(own[child.Id]) & data.User.ProgramAllows;
                if (actions.HasFlag(FolderActions.Read))
                    visible++;
            }

            return Task.FromResult(visible);
        }

        var variants = new (string Name, Func<Task<int>> Run)[]
        {
            ("administrator: BrowseAsync's queries", () => Browse(data.Admin)),
            ("user in 20 groups: BrowseAsync's queries", () => Browse(data.User)),
            ("user, ChildrenAsync as it stood (all entries, EXISTS)", () => BrowseBefore(data.User)),
            ("user, only the entries that apply, but EXISTS", () => BrowseApplying(data.User, join: false)),
            ("  before, part: children query (EF)", ChildrenQuery),
            ("  before, part: own-entries query (EF)", EntriesQuery),
            ("  before, part: own-entries query (raw reader)", EntriesReader),
            ("  before, part: pass in memory", InMemory),
        };

        // Counts first: the user sees what the generator made readable, the administrator everything.
        var adminCount = await Browse(data.Admin);
        var userCount = await Browse(data.User);
        Line($"check: administrator lists {adminCount - RootFiles - 1:N0} folders, the user {userCount - RootFiles - 1:N0} (readable by construction: {data.Readable:N0}); {data.Entries:N0} own entries; {RootFiles} files in the folder");

        await using (var scope = host.Scope(data.Org))
        {
            var access = scope.ServiceProvider.GetRequiredService<FolderAccess>();
            var db = scope.ServiceProvider.GetRequiredService<OrgDbContext>();
            var now = (await access.ChildrenAsync(data.Root, rootRights, data.User, CancellationToken.None)).Select(c => (c.Folder.Id, c.Actions));
            var prototype = (await ChildrenApplying(db, data.Root, rootRights, data.User, join: false)).Select(c => (c.Folder.Id, c.Actions));
            var joined = (await ChildrenApplying(db, data.Root, rootRights, data.User, join: true)).Select(c => (c.Folder.Id, c.Actions));
            var own = entries.ToLookup(p => p.FolderId);
            var before = children.Select(c => (c.Id, Actions: data.User.Grant(own[c.Id]) & data.User.ProgramAllows)).Where(c => c.Actions.HasFlag(FolderActions.Read));
            Line($"check: ChildrenAsync lists the same folders with the same actions as before and as the bench's variants: {now.SequenceEqual(before) && now.SequenceEqual(prototype) && now.SequenceEqual(joined)}");
        }

        var took = variants.Select(_ => new List<double>()).ToArray();
        for (var r = -3; r < rounds; r++)
        {
            // Interleaved, the order turned each round, so drift and the neighbours' builds hit all alike.
            for (var k = 0; k < variants.Length; k++)
            {
                var v = (k + Math.Max(r, 0)) % variants.Length;
                var watch = Stopwatch.StartNew();
                await variants[v].Run();
                if (r >= 0)
                    took[v].Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        var admin = Median(took[0]);
        Console.WriteLine("| listing | median | min | ratio to administrator |");
        Console.WriteLine("|---|---|---|---|");
        for (var v = 0; v < variants.Length; v++)
            Line($"| {variants[v].Name} | {Median(took[v]):F1} ms | {took[v].Min():F1} ms | {Median(took[v]) / admin:F2}× |");
        Line($"**user / administrator = {Median(took[1]) / admin:F2}×** (target ≤ 2×)");

        if (host.Kind == StorageProvider.Postgres)
            await ExplainAsync(host, data);
    }

    /// <summary>
    /// <see cref="FolderAccess.ChildrenAsync"/> with its second query narrowed to the entries that can apply to the
    /// principal (Everyone, one of their groups, themselves) and to the two columns the pass needs; an entry that
    /// does not apply adds nothing in <see cref="FilesPrincipal.Grant"/>, so the outcome is the same.
    /// </summary>
    private static async Task<List<(Folder Folder, FolderActions Actions)>> ChildrenApplying(OrgDbContext db, Guid parentId, FolderRights parentRights, FilesPrincipal principal, bool join = true)
    {
        var children = await ChildrenOf(db, parentId).ToListAsync();
        if (principal.IsAdministrator)
            return children.Select(c => (c, principal.ProgramAllows)).ToList();
        var rows = await ApplyingEntries(db, parentId, principal, join).ToListAsync();
        var own = new Dictionary<Guid, FolderActions>(rows.Count);
        foreach (var row in rows)
            own[row.FolderId] = own.GetValueOrDefault(row.FolderId) | row.Actions;
        var inherited = principal.Grant(parentRights.Entries) & principal.ProgramAllows;
        var visible = new List<(Folder, FolderActions)>(children.Count);
        foreach (var child in children)
        {
            var actions = child.InheritsPermissions ? inherited : own.GetValueOrDefault(child.Id) & principal.ProgramAllows;
            if (actions.HasFlag(FolderActions.Read))
                visible.Add((child, actions));
        }

        return visible;
    }

    private sealed record EntryActions(Guid FolderId, FolderActions Actions);

    /// <summary>
    /// The entries of the children with rights of their own that can apply to the principal, folder and actions only;
    /// <paramref name="join"/>: written as a join from the children (SQLite then starts from the parent's children
    /// and the entries' FolderId index instead of scanning every entry of the organization for the EXISTS).
    /// </summary>
    private static IQueryable<EntryActions> ApplyingEntries(OrgDbContext db, Guid parentId, FilesPrincipal principal, bool join = true)
    {
        var groups = principal.Groups.ToList();
        var userId = principal.UserId;
        var entries = join
            ? db.Set<Folder>().Where(f => f.ParentId == parentId && f.DeletedAt == null && !f.InheritsPermissions)
                .Join(db.Set<FolderRightEntry>(), f => f.Id, p => p.FolderId, (f, p) => p)
            : db.Set<FolderRightEntry>()
                .Where(p => db.Set<Folder>().Any(f => f.Id == p.FolderId && f.ParentId == parentId && f.DeletedAt == null && !f.InheritsPermissions));
        return entries.AsNoTracking()
            .Where(p => p.PrincipalKind == PrincipalKind.Everyone
                || (p.PrincipalKind == PrincipalKind.Group && p.PrincipalId != null && groups.Contains(p.PrincipalId.Value))
                || (p.PrincipalKind == PrincipalKind.User && p.PrincipalId == userId))
            .Select(p => new EntryActions(p.FolderId, p.Actions));
    }

    private static IQueryable<Folder> ChildrenOf(OrgDbContext db, Guid parentId) =>
        db.Set<Folder>().AsNoTracking().Where(f => f.ParentId == parentId && f.DeletedAt == null).OrderBy(f => f.Name);

    /// <summary>The second query of <see cref="FolderAccess.ChildrenAsync"/> as it stood: every entry of the children.</summary>
    private static IQueryable<FolderRightEntry> OwnEntries(OrgDbContext db, Guid parentId) =>
        db.Set<FolderRightEntry>().AsNoTracking()
            .Where(p => db.Set<Folder>().Any(f => f.Id == p.FolderId && f.ParentId == parentId && f.DeletedAt == null && !f.InheritsPermissions));

    private static async Task ExplainAsync(BenchHost host, Data data)
    {
        await using var scope = host.Scope(data.Org);
        var db = scope.ServiceProvider.GetRequiredService<OrgDbContext>();
        foreach (var (label, query) in new (string, IQueryable<object>)[]
                 {
                     ("children", ChildrenOf(db, data.Root)), ("own entries", OwnEntries(db, data.Root)),
                     ("applying entries, EXISTS", ApplyingEntries(db, data.Root, data.User, join: false)),
                     ("applying entries as a join (ChildrenAsync's now)", ApplyingEntries(db, data.Root, data.User, join: true)),
                 })
        {
            Console.WriteLine();
            Console.WriteLine($"EXPLAIN (ANALYZE, BUFFERS) of the {label} query:");
            await using var command = query.CreateDbCommand();
            Console.WriteLine(command.CommandText);
            if (command.Connection!.State != System.Data.ConnectionState.Open)
                await command.Connection.OpenAsync();
            command.CommandText = "EXPLAIN (ANALYZE, BUFFERS) " + command.CommandText;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                Console.WriteLine("    " + reader.GetString(0));
        }
    }

    /// <summary>
    /// The organization: a user in 20 of 50 groups, an administrator, a root readable by everyone with 20 files and
    /// <paramref name="subfolders"/> subfolders that do not inherit, each with 2 entries for other groups and, drawn
    /// from a seeded generator, one for one of the user's groups giving Read (35 %), one for another of the user's
    /// groups giving only Describe (8 %), one for the user (10 %), one for Everyone (10 %): readable ≈ 47 %.
    /// Inserted by AddRange and one SaveChangesAsync per 4000 rows through a context without interceptors.
    /// </summary>
    private static async Task<Data> GenerateAsync(BenchHost host, int subfolders, int elsewhere)
    {
        var watch = Stopwatch.StartNew();
        var org = await host.CreateOrgAsync("gydex_bench_files");
        var now = DateTimeOffset.UtcNow;
        var userId = Guid.CreateVersion7();
        var adminId = Guid.CreateVersion7();
        var userGroups = Enumerable.Range(0, UserGroups).Select(_ => Guid.CreateVersion7()).ToList();
        var otherGroups = Enumerable.Range(0, OtherGroups).Select(_ => Guid.CreateVersion7()).ToList();
        var adminsGroup = Guid.CreateVersion7();
        var root = new Folder { Id = Guid.CreateVersion7(), Name = "Bench root", InheritsPermissions = false, CreatedAt = now };
        var rows = new List<object>
        {
            new GydexUser { Id = userId, UserName = "bench-user", NormalizedUserName = "BENCH-USER", DisplayName = "Bench user", SecurityStamp = "s", CreatedAt = now },
            new GydexUser { Id = adminId, UserName = "bench-admin", NormalizedUserName = "BENCH-ADMIN", DisplayName = "Bench admin", SecurityStamp = "s", CreatedAt = now },
            new Group { Id = adminsGroup, Name = "Bench administrators", Stereotype = GroupStereotype.Administrators, CreatedAt = now },
            new GroupMember { GroupId = adminsGroup, UserId = adminId },
            root,
            new FolderRightEntry { Id = Guid.CreateVersion7(), FolderId = root.Id, PrincipalKind = PrincipalKind.Everyone, Actions = FolderActions.Read | FolderActions.Upload | FolderActions.Describe },
        };
        for (var g = 0; g < UserGroups; g++)
        {
            rows.Add(new Group { Id = userGroups[g], Name = "User's group " + g.ToString("D2", C), CreatedAt = now });
            rows.Add(new GroupMember { GroupId = userGroups[g], UserId = userId });
        }

        for (var g = 0; g < OtherGroups; g++)
            rows.Add(new Group { Id = otherGroups[g], Name = "Other group " + g.ToString("D2", C), CreatedAt = now });
        for (var f = 0; f < RootFiles; f++)
            rows.Add(new StoredFile { Id = Guid.CreateVersion7(), FolderId = root.Id, Name = "file " + f.ToString("D2", C) + ".pdf", CurrentVersion = 1, Size = 1000, CreatedAt = now, UpdatedAt = now });

#pragma warning disable CA5394 // test data, not security
        var random = new Random(42);
        var entries = 1;
        var readable = 0;
        for (var i = 0; i < subfolders; i++)
        {
            var folder = new Folder { Id = Guid.CreateVersion7(), ParentId = root.Id, Name = "Folder " + i.ToString("D5", C), InheritsPermissions = false, CreatedAt = now };
            rows.Add(folder);
            var a = random.Next(OtherGroups);
            var b = (a + 1 + random.Next(OtherGroups - 1)) % OtherGroups;
            rows.Add(Entry(folder, PrincipalKind.Group, otherGroups[a], FolderActions.Read | FolderActions.Upload | FolderActions.Describe));
            rows.Add(Entry(folder, PrincipalKind.Group, otherGroups[b], FolderActions.All));
            entries += 2;
            var read = false;
            var mine = random.Next(UserGroups);
            if (random.NextDouble() < 0.35)
            {
                rows.Add(Entry(folder, PrincipalKind.Group, userGroups[mine], FolderActions.Read | FolderActions.Upload));
                entries++;
                read = true;
            }

            if (random.NextDouble() < 0.08)
            {
                rows.Add(Entry(folder, PrincipalKind.Group, userGroups[(mine + 1) % UserGroups], FolderActions.Describe));
                entries++;
            }

            if (random.NextDouble() < 0.10)
            {
                rows.Add(Entry(folder, PrincipalKind.User, userId, FolderActions.Read));
                entries++;
                read = true;
            }

            if (random.NextDouble() < 0.10)
            {
                rows.Add(Entry(folder, PrincipalKind.Everyone, null, FolderActions.Read));
                entries++;
                read = true;
            }

            if (read)
                readable++;
        }

        // The rest of the organization: folders elsewhere (under a sibling of the listed folder), 3 entries each.
        var other = new Folder { Id = Guid.CreateVersion7(), Name = "Elsewhere", InheritsPermissions = true, CreatedAt = now };
        if (elsewhere > 0)
            rows.Add(other);
        for (var i = 0; i < elsewhere; i++)
        {
            var folder = new Folder { Id = Guid.CreateVersion7(), ParentId = other.Id, Name = "Other " + i.ToString("D6", C), InheritsPermissions = false, CreatedAt = now };
            rows.Add(folder);
            var a = random.Next(OtherGroups);
            rows.Add(Entry(folder, PrincipalKind.Group, otherGroups[a], FolderActions.Read));
            rows.Add(Entry(folder, PrincipalKind.Group, userGroups[random.Next(UserGroups)], FolderActions.Read));
            rows.Add(Entry(folder, PrincipalKind.Everyone, null, FolderActions.Read));
        }
#pragma warning restore CA5394

        for (var at = 0; at < rows.Count; at += Batch)
        {
            await using var db = host.Provider.CreateOrgContext(org, []);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.AddRange(rows.Skip(at).Take(Batch));
            await db.SaveChangesAsync();
        }

        await using (var db = host.Provider.CreateOrgContext(org, []))
            await db.Database.ExecuteSqlRawAsync(host.Kind == StorageProvider.Postgres ? "VACUUM ANALYZE" : "ANALYZE");

        Line($"generated {rows.Count:N0} rows ({elsewhere:N0} folders with {3 * elsewhere:N0} entries elsewhere) in {watch.Elapsed.TotalSeconds:F1} s");
        var admin = new FilesPrincipal(adminId, new HashSet<Guid> { adminsGroup }, IsAdministrator: true, FolderActions.All);
        var user = new FilesPrincipal(userId, userGroups.ToHashSet(), IsAdministrator: false, FolderActions.All);
        return new Data(org, root.Id, admin, user, entries, readable);
    }

    private static FolderRightEntry Entry(Folder folder, PrincipalKind kind, Guid? principal, FolderActions actions) =>
        new() { Id = Guid.CreateVersion7(), FolderId = folder.Id, PrincipalKind = kind, PrincipalId = principal, Actions = actions };
}

using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gydex.Kernel.Lists;

/// <summary>A user's named filter of a list (its query string), offered on that list's page.</summary>
public sealed class SavedFilter : Access.IOrgCached
{
    public const int NameMaxLength = 100;
    public const int QueryMaxLength = 2000;

    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    /// <summary>The list, e.g. <c>counterparties</c>.</summary>
    public string List { get; set; } = "";

    public string Name { get; set; } = "";

    public string Query { get; set; } = "";
}

/// <summary>A user's choice of a list's columns.</summary>
public sealed class ListColumns : Access.IOrgCached
{
    public Guid UserId { get; set; }

    public string List { get; set; } = "";

    /// <summary>Column keys, comma-separated, in order.</summary>
    public string Columns { get; set; } = "";
}

/// <summary>
/// A user's saved filters and columns; each user sees and changes only their own. Read on every list page, so
/// they come from <see cref="Access.OrgCache"/>.
/// </summary>
public sealed class ListPreferences(OrgDbContext db, Access.CurrentAccess access, Access.OrgCache cache)
{
    private Guid Me => access.UserId ?? Guid.Empty;

    public ValueTask<IReadOnlyList<SavedFilter>> FiltersAsync(string list, CancellationToken cancellationToken)
    {
        var me = Me;
        return cache.GetAsync<IReadOnlyList<SavedFilter>>($"lists.filters:{me:N}:{list}", async ct =>
            await db.Set<SavedFilter>().AsNoTracking().Where(f => f.UserId == me && f.List == list).OrderBy(f => f.Name).ToListAsync(ct), cancellationToken);
    }

    public async Task SaveFilterAsync(string list, string name, string query, CancellationToken cancellationToken)
    {
        name = name.Trim();
        if (name.Length == 0 || name.Length > SavedFilter.NameMaxLength || query.Length > SavedFilter.QueryMaxLength)
            return;
        var existing = await db.Set<SavedFilter>().FirstOrDefaultAsync(f => f.UserId == Me && f.List == list && f.Name == name, cancellationToken);
        if (existing is null)
            db.Add(new SavedFilter { Id = Guid.CreateVersion7(), UserId = Me, List = list, Name = name, Query = query });
        else
            existing.Query = query;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task DeleteFilterAsync(Guid id, CancellationToken cancellationToken)
    {
        // Through SaveChanges, not a bulk delete: the removal must move the stamp the cached filters are read against.
        if (await db.Set<SavedFilter>().FirstOrDefaultAsync(f => f.Id == id && f.UserId == Me, cancellationToken) is { } filter)
        {
            db.Remove(filter);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>The chosen columns among <paramref name="available"/>, or <paramref name="defaults"/>.</summary>
    public async Task<IReadOnlyList<string>> ColumnsAsync(string list, IReadOnlyCollection<string> available, IReadOnlyList<string> defaults,
        CancellationToken cancellationToken)
    {
        var me = Me;
        var saved = await cache.GetAsync($"lists.columns:{me:N}:{list}", ct =>
            db.Set<ListColumns>().AsNoTracking().Where(c => c.UserId == me && c.List == list).Select(c => c.Columns).FirstOrDefaultAsync(ct), cancellationToken);
        var chosen = (saved ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Where(available.Contains).ToList();
        return chosen.Count > 0 ? chosen : defaults;
    }

    public async Task SaveColumnsAsync(string list, IEnumerable<string> columns, IReadOnlyCollection<string> available, CancellationToken cancellationToken)
    {
        var value = string.Join(',', columns.Where(available.Contains).Distinct(StringComparer.Ordinal));
        var existing = await db.Set<ListColumns>().FirstOrDefaultAsync(c => c.UserId == Me && c.List == list, cancellationToken);
        if (existing is null)
            db.Add(new ListColumns { UserId = Me, List = list, Columns = value });
        else
            existing.Columns = value;
        await db.SaveChangesAsync(cancellationToken);
    }
}

[OrgEntity]
internal sealed class ListsModel : IEntityTypeConfiguration<SavedFilter>, IEntityTypeConfiguration<ListColumns>
{
    public void Configure(EntityTypeBuilder<SavedFilter> builder)
    {
        builder.ToTable("SavedFilters");
        builder.Property(f => f.List).HasMaxLength(64);
        builder.Property(f => f.Name).HasMaxLength(SavedFilter.NameMaxLength);
        builder.Property(f => f.Query).HasMaxLength(SavedFilter.QueryMaxLength);
        builder.HasIndex(f => new { f.UserId, f.List, f.Name }).IsUnique();
        builder.HasOne<Identity.GydexUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ListColumns> builder)
    {
        builder.ToTable("ListColumns");
        builder.HasKey(c => new { c.UserId, c.List });
        builder.Property(c => c.List).HasMaxLength(64);
        builder.Property(c => c.Columns).HasMaxLength(2000);
        builder.HasOne<Identity.GydexUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

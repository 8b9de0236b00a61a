using Gydex.Kernel.Access;
using Gydex.Kernel.Search;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Modules.Sales;

/// <summary>Deals in the global search: by code or title, within the view scope.</summary>
public sealed class DealsSearchArea(Deals deals, SalesPeople people) : ISearchArea
{
    public string Name => "deals";

    public LocalizedText Title { get; } = new("Сделки", "Deals");

    public Right Right => SalesRights.DealsView;

    public int Order => 30;

    /// <summary>Deals whose title or source contains the term in any case (see <see cref="SalesSearchText"/>).</summary>
    internal static IQueryable<Deal> Matching(IQueryable<Deal> query, string term)
    {
        var needle = Customers.SearchText.Normalize(term);
        return query.Where(d => d.SearchText.Contains(needle));
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string term, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(term);
        var query = (await deals.ScopedAsync(SalesRights.DealsView, cancellationToken)).AsNoTracking();
        query = DocumentCodes.Parse(Deal.CodePrefix, term) is { } number
            ? query.Where(d => d.Number == number)
            : Matching(query, term);
        var found = await query.OrderByDescending(d => d.UpdatedAt).ThenByDescending(d => d.Number).Take(Math.Clamp(take, 1, 50)).ToListAsync(cancellationToken);
        var everyone = await people.AllAsync(cancellationToken);
        return found.Select(d => new SearchHit(Title.Current, d.Code, d.Title, everyone.GetValueOrDefault(d.ResponsibleId)?.Name, $"/deals/{d.Id}")).ToList();
    }
}

/// <summary>Tasks in the global search: by code or title, within the view scope.</summary>
public sealed class TasksSearchArea(Tasks tasks, SalesPeople people) : ISearchArea
{
    public string Name => "tasks";

    public LocalizedText Title { get; } = new("Задачи", "Tasks");

    public Right Right => SalesRights.TasksView;

    public int Order => 40;

    /// <summary>Tasks whose title contains the term in any case (see <see cref="SalesSearchText"/>).</summary>
    internal static IQueryable<SalesTask> Matching(IQueryable<SalesTask> query, string term)
    {
        var needle = Customers.SearchText.Normalize(term);
        return query.Where(t => t.SearchText.Contains(needle));
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string term, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(term);
        var query = (await tasks.ScopedAsync(SalesRights.TasksView, cancellationToken)).AsNoTracking();
        query = DocumentCodes.Parse(SalesTask.CodePrefix, term) is { } number
            ? query.Where(t => t.Number == number)
            : TasksSearchArea.Matching(query, term);
        var found = await query.OrderByDescending(t => t.Number).Take(Math.Clamp(take, 1, 50)).ToListAsync(cancellationToken);
        var everyone = await people.AllAsync(cancellationToken);
        return found.Select(t => new SearchHit(Title.Current, t.Code, t.Title, everyone.GetValueOrDefault(t.AssigneeId)?.Name, $"/tasks/{t.Id}")).ToList();
    }
}

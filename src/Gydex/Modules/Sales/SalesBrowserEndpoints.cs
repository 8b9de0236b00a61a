using Gydex.Kernel.Access;
using Gydex.Modules.Customers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Gydex.Modules.Sales;

/// <summary>A record a picker offers: its id and how it is shown.</summary>
public sealed record PickItem(Guid Id, string Text);

public sealed record PickResponse(IReadOnlyList<PickItem> Items);

/// <summary>The task reminder: counts, its lines in the user's language, and where "my tasks" are.</summary>
public sealed record ReminderResponse(int Overdue, int DueSoon, IReadOnlyList<string> Lines, string LinkText, string Url);

/// <summary>
/// Small JSON the pages' own scripts fetch with the sign-in cookie (the API under /api takes tokens only): the
/// search-as-you-type pickers and the task reminder of every page. Not part of the public API, so not in OpenAPI.
/// Each is guarded by the right of the list it reads and answers within the user's data scope only.
/// </summary>
public static class SalesBrowserEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var sales = endpoints.MapGroup("/sales").ExcludeFromDescription();
        sales.MapGet("/pick/counterparties", PickCounterparties).RequireRight(CustomersRights.Counterparties.View);
        sales.MapGet("/pick/contacts", PickContacts).RequireRight(CustomersRights.Contacts.View);
        // Employees to give a deal or a task to: the same list under the right of the form that asks.
        sales.MapGet("/pick/responsibles", PickPeople).RequireRight(SalesRights.DealsView);
        sales.MapGet("/pick/assignees", PickPeople).RequireRight(SalesRights.TasksView);
        sales.MapGet("/reminder", Reminder).RequireRight(SalesRights.TasksView);
    }

    private static async Task<Ok<PickResponse>> PickCounterparties(string? q, SalesCustomers customers, HttpResponse response, CancellationToken cancellationToken) =>
        Fresh(response, new PickResponse((await customers.PickCounterpartiesAsync(q, SalesCustomers.PickSize, cancellationToken)).Select(c => new PickItem(c.Id, c.Name)).ToList()));

    private static async Task<Ok<PickResponse>> PickContacts(string? q, SalesCustomers customers, HttpResponse response, CancellationToken cancellationToken) =>
        Fresh(response, new PickResponse((await customers.PickContactsAsync(q, SalesCustomers.PickSize, cancellationToken)).Select(c => new PickItem(c.Id, c.Name)).ToList()));

    private static async Task<Ok<PickResponse>> PickPeople(string? q, SalesPeople people, HttpResponse response, CancellationToken cancellationToken) =>
        Fresh(response, new PickResponse((await people.PickAsync(q, SalesCustomers.PickSize, cancellationToken)).Select(c => new PickItem(c.Id, c.Name)).ToList()));

    private static async Task<Ok<ReminderResponse>> Reminder(Tasks tasks, IStringLocalizer<SalesTexts> texts, HttpRequest request, CancellationToken cancellationToken)
    {
        var reminder = await tasks.ReminderAsync(cancellationToken);
        var lines = new List<string>();
        if (reminder.Overdue > 0)
            lines.Add(texts["Overdue tasks: {0}.", reminder.Overdue]);
        if (reminder.DueSoon > 0)
            lines.Add(texts["Due within a day: {0}.", reminder.DueSoon]);
        return Fresh(request.HttpContext.Response, new ReminderResponse(reminder.Overdue, reminder.DueSoon, lines, texts["My tasks"], $"{request.PathBase}/tasks"));
    }

    /// <summary>What a user may see changes with their rights and the data: never cached.</summary>
    private static Ok<T> Fresh<T>(HttpResponse response, T body)
    {
        response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(body);
    }
}

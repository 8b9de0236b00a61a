using System.Linq.Expressions;
using Gydex.Kernel.Access;
using Gydex.Kernel.Identity;
using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Modules.Sales;

public enum SalesOutcome
{
    Done,

    /// <summary>Not there for this user: another organization's id, outside the scope, or never existed.</summary>
    NotFound,

    /// <summary>Seen, but the scope of the acting right does not reach it; <see cref="SalesResult{T}.Right"/> names the right.</summary>
    Refused,

    /// <summary>Bad input; <see cref="SalesResult{T}.Errors"/> says which field and why (English text keys).</summary>
    Invalid,
}

public sealed record SalesResult<T>(SalesOutcome Outcome, T? Value = default, IReadOnlyDictionary<string, string>? Errors = null, Right? Right = null);

public static class SalesResult
{
    public static SalesResult<T> Done<T>(T value) => new(SalesOutcome.Done, value);

    public static SalesResult<T> NotFound<T>() => new(SalesOutcome.NotFound);

    public static SalesResult<T> Refused<T>(Right right) => new(SalesOutcome.Refused, Right: right);

    public static SalesResult<T> Invalid<T>(IReadOnlyDictionary<string, string> errors) => new(SalesOutcome.Invalid, Errors: errors);

    public static SalesResult<T> Invalid<T>(string field, string error) => Invalid<T>(new Dictionary<string, string> { [field] = error });
}

/// <summary>A page of a list and the cursor of the next one (null at the end): keyset paging, no COUNT.</summary>
public sealed record SalesPage<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>A person of the organization as sales shows them.</summary>
public sealed record Person(Guid Id, string Name, Guid? DepartmentId);

/// <summary>The organization's employees for pickers and names, from the kernel's cached <see cref="Employees"/>.</summary>
public sealed class SalesPeople(OrgDbContext db, Employees employees)
{
    private Dictionary<Guid, Person>? all;

    public async Task<IReadOnlyDictionary<Guid, Person>> AllAsync(CancellationToken cancellationToken) =>
        all ??= (await employees.ByIdAsync(cancellationToken)).Values.ToDictionary(e => e.Id, e => new Person(e.Id, e.Name, e.DepartmentId));

    /// <summary>Enabled employees, by name: whom a deal or task may be given to.</summary>
    public async Task<List<Person>> ActiveAsync(CancellationToken cancellationToken) =>
        (await employees.ActiveAsync(cancellationToken)).Select(e => new Person(e.Id, e.Name, e.DepartmentId)).ToList();

    public async Task<Person?> FindActiveAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(u => u.Id == id && !u.IsDisabled)
            .Select(u => new Person(u.Id, u.DisplayName, u.DepartmentId)).SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Enabled employees whose name contains the text in any case (an exact name first), for a picker; compared in .NET,
    /// as an organization's staff is read whole anyway and SQLite knows no Cyrillic case.
    /// </summary>
    public async Task<IReadOnlyList<SalesCustomers.Choice>> PickAsync(string? text, int take, CancellationToken cancellationToken)
    {
        var term = SalesText.Clean(text);
        var people = await ActiveAsync(cancellationToken);
        return people.Where(p => term is null || p.Name.Contains(term, StringComparison.OrdinalIgnoreCase))
            .OrderBy(p => term is not null && string.Equals(p.Name, term, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .Take(Math.Clamp(take, 1, SalesCustomers.PickSize)).Select(p => new SalesCustomers.Choice(p.Id, p.Name)).ToList();
    }

    public async Task<string> NameAsync(Guid? id, CancellationToken cancellationToken) =>
        id is { } key && (await AllAsync(cancellationToken)).TryGetValue(key, out var p) ? p.Name : "";
}

/// <summary>The next document number of a table: the highest plus one; a unique index settles two racing saves.</summary>
public static class SalesNumbers
{
    public static async Task<long> NextAsync<T>(OrgDbContext db, Expression<Func<T, long>> number, CancellationToken cancellationToken)
        where T : class =>
        (await db.Set<T>().Select(number).OrderByDescending(n => n).FirstOrDefaultAsync(cancellationToken)) + 1;

    /// <summary>Saves a new numbered record, numbering again when another save took the number first.</summary>
    public static async Task SaveNumberedAsync<T>(OrgDbContext db, T entity, Expression<Func<T, long>> number, Action<T, long> setNumber, CancellationToken cancellationToken)
        where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            setNumber(entity, await NextAsync(db, number, cancellationToken));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // The number was taken meanwhile: the entity and what was added with it are still pending.
            }
        }
    }
}

/// <summary>Text checks shared by the forms and the API.</summary>
public static class SalesText
{
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static bool TooLong(string? value, int max) => value is not null && value.Length > max;
}

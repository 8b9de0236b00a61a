using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using System.Text;
using System.Text.Json;

namespace Gydex.Kernel.Persistence;

/// <summary>
/// Keyset paging: a page starts after the last row of the previous one (its sort value and a unique number),
/// so page 1000 costs what page 1 does and no COUNT is taken. The cursor is opaque to clients.
/// </summary>
public static class Keyset
{
    public sealed record Cursor(string? Value, long Number);

    /// <summary>
    /// Whether the database compares row values through an index (PostgreSQL; set once at start by the storage
    /// provider). SQLite gets the portable form.
    /// </summary>
    public static bool RowValues { get; set; }

    public static string Encode(string? value, long number) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new Cursor(value, number))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The cursor, or null when it is not one of ours (a bad cursor starts from the beginning).</summary>
    public static Cursor? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 2000)
            return null;
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 += new string('=', (4 - (base64.Length % 4)) % 4);
            return JsonSerializer.Deserialize<Cursor>(Encoding.UTF8.GetString(Convert.FromBase64String(base64)));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads a cursor's key back from its text.</summary>
    public delegate bool KeyParser<TKey>(string text, out TKey key);

    /// <summary>
    /// The cursor with its key read by <paramref name="parse"/>; null when there is none or its key does not parse —
    /// a cursor that is not ours, like one that does not decode, starts the list from the beginning.
    /// </summary>
    public static (TKey Key, long Number)? Decode<TKey>(string? cursor, KeyParser<TKey> parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return Decode(cursor) is { Value: { } text } c && parse(text, out var key) ? (key, c.Number) : null;
    }

    /// <summary>Keys written as numbers: sequence numbers, ranks, UTC ticks.</summary>
    public static bool ParseLong(string text, out long key) =>
        long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out key);

    /// <summary>Instants written as UTC ticks.</summary>
    public static bool ParseInstant(string text, out DateTimeOffset key)
    {
        var ok = ParseLong(text, out var ticks) && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks;
        key = ok ? new DateTimeOffset(ticks, TimeSpan.Zero) : default;
        return ok;
    }

    /// <summary>Orders by <paramref name="key"/> then <paramref name="number"/>, and keeps the rows after <paramref name="after"/>.</summary>
    public static IQueryable<T> Page<T, TKey>(IQueryable<T> query, Expression<Func<T, TKey>> key, Expression<Func<T, long>> number,
        bool descending, (TKey Key, long Number)? after) =>
        Page(query, key, number, descending, after is { } a ? a.Key : default, after?.Number);

    /// <summary>Orders by <paramref name="key"/> then <paramref name="number"/>, and keeps the rows after the cursor.</summary>
    public static IQueryable<T> Page<T, TKey>(IQueryable<T> query, Expression<Func<T, TKey>> key, Expression<Func<T, long>> number,
        bool descending, TKey? after, long? afterNumber) =>
        // Captured values, so EF sends parameters and keeps one cached plan for every page.
        PageAfter(query, key, number, descending, afterNumber is { } n ? (QueryParameter.Of(after), QueryParameter.Of(n)) : null);

    /// <summary>
    /// As above, the cursor's key and number given as expressions: captured values, or a compiled query's parameters.
    /// </summary>
    public static IQueryable<T> PageAfter<T, TKey>(IQueryable<T> query, Expression<Func<T, TKey>> key, Expression<Func<T, long>> number,
        bool descending, (Expression Key, Expression Number)? after)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(number);
        if (after is var (last, lastNumber))
        {
            var row = key.Parameters[0];
            var numberBody = new Replace(number.Parameters[0], row).Visit(number.Body);
            Expression Compare(Func<Expression, Expression, BinaryExpression> op, Expression left, Expression right) => typeof(TKey) == typeof(string)
                ? op(Expression.Call(typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!, left, right), Expression.Constant(0))
                : op(left, right);
            if (RowValues)
            {
                // (key, number) > (@key, @number): PostgreSQL starts the index range exactly at the cursor. The
                // form below starts it at the first row of the cursor's key and filters out the rows of that key
                // already shown — a thousand and more on a common surname.
                var tuple = typeof(ValueTuple<,>).MakeGenericType(typeof(TKey), typeof(long)).GetConstructor([typeof(TKey), typeof(long)])!;
                var compare = typeof(NpgsqlDbFunctionsExtensions).GetMethod(descending ? nameof(NpgsqlDbFunctionsExtensions.LessThan) : nameof(NpgsqlDbFunctionsExtensions.GreaterThan),
                    [typeof(DbFunctions), typeof(ITuple), typeof(ITuple)])!;
                var beyond = Expression.Call(compare, Expression.Property(null, typeof(EF), nameof(EF.Functions)),
                    Expression.Convert(Expression.New(tuple, key.Body, numberBody), typeof(ITuple)),
                    Expression.Convert(Expression.New(tuple, last, lastNumber), typeof(ITuple)));
                query = query.Where(Expression.Lambda<Func<T, bool>>(beyond, row));
                return descending ? query.OrderByDescending(key).ThenByDescending(number) : query.OrderBy(key).ThenBy(number);
            }

            var condition = Expression.OrElse(
                Compare(descending ? Expression.LessThan : Expression.GreaterThan, key.Body, last),
                Expression.AndAlso(Expression.Equal(key.Body, last), descending ? Expression.LessThan(numberBody, lastNumber) : Expression.GreaterThan(numberBody, lastNumber)));
            // The same rows, plus a plain range on the key that an index on (…, key, number) can start from: the
            // OR above alone is not turned into an index range (PostgreSQL scanned from the first row to the cursor).
            var range = Compare(descending ? Expression.LessThanOrEqual : Expression.GreaterThanOrEqual, key.Body, last);
            query = query.Where(Expression.Lambda<Func<T, bool>>(Expression.AndAlso(range, condition), row));
        }

        return descending ? query.OrderByDescending(key).ThenByDescending(number) : query.OrderBy(key).ThenBy(number);
    }

    private static readonly System.Reflection.MethodInfo TakeMethod =
        new Func<IQueryable<object>, int, IQueryable<object>>(Queryable.Take).Method.GetGenericMethodDefinition();

    private static readonly System.Reflection.MethodInfo LiteralMethod =
        new Func<int, int>(EF.Constant).Method;

    /// <summary>
    /// The first <paramref name="count"/> rows, the count written into the SQL as a literal. With <c>LIMIT $n</c>
    /// PostgreSQL plans the prepared statement afresh on every execution (its generic plan must assume a tenth of
    /// the table); with <c>LIMIT 51</c> it keeps one plan. A page size takes few values, so few statements result.
    /// </summary>
    public static IQueryable<T> Take<T>(IQueryable<T> query, int count)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.Provider.CreateQuery<T>(Expression.Call(TakeMethod.MakeGenericMethod(typeof(T)), query.Expression,
            Expression.Call(LiteralMethod, Expression.Constant(count))));
    }

    private sealed class Replace(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}

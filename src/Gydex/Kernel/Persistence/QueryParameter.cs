using System.Linq.Expressions;

namespace Gydex.Kernel.Persistence;

/// <summary>
/// A value placed in a hand-built query expression the way a lambda captures it, so EF sends it as a parameter
/// and reuses one compiled query for every value. An <see cref="Expression.Constant(object)"/> would be part of
/// EF's query cache key instead: one compilation (milliseconds of CPU) and one cache entry per distinct value.
/// </summary>
public static class QueryParameter
{
    public static MemberExpression Of<TValue>(TValue value) =>
        Expression.Property(Expression.Constant(new Captured<TValue>(value)), nameof(Captured<TValue>.Value));

    private sealed record Captured<TValue>(TValue Value);
}

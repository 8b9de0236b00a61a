using System.Collections.Frozen;

namespace Gydex.Kernel.Access;

/// <summary>
/// Every right of every module, assembled at start-up. Each right gets a dense index so that a user's
/// effective rights are a bit set and a check is a bit test. Inconsistent declarations stop the start.
/// </summary>
public sealed class RightCatalog
{
    private readonly FrozenDictionary<string, Right> byCode;
    private readonly Dictionary<Right, int> index;

    public RightCatalog(IEnumerable<IRightsDeclaration> declarations)
    {
        ArgumentNullException.ThrowIfNull(declarations);
        var all = new List<Right>();
        var codes = new Dictionary<string, Right>(StringComparer.Ordinal);
        foreach (var right in declarations.SelectMany(d => d.Rights))
        {
            if (!codes.TryAdd(right.Code, right))
                throw new InvalidOperationException($"The right '{right.Code}' is declared twice.");
            all.Add(right);
        }

        foreach (var right in all)
        {
            foreach (var implier in right.ImpliedBy)
            {
                if (!codes.TryGetValue(implier.Code, out var declared) || !ReferenceEquals(declared, implier))
                    throw new InvalidOperationException($"The right '{right.Code}' is implied by '{implier.Code}', which no module declares.");
            }
        }

        foreach (var field in declarations.SelectMany(d => d.FieldRights))
        {
            if (!codes.TryGetValue(field.Right.Code, out var declared) || !ReferenceEquals(declared, field.Right))
                throw new InvalidOperationException($"The field {field.Form}.{field.Field} needs the right '{field.Right.Code}', which no module declares.");
        }

        Rights = all.OrderBy(r => r.Module, StringComparer.Ordinal).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();
        byCode = codes.ToFrozenDictionary(StringComparer.Ordinal);
        index = new Dictionary<Right, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < Rights.Count; i++)
            index[Rights[i]] = i;

        // What holding each right gives: itself and, transitively, every right it implies.
        Grants = new int[Rights.Count][];
        for (var i = 0; i < Rights.Count; i++)
        {
            var given = new HashSet<int> { i };
            var queue = new Queue<Right>([Rights[i]]);
            while (queue.TryDequeue(out var holder))
            {
                foreach (var candidate in Rights)
                {
                    if (candidate.ImpliedBy.Contains(holder) && given.Add(index[candidate]))
                        queue.Enqueue(candidate);
                }
            }

            Grants[i] = [.. given.Order()];
        }
    }

    /// <summary>All rights, by module then code.</summary>
    public IReadOnlyList<Right> Rights { get; }

    /// <summary>For the right at index i: the indexes of the rights its holder has (itself included).</summary>
    internal int[][] Grants { get; }

    public int Count => Rights.Count;

    public IEnumerable<string> Modules => Rights.Select(r => r.Module).Distinct(StringComparer.Ordinal);

    public Right? Find(string code) => byCode.GetValueOrDefault(code);

    /// <summary>The index of a declared right; an undeclared one is a programming error caught at start-up.</summary>
    public int IndexOf(Right right)
    {
        ArgumentNullException.ThrowIfNull(right);
        return index.TryGetValue(right, out var i)
            ? i
            : throw new InvalidOperationException($"The right '{right.Code}' is used but no module declares it.");
    }

    public bool IsDeclared(Right right) => right is not null && index.ContainsKey(right);
}

namespace Gydex.Kernel.Access;

/// <summary>
/// What one user may do, as a bit set over the catalog's right indexes with the widest scope of each.
/// Immutable and shared through the cache; a check allocates nothing.
/// </summary>
public sealed class EffectiveRights
{
    private readonly ulong[] bits;
    private readonly RightScope[] scopes;

    internal EffectiveRights(ulong[] bits, RightScope[] scopes)
    {
        this.bits = bits;
        this.scopes = scopes;
    }

    public static EffectiveRights None(RightCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new EffectiveRights(new ulong[(catalog.Count + 63) / 64], new RightScope[catalog.Count]);
    }

    public bool Has(int rightIndex) => (bits[rightIndex >> 6] & (1UL << (rightIndex & 63))) != 0;

    /// <summary>The scope of a held right (All for rights without scope); null when the right is not held.</summary>
    public RightScope? ScopeOf(int rightIndex) => Has(rightIndex) ? scopes[rightIndex] : null;

    internal sealed class Builder(RightCatalog catalog)
    {
        private readonly ulong[] bits = new ulong[(catalog.Count + 63) / 64];
        private readonly RightScope[] scopes = new RightScope[catalog.Count];

        /// <summary>Grants a right and everything it implies, keeping the widest scope.</summary>
        public void Grant(int rightIndex, RightScope scope)
        {
            foreach (var given in catalog.Grants[rightIndex])
            {
                bits[given >> 6] |= 1UL << (given & 63);
                var effective = catalog.Rights[given].HasScope ? scope : RightScope.All;
                if (effective > scopes[given])
                    scopes[given] = effective;
            }
        }

        /// <summary>Takes a right away, and with it every right that would imply it back.</summary>
        public void Revoke(int rightIndex)
        {
            for (var holder = 0; holder < catalog.Count; holder++)
            {
                if (Array.IndexOf(catalog.Grants[holder], rightIndex) >= 0)
                {
                    bits[holder >> 6] &= ~(1UL << (holder & 63));
                    scopes[holder] = default;
                }
            }
        }

        public EffectiveRights Build() => new(bits, scopes);
    }
}

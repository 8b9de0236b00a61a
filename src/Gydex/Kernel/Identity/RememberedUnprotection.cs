using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Gydex.Kernel.Identity;

/// <summary>
/// Every page a signed-in employee opens sends the same two cookies — the session and the antiforgery cookie — and
/// each was decrypted again: key derivation, a MAC check and AES for each, a tenth of a list page's cost. Decryption
/// is a function of its input and the key ring, so this node remembers, for a short while, what a cookie it has
/// already decrypted decrypts to. Only for the cookies' purposes (<see cref="Purposes"/>); only what decrypted; at
/// most <see cref="Capacity"/> inputs per purpose; each answer for <see cref="RememberFor"/>. A cookie that stops
/// being valid for another reason — signed out elsewhere, a changed security stamp, an expired ticket — is judged
/// after decryption, as before; only a revoked data-protection key is noticed up to <see cref="RememberFor"/> later.
/// Encryption is left alone: each page still gets a fresh antiforgery request token.
/// </summary>
public sealed class RememberedUnprotection(IDataProtectionProvider inner, TimeProvider clock) : IDataProtectionProvider
{
    /// <summary>The session cookie's ticket (every cookie scheme) and the antiforgery tokens.</summary>
    public static readonly IReadOnlySet<string> Purposes = new HashSet<string>(StringComparer.Ordinal)
    {
        "Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware",
        "Microsoft.AspNetCore.Antiforgery.AntiforgeryToken.v1",
    };

    public const int Capacity = 10_000;

    public static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(5);

    public IDataProtector CreateProtector(string purpose)
    {
        var protector = inner.CreateProtector(purpose);
        return Purposes.Contains(purpose) ? new Remembering(protector, clock) : protector;
    }

    /// <summary>Adds the decorator over the provider that <c>AddDataProtection</c> registered.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IDataProtectionProvider));
        services.Remove(registered);
        services.AddSingleton<IDataProtectionProvider>(sp => new RememberedUnprotection(Create(registered, sp), sp.GetService<TimeProvider>() ?? TimeProvider.System));

        static IDataProtectionProvider Create(ServiceDescriptor descriptor, IServiceProvider sp) =>
            (IDataProtectionProvider)(descriptor.ImplementationInstance
                ?? descriptor.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!));
    }

    /// <summary>A protector whose successful decryptions are remembered; its sub-purposes' protectors are too.</summary>
    private sealed class Remembering(IDataProtector inner, TimeProvider clock) : IDataProtector
    {
        private readonly ConcurrentDictionary<Input, (byte[] Plain, DateTimeOffset Until)> known = new();

        public IDataProtector CreateProtector(string purpose) => new Remembering(inner.CreateProtector(purpose), clock);

        public byte[] Protect(byte[] plaintext) => inner.Protect(plaintext);

        public byte[] Unprotect(byte[] protectedData)
        {
            ArgumentNullException.ThrowIfNull(protectedData);
            var input = new Input(protectedData);
            var now = clock.GetUtcNow();
            if (known.TryGetValue(input, out var entry) && entry.Until > now)
                return (byte[])entry.Plain.Clone();
            var plain = inner.Unprotect(protectedData);
            // Full: start again rather than keep a clock per entry; the next requests decrypt once each.
            if (known.Count >= Capacity)
                known.Clear();
            known[input.Kept()] = ((byte[])plain.Clone(), now + RememberFor);
            return plain;
        }
    }

    /// <summary>Protected bytes as a key: hashed with the process's random seed, compared in constant time.</summary>
    private readonly struct Input : IEquatable<Input>
    {
        private readonly byte[] bytes;
        private readonly int hash;

        public Input(byte[] bytes)
        {
            this.bytes = bytes;
            var hashing = new HashCode();
            hashing.AddBytes(bytes);
            hash = hashing.ToHashCode();
        }

        private Input(byte[] bytes, int hash) => (this.bytes, this.hash) = (bytes, hash);

        /// <summary>A copy of the bytes to keep (the caller's array may change), with the hash already computed.</summary>
        public Input Kept() => new((byte[])bytes.Clone(), hash);

        public bool Equals(Input other) => CryptographicOperations.FixedTimeEquals(bytes, other.bytes);

        public override bool Equals(object? obj) => obj is Input other && Equals(other);

        public override int GetHashCode() => hash;
    }
}

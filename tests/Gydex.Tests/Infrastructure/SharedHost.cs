[assembly: AssemblyFixture(typeof(Gydex.Tests.Infrastructure.SharedHost))]

namespace Gydex.Tests.Infrastructure;

/// <summary>One running application for the tests that need nothing special; each test opens its own organization.</summary>
public sealed class SharedHost : IAsyncLifetime
{
    public GydexFactory Factory { get; } = new();

    public async ValueTask InitializeAsync() => await Factory.StartAsync();

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}

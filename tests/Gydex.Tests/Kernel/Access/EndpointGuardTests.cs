using Gydex.Kernel.Access;
using Gydex.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Kernel.Access;

public sealed class EndpointGuardTests(SharedHost host)
{
    /// <summary>Every endpoint of the running application declares a right, "signed in", public, or the console.</summary>
    [Fact]
    public void Every_endpoint_declares_its_right_or_that_it_is_public()
    {
        var endpoints = host.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints;

        var undeclared = endpoints.Where(e => EndpointRights.Of(e).Guard == EndpointGuard.Undeclared).Select(e => e.DisplayName).ToList();

        Assert.True(endpoints.Count > 30, $"only {endpoints.Count} endpoints: the enumeration is broken");
        Assert.True(undeclared.Count == 0, "Endpoints that declare neither a right nor public: " + string.Join(", ", undeclared));
    }

    [Fact]
    public void Every_right_an_endpoint_needs_is_declared()
    {
        var catalog = host.Factory.Services.GetRequiredService<RightCatalog>();
        var endpoints = host.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints;

        var rights = endpoints.SelectMany(e => EndpointRights.Of(e).Rights).Distinct().ToList();

        Assert.NotEmpty(rights);
        Assert.All(rights, r => Assert.True(catalog.IsDeclared(r), r.Code));
    }
}

using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Gydex.Kernel.Web;

/// <summary>
/// The <c>Network</c> section: the proxies whose <c>X-Forwarded-For</c> is believed. From anyone else the header
/// is ignored, so a client cannot put a false address into the event log.
/// </summary>
public sealed class NetworkOptions
{
    public const string Section = "Network";

    /// <summary>Addresses of trusted reverse proxies (e.g. "10.0.0.5").</summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Networks of trusted reverse proxies in CIDR form (e.g. "10.0.0.0/24").</summary>
    public List<string> TrustedNetworks { get; set; } = [];

    public bool TrustsAnyProxy => TrustedProxies.Count > 0 || TrustedNetworks.Count > 0;
}

public static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var network = configuration.GetSection(NetworkOptions.Section).Get<NetworkOptions>() ?? new NetworkOptions();
        services.AddSingleton(network);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults trust loopback; here nothing is trusted unless configured.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // the obsolete list still holds the loopback default the middleware reads
            o.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            o.ForwardLimit = 1;
            foreach (var proxy in network.TrustedProxies)
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var net in network.TrustedNetworks)
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(net));
        });
        return services;
    }

    /// <summary>
    /// Only where a proxy is configured: with empty lists the middleware would believe every peer's header.
    /// </summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.ApplicationServices.GetRequiredService<NetworkOptions>().TrustsAnyProxy ? app.UseForwardedHeaders() : app;
    }
}

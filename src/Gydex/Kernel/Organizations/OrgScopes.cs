using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Kernel.Organizations;

/// <summary>Opens a DI scope bound to one organization, for work outside a request (start-up, command line, jobs).</summary>
public sealed class OrgScopes(IServiceScopeFactory scopeFactory)
{
    public AsyncServiceScope CreateScope(Organization organization)
    {
        var scope = scopeFactory.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentOrganization>().Set(organization);
        return scope;
    }
}

using System.Net;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Operations;
using Gydex.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Modules.Operations;

/// <summary>A restore into an organization that is being served: it stops being served first, on every node.</summary>
public sealed class RestoreWhileServingTests
{
    private static Task<OrganizationStatus> StatusAsync(GydexFactory factory, TestOrg org) =>
        factory.OperationsAsync(sp => sp.GetRequiredService<CatalogDbContext>().Organizations.AsNoTracking()
            .Where(o => o.Id == org.Organization.Id).Select(o => o.Status).SingleAsync());

    [Fact]
    public async Task During_a_restore_into_itself_the_organization_answers_being_restored_and_afterwards_serves_the_restored_data()
    {
        // The drain is what other nodes' cached copies of the organization wait out; here it is the window to look in.
        await using var factory = await new GydexFactory().With("Backups:RestoreDrainSeconds", "3").StartAsync();
        var org = await factory.CreateOrgAsync();
        await factory.AddGroupsAsync(org, "Kept", 1);
        var backup = await factory.BackupAsync(org);
        await factory.AddGroupsAsync(org, "Later", 1);
        using var admin = await factory.SignedInAsync(org, org.AdminLogin, org.AdminPassword);

        var restore = factory.OperationsAsync(sp => sp.GetRequiredService<Restores>().RestoreAsync(org.Organization, backup.Id, null, "test", CancellationToken.None));
        var waited = 0;
        while (await StatusAsync(factory, org) != OrganizationStatus.Restoring && waited++ < 600)
            await Task.Delay(50);
        using var page = await admin.GetAsync(new Uri($"/{org.Slug}/", UriKind.Relative));
        using var api = await admin.GetAsync(new Uri($"/{org.Slug}/api/v1/me", UriKind.Relative));
        var statusDuring = await StatusAsync(factory, org);
        var result = await restore;

        Assert.Equal(OrganizationStatus.Restoring, statusDuring);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Contains("data-restoring", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
        Assert.Contains("being restored", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(result.Succeeded, result.Problem);
        Assert.Equal(OrganizationStatus.Active, await StatusAsync(factory, org));
        Assert.DoesNotContain("Later 0", await factory.GroupNamesAsync(org));
        using var after = await admin.GetAsync(new Uri($"/{org.Slug}/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task A_suspended_organization_is_suspended_again_after_a_restore()
    {
        await using var factory = await new GydexFactory().StartAsync();
        var org = await factory.CreateOrgAsync();
        var backup = await factory.BackupAsync(org);
        await factory.OperationsAsync(async sp =>
        {
            var row = await sp.GetRequiredService<CatalogDbContext>().Organizations.SingleAsync(o => o.Id == org.Organization.Id);
            row.Status = OrganizationStatus.Suspended;
            return await sp.GetRequiredService<CatalogDbContext>().SaveChangesAsync();
        });

        var result = await factory.OperationsAsync(sp => sp.GetRequiredService<Restores>().RestoreAsync(org.Organization, backup.Id, null, "test", CancellationToken.None));

        Assert.True(result.Succeeded, result.Problem);
        Assert.Equal(OrganizationStatus.Suspended, await StatusAsync(factory, org));
    }
}

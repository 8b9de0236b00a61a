using System.Net;
using Gydex.Kernel.Access;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Files;
using Gydex.Modules.Operations;
using Gydex.Tests.Infrastructure;
using Gydex.Tests.Modules.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Modules.Operations;

/// <summary>What the operations tests do to an organization: fill it, back it up, read it back.</summary>
public static class OperationsTestKit
{
    public static async Task<BackupRecord> BackupAsync(this GydexFactory factory, TestOrg org, BackupTrigger trigger = BackupTrigger.Manual)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(org);
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Backups>().CreateAsync(org.Organization, trigger, CancellationToken.None);
    }

    public static async Task<T> OperationsAsync<T>(this GydexFactory factory, Func<IServiceProvider, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public static string BackupRoot(this GydexFactory factory) =>
        factory.Services.CreateScope().ServiceProvider.GetRequiredService<Backups>().Root;

    /// <summary>Groups named <c>{prefix} {i}</c>, each saved (and journaled) on its own.</summary>
    public static Task<int> AddGroupsAsync(this GydexFactory factory, TestOrg org, string prefix, int count) =>
        factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            for (var i = 0; i < count; i++)
            {
                db.Add(new Group { Id = Guid.CreateVersion7(), Name = $"{prefix} {i}", Stereotype = GroupStereotype.Custom });
                await db.SaveChangesAsync();
            }

            return count;
        });

    public static Task<List<string>> GroupNamesAsync(this GydexFactory factory, TestOrg org) =>
        factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<Group>().Select(g => g.Name).OrderBy(n => n).ToListAsync());

    /// <summary>Uploads files through the API into the root folder; returns their ids.</summary>
    public static async Task<List<Guid>> UploadFilesAsync(this GydexFactory factory, TestOrg org, params byte[][] contents)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(org);
        ArgumentNullException.ThrowIfNull(contents);
        var root = await factory.InOrgAsync(org, sp => sp.GetRequiredService<OrgDbContext>().Set<Folder>().Where(f => f.ParentId == null).Select(f => f.Id).SingleAsync());
        using var client = factory.CreateClient();
        var token = await client.TokenAsync(org.Slug, org.AdminLogin, org.AdminPassword);
        var ids = new List<Guid>();
        for (var i = 0; i < contents.Length; i++)
        {
            using var response = await client.UploadAsync(org.Slug, token, root, $"file-{i}.bin", contents[i]);
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"upload: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            using var json = await response.JsonAsync();
            ids.Add(json.RootElement.GetProperty("id").GetGuid());
        }

        return ids;
    }

    public static async Task<byte[]> DownloadAsync(this GydexFactory factory, string slug, string login, string password, Guid fileId)
    {
        ArgumentNullException.ThrowIfNull(factory);
        using var client = factory.CreateClient();
        var token = await client.TokenAsync(slug, login, password);
        using var response = await client.GetWithTokenAsync($"/{slug}/api/v1/files/{fileId}/content", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    public static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}

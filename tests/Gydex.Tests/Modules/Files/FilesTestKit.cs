using System.Net.Http.Headers;
using Gydex.Kernel.Access;
using Gydex.Kernel.Persistence;
using Gydex.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gydex.Tests.Modules.Files;

/// <summary>The API calls the file tests make, with a bearer token.</summary>
public static class FilesTestKit
{
    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, string org, string token, Guid folderId, string name, HttpContent content)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/{org}/api/v1/folders/{folderId}/files?name={Uri.EscapeDataString(name)}", UriKind.Relative)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, string org, string token, Guid folderId, string name, byte[] content) =>
        client.UploadAsync(org, token, folderId, name, new ByteArrayContent(content));

    public static async Task AddToGroupAsync(this GydexFactory factory, TestOrg org, Guid userId, Guid groupId) =>
        await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            db.Add(new GroupMember { GroupId = groupId, UserId = userId });
            return await db.SaveChangesAsync();
        });

    public static async Task<Guid> NewGroupAsync(this GydexFactory factory, TestOrg org, string name) =>
        await factory.InOrgAsync(org, async sp =>
        {
            var db = sp.GetRequiredService<OrgDbContext>();
            var group = new Group { Id = Guid.CreateVersion7(), Name = name, Stereotype = GroupStereotype.Custom };
            db.Add(group);
            await db.SaveChangesAsync();
            return group.Id;
        });
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Gydex.Tests.Infrastructure;

public static class Api
{
    /// <summary>Gets a bearer token through <c>POST /{org}/api/v1/auth/token</c>.</summary>
    public static async Task<string> TokenAsync(this HttpClient client, string org, string login, string password)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.PostAsJsonAsync($"/{org}/api/v1/auth/token", new { login, password });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"token: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("token").GetString()!;
    }

    public static async Task<HttpResponseMessage> GetWithTokenAsync(this HttpClient client, string url, string token)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    public static async Task<JsonDocument> JsonAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}

using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gydex.Bench.Crm;

/// <summary>
/// The baseline: bare Kestrel and Npgsql rendering the same 50 contacts the application's list shows — the same
/// filter, order and keyset cursor, the same columns as an HTML table — with no framework, rights or sign-in. It
/// lives here, never in the product.
/// </summary>
internal static class BareListServer
{
    /// <summary>A filter the application's data scope may have applied: everything, a department's or one person's records.</summary>
    public sealed record Scope(string Key, string Description, string Where, Guid? Id);

    private const string Columns = "\"Code\", \"Surname\", \"Name\", \"Patronymic\", \"Position\", \"Phones\", \"Emails\", \"ConsentDate\", \"ConsentWithdrawnDate\"";

    public static async Task<WebApplication> StartAsync(NpgsqlDataSource data, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var scopes = new Dictionary<string, Scope>(StringComparer.Ordinal);
        app.MapGet("/contacts", async (HttpContext context) =>
        {
            var scope = ParseScope(context.Request.Query["scope"]);
            var cursor = Keyset.Decode(context.Request.Query["cursor"]);
            await using var command = data.CreateCommand(
                $"SELECT {Columns} FROM \"Contacts\" WHERE {scope.Where}" +
                (cursor is null ? "" : " AND (\"Surname\", \"Number\") > (@s, @n)") +
                " ORDER BY \"Surname\", \"Number\" LIMIT 50");
            if (scope.Id is { } id)
                command.Parameters.AddWithValue("id", id);
            if (cursor is not null)
            {
                command.Parameters.AddWithValue("s", cursor.Value ?? "");
                command.Parameters.AddWithValue("n", cursor.Number);
            }

            var html = new StringBuilder(16_384);
            html.Append("<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>Контакты</title></head><body><table><thead><tr>")
                .Append("<th>Код</th><th>ФИО</th><th>Должность</th><th>Телефоны</th><th>E-mail</th><th>Согласие</th></tr></thead><tbody>");
            var encoder = HtmlEncoder.Default;
            await using var reader = await command.ExecuteReaderAsync(context.RequestAborted);
            while (await reader.ReadAsync(context.RequestAborted))
            {
                var name = string.Join(' ', new[] { reader.GetString(1), Text(reader, 2), Text(reader, 3) }.Where(p => p.Length > 0));
                var consent = reader.IsDBNull(7) ? "нет" : reader.IsDBNull(8) ? reader.GetFieldValue<DateOnly>(7).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture) : "отозвано";
                html.Append("<tr><td><a href=\"/contacts/").Append(encoder.Encode(reader.GetString(0))).Append("\">").Append(encoder.Encode(reader.GetString(0))).Append("</a></td><td>")
                    .Append(encoder.Encode(name)).Append("</td><td>").Append(encoder.Encode(Text(reader, 4))).Append("</td><td>")
                    .Append(encoder.Encode(Text(reader, 5))).Append("</td><td>").Append(encoder.Encode(Text(reader, 6))).Append("</td><td>")
                    .Append(encoder.Encode(consent)).Append("</td></tr>");
            }

            html.Append("</tbody></table></body></html>");
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(html.ToString(), context.RequestAborted);
        });
        await app.StartAsync();
        return app;
    }

    private static string Text(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? "" : reader.GetString(column);

    private static Scope ParseScope(string? key) => key switch
    {
        ['d', 'e', 'p', ':', .. var id] => new Scope(key, "", "\"DepartmentId\" = @id", Guid.Parse(id)),
        ['o', 'w', 'n', ':', .. var id] => new Scope(key, "", "\"ResponsibleId\" = @id", Guid.Parse(id)),
        _ => new Scope("all", "", "TRUE", null),
    };

    /// <summary>The scope whose first page is exactly the application's: all, the manager's department, or own.</summary>
    public static async Task<Scope> MatchScopeAsync(NpgsqlDataSource data, Organization org, IReadOnlyList<string> appCodes)
    {
        ArgumentNullException.ThrowIfNull(org);
        Guid manager, department;
        await using (var user = data.CreateCommand("SELECT \"Id\", \"DepartmentId\" FROM \"Users\" WHERE \"UserName\" = 'bench-manager'"))
        await using (var reader = await user.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            (manager, department) = (reader.GetGuid(0), reader.GetGuid(1));
        }

        var candidates = new[]
        {
            new Scope("all", "no filter (scope: all)", "TRUE", null),
            new Scope("dep:" + department, "the manager's department (scope: department)", "\"DepartmentId\" = @id", department),
            new Scope("own:" + manager, "the manager's own records (scope: own)", "\"ResponsibleId\" = @id", manager),
        };
        foreach (var candidate in candidates)
        {
            await using var command = data.CreateCommand($"SELECT \"Code\" FROM \"Contacts\" WHERE {candidate.Where} ORDER BY \"Surname\", \"Number\" LIMIT 50");
            if (candidate.Id is { } id)
                command.Parameters.AddWithValue("id", id);
            var codes = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                codes.Add(reader.GetString(0));
            if (codes.SequenceEqual(appCodes))
                return candidate;
        }

        throw new InvalidOperationException("no filter gives the application's first page: " + string.Join(", ", appCodes.Take(5)));
    }

    /// <summary>The cursor the application's "next" link carries to reach <paramref name="page"/> (found once, outside the timing).</summary>
    public static async Task<string> CursorOfPageAsync(NpgsqlDataSource data, Scope scope, int page)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var command = data.CreateCommand(
            $"SELECT \"Surname\", \"Number\" FROM \"Contacts\" WHERE {scope.Where} ORDER BY \"Surname\", \"Number\" OFFSET {((page - 1) * 50) - 1} LIMIT 1");
        if (scope.Id is { } id)
            command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            throw new InvalidOperationException($"the list has fewer than {page} pages");
        return Keyset.Encode(reader.GetString(0), reader.GetInt64(1));
    }
}

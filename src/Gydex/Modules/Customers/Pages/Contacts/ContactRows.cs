using System.Globalization;
using System.Text.Encodings.Web;
using Gydex.Kernel.CustomFields;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Web;
using Microsoft.AspNetCore.Html;

namespace Gydex.Modules.Customers.Pages.Contacts;

/// <summary>
/// The contacts list's rows, written straight to the response. Through Razor every value of fifty rows of seven cells
/// was buffered and copied as a separate piece, a fifth of the whole page's cost; here each row is written once,
/// encoded on the way. The markup is the one the page had: a tick box, then a cell per chosen column.
/// </summary>
public sealed class ContactRows(IndexModel model, string pathBase, Organization organization, ContactRows.Texts texts) : IHtmlContent
{
    /// <summary>The consent badges' words in the request's language.</summary>
    public sealed record Texts(string Given, string Withdrawn, string None);

    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(encoder);
        var card = pathBase + "/customers/contacts/";
        foreach (var c in model.Rows.Rows)
        {
            var values = model.Values.GetValueOrDefault(c.Id);
            var shown = model.Shown(c);
            var id = c.Id.ToString();
            var name = c.FullName;
            writer.Write("<tr data-row=\"");
            encoder.Encode(writer, c.Code);
            writer.Write(c.HasConsent ? "\">" : "\" class=\"no-consent\">");
            writer.Write("<td><input type=\"checkbox\" name=\"ids\" value=\"");
            writer.Write(id);
            writer.Write("\" aria-label=\"");
            encoder.Encode(writer, name);
            writer.Write("\" /></td>");
            foreach (var column in model.Columns)
            {
                writer.Write("<td>");
                switch (column)
                {
                    case "code":
                        Link(writer, encoder, card + id, c.Code, null);
                        break;
                    case "name":
                        Link(writer, encoder, card + id, name, " data-name");
                        break;
                    case "position":
                        encoder.Encode(writer, c.Position ?? "");
                        break;
                    case "phones":
                        encoder.Encode(writer, shown.Phones?.Replace("\n", ", ", StringComparison.Ordinal) ?? "");
                        break;
                    case "emails":
                        encoder.Encode(writer, shown.Emails?.Replace("\n", ", ", StringComparison.Ordinal) ?? "");
                        break;
                    case "consent":
                        writer.Write(c.HasConsent ? "<span class=\"badge ok\">" : "<span class=\"badge warn\" data-no-consent>");
                        encoder.Encode(writer, c.HasConsent ? texts.Given : c.ConsentWithdrawn ? texts.Withdrawn : texts.None);
                        writer.Write("</span>");
                        break;
                    case "responsible":
                        encoder.Encode(writer, model.UserNames.GetValueOrDefault(c.ResponsibleId) ?? "");
                        break;
                    case "tags":
                        foreach (var tag in (c.Tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
                        {
                            writer.Write("<span class=\"badge\">");
                            encoder.Encode(writer, tag);
                            writer.Write("</span> ");
                        }

                        break;
                    case "updated":
                        writer.Write(OrgTime.Local(organization, c.UpdatedAt).ToString("dd.MM.yyyy HH:mm", CultureInfo.CurrentCulture));
                        break;
                    default:
                        encoder.Encode(writer, values?.GetValueOrDefault(column[CustomFields.FormPrefix.Length..]) ?? "");
                        break;
                }

                writer.Write("</td>");
            }

            writer.Write("</tr>\n");
        }
    }

    private static void Link(TextWriter writer, HtmlEncoder encoder, string href, string text, string? attributes)
    {
        writer.Write("<a href=\"");
        encoder.Encode(writer, href);
        writer.Write('"');
        writer.Write(attributes);
        writer.Write('>');
        encoder.Encode(writer, text);
        writer.Write("</a>");
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Gydex.Kernel.Access;

/// <summary>
/// A field of a form that only holders of <paramref name="Right"/> may change (e.g. a deal's discount). Without
/// the right the field is shown disabled, and a value submitted anyway is ignored — and the ignoring recorded.
/// </summary>
public sealed record FieldRight(string Form, string Field, Right Right);

/// <summary>Applies field rights on save.</summary>
public sealed class FieldRights(CurrentAccess access, IAccessDenialRecorder recorder, IHttpContextAccessor http)
{
    public bool CanEdit(FieldRight field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return access.Has(field.Right);
    }

    /// <summary>
    /// The value to store: the submitted one where the user may edit the field (or did not change it),
    /// else the current one, with the attempt recorded.
    /// </summary>
    public async Task<T> ApplyAsync<T>(FieldRight field, T submitted, T current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (CanEdit(field) || EqualityComparer<T>.Default.Equals(submitted, current))
            return submitted;
        var context = http.HttpContext;
        await recorder.RecordAsync(new AccessDenial(field.Right,
            $"{context?.Request.PathBase}{context?.Request.Path} field {field.Form}.{field.Field} (submitted value ignored)",
            context?.Request.Method ?? "", access.UserId, context?.User.FindFirstValue(ClaimTypes.Name),
            context?.Connection.RemoteIpAddress?.ToString()), cancellationToken);
        return current;
    }
}

/// <summary><c>&lt;select gx-field-right="AdministrationRights.UserDepartment"&gt;</c>: disabled without the field's right.</summary>
[HtmlTargetElement(Attributes = Attribute)]
public sealed class FieldRightTagHelper(CurrentAccess access) : TagHelper
{
    private const string Attribute = "gx-field-right";

    [HtmlAttributeName(Attribute)]
    public FieldRight? Field { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (Field is null || access.Has(Field.Right))
            return;
        output.Attributes.SetAttribute("disabled", "disabled");
        output.Attributes.SetAttribute("title", Field.Right.Title.Current);
        output.Attributes.SetAttribute("data-field-locked", Field.Right.Code);
    }
}

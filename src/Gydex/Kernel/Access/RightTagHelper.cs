using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Gydex.Kernel.Access;

/// <summary>
/// <c>&lt;a gx-right="AdministrationRights.Users"&gt;</c>: the element is not rendered for a user without the
/// right, or rendered disabled with <c>gx-right-mode="disable"</c>. The server checks again on use.
/// </summary>
[HtmlTargetElement(Attributes = RightAttribute)]
public sealed class RightTagHelper(CurrentAccess access) : TagHelper
{
    private const string RightAttribute = "gx-right";

    [HtmlAttributeName(RightAttribute)]
    public Right? Right { get; set; }

    [HtmlAttributeName("gx-right-mode")]
    public string Mode { get; set; } = "hide";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (Right is null || access.Has(Right))
            return;
        if (Mode == "disable")
        {
            output.Attributes.SetAttribute("disabled", "disabled");
            output.Attributes.SetAttribute("aria-disabled", "true");
            output.Attributes.SetAttribute("title", Right.Title.Current);
        }
        else
        {
            output.SuppressOutput();
        }
    }
}

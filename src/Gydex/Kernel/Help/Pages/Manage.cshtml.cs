using Gydex.Kernel.Access;
using Gydex.Kernel.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Gydex.Kernel.Help.Pages;

/// <summary>The organization's own chapters (right <c>help.manage</c>).</summary>
public sealed class ManageModel(OrgHelpAdministration chapters, RightCatalog catalog, IStringLocalizer<WebTexts> texts) : PageModel
{
    public sealed class InputModel
    {
        public string Id { get; set; } = "";

        public string Language { get; set; } = "ru";

        public string Title { get; set; } = "";

        public string Markdown { get; set; } = "";

        public List<string> Rights { get; set; } = [];

        public bool MatchAny { get; set; }

        public int Order { get; set; } = 1000;
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    public List<OrgHelpChapter> Chapters { get; private set; } = [];

    public IReadOnlyList<Right> AllRights => catalog.Rights;

    public async Task OnGetAsync() => Chapters = await chapters.ListAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        var errors = await chapters.SaveAsync(new OrgChapterDraft(Input.Id.Trim(), Input.Language, Input.Title, Input.Markdown ?? "",
            Input.Rights, Input.MatchAny, Input.Order), HttpContext.RequestAborted);
        if (errors.Count == 0)
            return LocalRedirect(Url.Content("~/admin/help?saved=true"));
        foreach (var (field, error) in errors)
            ModelState.AddModelError("Input." + field, texts[error]);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        Chapters = await chapters.ListAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id, string language) =>
        await chapters.DeleteAsync(id ?? "", language ?? "", HttpContext.RequestAborted)
            ? LocalRedirect(Url.Content("~/admin/help?saved=true"))
            : NotFound();
}

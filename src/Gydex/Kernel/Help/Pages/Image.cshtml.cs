using Gydex.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gydex.Kernel.Help.Pages;

/// <summary>An image of the shipped chapters, looked up by name among those embedded: never a path on disk.</summary>
[SignedIn]
public sealed class ImageModel(HelpLibrary library) : PageModel
{
    public IActionResult OnGet(string name)
    {
        if (library.Image(name) is not { } image)
            return NotFound();
        Response.Headers.CacheControl = "private, max-age=3600";
        return File(image.Content, image.ContentType);
    }
}

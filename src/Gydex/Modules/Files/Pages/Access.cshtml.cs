using Gydex.Kernel.Access;
using Gydex.Kernel.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Gydex.Modules.Files.Pages;

/// <summary>A folder's rights: who has what, own or inherited; break or restore inheritance; "view as user X".</summary>
public sealed class AccessPageModel(FolderRightsAdministration administration, OrgDbContext db, IStringLocalizer<FilesTexts> texts) : FilesPageModel(texts)
{
    public static readonly FolderActions[] Columns =
        [FolderActions.Read, FolderActions.Upload, FolderActions.DeleteFolder, FolderActions.DeleteFiles, FolderActions.Describe, FolderActions.ManageAccess];

    public FolderRightsAdministration.Page View { get; private set; } = null!;

    public List<(Guid Id, string Name)> Users { get; private set; } = [];

    public List<(Guid Id, string Name)> Groups { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public Guid? ViewAs { get; set; }

    public FolderActions? ViewAsActions { get; private set; }

    private string Here(Guid id) => Url.Content($"~/files/folders/{id}/access");

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var view = await administration.GetAsync(id, ct);
        if (view is null)
            return NotFound();
        if (!view.Mine.HasFlag(FolderActions.ManageAccess))
            return await OutcomeAsync(FilesResult.Refused(FilesRights.ManageAccess.Code), Here(id), () => Task.FromResult<IActionResult>(Page()));
        View = view;
        Users = (await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName, u.UserName }).ToListAsync(ct))
            .Select(u => (u.Id, $"{u.DisplayName} ({u.UserName})")).ToList();
        Groups = (await db.Set<Group>().AsNoTracking().OrderBy(g => g.Name).Select(g => new { g.Id, g.Name }).ToListAsync(ct))
            .Select(g => (g.Id, g.Name)).ToList();
        if (ViewAs is { } userId && Users.Any(u => u.Id == userId))
            ViewAsActions = await administration.ViewAsAsync(id, userId, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSetAsync(Guid id, string? who, List<FolderActions>? actions)
    {
        var combined = (actions ?? []).Aggregate(FolderActions.None, (a, b) => a | b);
        var (kind, principal) = who switch
        {
            "everyone" => (PrincipalKind.Everyone, (Guid?)null),
            { } w when w.StartsWith("group:", StringComparison.Ordinal) && Guid.TryParse(w[6..], out var g) => (PrincipalKind.Group, g),
            { } w when w.StartsWith("user:", StringComparison.Ordinal) && Guid.TryParse(w[5..], out var u) => (PrincipalKind.User, u),
            _ => ((PrincipalKind?)null, (Guid?)null) switch { _ => (PrincipalKind.Everyone, Guid.Empty) },
        };
        var result = principal == Guid.Empty
            ? FilesResult.Invalid("Choose a user, a group or everyone.")
            : await administration.SetAsync(id, kind, principal, combined, HttpContext.RequestAborted);
        return await OutcomeAsync(result, Here(id), () => OnGetAsync(id));
    }

    public async Task<IActionResult> OnPostBreakAsync(Guid id) =>
        await OutcomeAsync(await administration.BreakInheritanceAsync(id, HttpContext.RequestAborted), Here(id), () => OnGetAsync(id));

    public async Task<IActionResult> OnPostInheritAsync(Guid id) =>
        await OutcomeAsync(await administration.RestoreInheritanceAsync(id, HttpContext.RequestAborted), Here(id), () => OnGetAsync(id));

    public string Name(FolderActions action) => action switch
    {
        FolderActions.Read => Texts["Read"],
        FolderActions.Upload => Texts["Upload files"],
        FolderActions.DeleteFolder => Texts["Delete the folder"],
        FolderActions.DeleteFiles => Texts["Delete files"],
        FolderActions.Describe => Texts["Edit descriptions"],
        FolderActions.ManageAccess => Texts["Manage access"],
        _ => action.ToString(),
    };
}

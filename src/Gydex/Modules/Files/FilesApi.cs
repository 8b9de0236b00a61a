using Gydex.Kernel.Access;
using Gydex.Kernel.EventLog;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gydex.Modules.Files;

public sealed record FolderItem(Guid Id, string Name, string? Description);

public sealed record FileItem(Guid Id, string Name, string? Description, long Size, int Version, DateTimeOffset UpdatedAt);

public sealed record FolderResponse(Guid Id, string Name, string? Description, Guid? ParentId, IReadOnlyList<string> Allowed,
    IReadOnlyList<FolderItem> Folders, IReadOnlyList<FileItem> Files);

public sealed record VersionItem(int Number, long Size, string Sha256, DateTimeOffset UploadedAt, string? UploadedBy);

public sealed record FileResponse(Guid Id, string Name, string? Description, Guid FolderId, long Size, int Version, IReadOnlyList<VersionItem> Versions);

/// <summary>The file storage on the API: the same checks as the pages (program right AND folder right; unreadable = 404).</summary>
public static class FilesApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("Files");
        api.MapGet("/folders/root", Root).RequireRight(FilesRights.Access).WithName("GetRootFolder").WithSummary("The root folder with what the caller may see in it.");
        api.MapGet("/folders/{id:guid}", GetFolder).RequireRight(FilesRights.Access).WithName("GetFolder").WithSummary("A folder: its subfolders and files that the caller may read.");
        api.MapPost("/folders/{id:guid}/files", Upload).RequireRight(FilesRights.Upload).DisableAntiforgery()
            .WithMetadata(new DisableRequestSizeLimitAttribute())
            .WithName("UploadFile").WithSummary("Uploads the request body as the file 'name' (a new version if the name exists).");
        api.MapGet("/files/{id:guid}", GetFile).RequireRight(FilesRights.Access).WithName("GetFile").WithSummary("A file with its versions.");
        api.MapGet("/files/{id:guid}/content", Content).RequireRight(FilesRights.Access).WithName("GetFileContent").WithSummary("A version's content (the newest by default), as an attachment.");
    }

    private static async Task<Results<Ok<FolderResponse>, NotFound>> Root(FileStorage storage, CancellationToken cancellationToken) =>
        await GetFolder((await storage.RootAsync(cancellationToken)).Id, storage, cancellationToken);

    private static async Task<Results<Ok<FolderResponse>, NotFound>> GetFolder(Guid id, FileStorage storage, CancellationToken cancellationToken)
    {
        var view = await storage.BrowseAsync(id, cancellationToken);
        if (view is null)
            return TypedResults.NotFound();
        return TypedResults.Ok(new FolderResponse(view.Folder.Id, view.Folder.Name, view.Folder.Description, view.Folder.ParentId,
            Enum.GetValues<FolderActions>().Where(a => a is not (FolderActions.None or FolderActions.All) && view.Actions.HasFlag(a)).Select(a => a.ToString()).ToList(),
            view.Children.Select(c => new FolderItem(c.Folder.Id, c.Folder.Name, c.Folder.Description)).ToList(),
            view.Files.Select(f => new FileItem(f.Id, f.Name, f.Description, f.Size, f.CurrentVersion, f.UpdatedAt)).ToList()));
    }

    private static async Task<Results<Created<FileResponse>, NotFound, ProblemHttpResult>> Upload(
        Guid id, string? name, HttpRequest request, FileStorage storage, CancellationToken cancellationToken)
    {
        var result = await storage.UploadAsync(id, name, request.Body, cancellationToken);
        switch (result.Outcome)
        {
            case FilesOutcome.Done:
                var view = await storage.FileAsync(result.Id!.Value, cancellationToken);
                return TypedResults.Created($"{request.PathBase}/api/v1/files/{result.Id}", ToResponse(view!));
            case FilesOutcome.NotFound:
                return TypedResults.NotFound();
            case FilesOutcome.Refused:
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Access is prohibited", detail: "This folder's rights do not allow uploading.");
            default:
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The file was not uploaded", detail: result.Message);
        }
    }

    private static async Task<Results<Ok<FileResponse>, NotFound>> GetFile(Guid id, FileStorage storage, CancellationToken cancellationToken) =>
        await storage.FileAsync(id, cancellationToken) is { } view ? TypedResults.Ok(ToResponse(view)) : TypedResults.NotFound();

    private static async Task<IResult> Content(Guid id, int? version, FileStorage storage, Journal journal, HttpResponse response, CancellationToken cancellationToken)
    {
        if (await storage.OpenAsync(id, version, cancellationToken) is not { } opened)
            return TypedResults.NotFound();
        await journal.RecordAsync(new JournalEntry(FilesJournal.Downloaded)
        {
            DocumentType = "file", DocumentId = opened.File.Id.ToString(), DocumentCode = opened.File.Name, Comment = $"version {opened.Version.Number} (API)",
        }, cancellationToken);
        response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(opened.Content, "application/octet-stream", opened.File.Name, enableRangeProcessing: true);
    }

    private static FileResponse ToResponse(FileView view) => new(view.File.Id, view.File.Name, view.File.Description, view.File.FolderId, view.File.Size, view.File.CurrentVersion,
        view.Versions.Select(v => new VersionItem(v.Number, v.Size, v.Sha256, v.UploadedAt, v.UploadedByName)).ToList());
}

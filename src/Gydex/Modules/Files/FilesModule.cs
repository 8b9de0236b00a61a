using Gydex.Kernel.Access;
using Gydex.Kernel.Identity;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Gydex.Kernel.Web;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Modules.Files;

/// <summary>The file storage: folders with their own rights, files with versions, the recycle bin.</summary>
public static class FilesModule
{
    public static IServiceCollection AddFiles(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection(FilesOptions.Section).Get<FilesOptions>() ?? new FilesOptions());
        services.AddRights<FilesRights>();
        services.AddStereotypeGrants<FilesStereotypeGrants>();
        FilesJournal.AddFilesJournal(services);
        services.AddSingleton<BlobStore>();
        services.AddScoped<FolderAccess>();
        services.AddScoped<FileStorage>();
        services.AddScoped<FolderRightsAdministration>();
        services.AddScoped<IOrganizationSeed, FilesOrganizationSeed>();
        services.AddScoped<IOrganizationUpgrade, FilesOrganizationSeed>();
        services.AddHostedService<RecycleBinPurge>();
        services.AddSingleton(new NavigationItem("files", "Files", "/files", 300, typeof(FilesTexts), FilesRights.Access));
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o => o.Conventions
            // The menu's /files (and the pages' links to ~/files) open the root folder.
            .AddPageRoute("/Modules/Files/Pages/Index", "/files")
            .RequireRight("/Modules/Files/Pages/Index", FilesRights.Access)
            .RequireRight("/Modules/Files/Pages/Index", "Upload", FilesRights.Upload)
            .RequireRight("/Modules/Files/Pages/Index", "CreateFolder", FilesRights.Folders)
            .RequireRight("/Modules/Files/Pages/Index", "RenameFolder", FilesRights.Folders)
            .RequireRight("/Modules/Files/Pages/Index", "MoveFolder", FilesRights.Folders)
            .RequireRight("/Modules/Files/Pages/Index", "DescribeFolder", FilesRights.Describe)
            .RequireRight("/Modules/Files/Pages/Index", "DeleteFolder", FilesRights.Delete)
            .RequireRight("/Modules/Files/Pages/File", FilesRights.Access)
            .RequireRight("/Modules/Files/Pages/File", "Rename", FilesRights.Folders)
            .RequireRight("/Modules/Files/Pages/File", "Move", FilesRights.Folders)
            .RequireRight("/Modules/Files/Pages/File", "Describe", FilesRights.Describe)
            .RequireRight("/Modules/Files/Pages/File", "Delete", FilesRights.Delete)
            .RequireRight("/Modules/Files/Pages/Download", FilesRights.Access)
            .RequireRight("/Modules/Files/Pages/Search", FilesRights.Access)
            .RequireRight("/Modules/Files/Pages/Bin", FilesRights.Delete)
            .RequireRight("/Modules/Files/Pages/Access", FilesRights.ManageAccess));
        return services;
    }

    public static IEndpointRouteBuilder MapFiles(this IEndpointRouteBuilder endpoints)
    {
        FilesApi.Map(endpoints);
        return endpoints;
    }
}

/// <summary>
/// Every organization has a root folder: everyone with <c>files.access</c> may read it, and upload and describe
/// where their program rights allow; deleting and managing access are for those an administrator names.
/// </summary>
public sealed class FilesOrganizationSeed(TimeProvider clock) : IOrganizationSeed, IOrganizationUpgrade
{
    public int Order => 10;

    public Task SeedAsync(IServiceProvider orgServices, Organization organization, GydexUser administrator, CancellationToken cancellationToken) =>
        UpgradeAsync(orgServices, organization, cancellationToken);

    public async Task UpgradeAsync(IServiceProvider orgServices, Organization organization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orgServices);
        ArgumentNullException.ThrowIfNull(organization);
        var db = orgServices.GetRequiredService<OrgDbContext>();
        if (await db.Set<Folder>().AnyAsync(f => f.ParentId == null, cancellationToken))
            return;
        var root = new Folder { Id = Guid.CreateVersion7(), Name = organization.Name, InheritsPermissions = false, CreatedAt = clock.GetUtcNow() };
        db.Add(root);
        db.Add(new FolderRightEntry { Id = Guid.CreateVersion7(), FolderId = root.Id, PrincipalKind = PrincipalKind.Everyone, Actions = FolderActions.Read | FolderActions.Upload | FolderActions.Describe });
        await db.SaveChangesAsync(cancellationToken);
    }
}

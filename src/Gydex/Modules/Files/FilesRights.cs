using Gydex.Kernel.Access;

namespace Gydex.Modules.Files;

/// <summary>The program's rights over the file storage; each folder's own rights come on top (both are needed).</summary>
public sealed class FilesRights : IRightsDeclaration
{
    public const string Module = "files";

    public static readonly Right Access = new("files.access", Module,
        new LocalizedText("Файловое хранилище", "File storage"),
        new LocalizedText("Видеть файловое хранилище: папки, которые разрешено читать, и их файлы; скачивать.",
            "See the file storage: the folders one may read and their files; download."),
        helpChapter: "files");

    public static readonly Right Upload = new("files.upload", Module,
        new LocalizedText("Загрузка файлов", "Upload files"),
        new LocalizedText("Загружать файлы и новые версии в папки, где это разрешено.", "Upload files and new versions into folders that allow it."),
        helpChapter: "files");

    public static readonly Right Delete = new("files.delete", Module,
        new LocalizedText("Удаление файлов и папок", "Delete files and folders"),
        new LocalizedText("Удалять файлы и папки в корзину и восстанавливать их, где это разрешено.",
            "Delete files and folders to the recycle bin and restore them where the folder allows it."),
        helpChapter: "files");

    public static readonly Right Folders = new("files.folders", Module,
        new LocalizedText("Папки", "Folders"),
        new LocalizedText("Создавать, переименовывать и перемещать папки и файлы.", "Create, rename and move folders and files."),
        helpChapter: "files");

    public static readonly Right Describe = new("files.describe", Module,
        new LocalizedText("Описания файлов", "File descriptions"),
        new LocalizedText("Править описания файлов и папок.", "Edit the descriptions of files and folders."),
        helpChapter: "files");

    public static readonly Right ManageAccess = new("files.manage_access", Module,
        new LocalizedText("Права на папки", "Folder rights"),
        new LocalizedText("Менять права папок: кто может читать, загружать, удалять, описывать.",
            "Change folders' rights: who may read, upload, delete, describe."),
        helpChapter: "files-access");

    IEnumerable<Right> IRightsDeclaration.Rights => [Access, Upload, Delete, Folders, Describe, ManageAccess];
}

/// <summary>Everyone works with files; managers organize folders.</summary>
public sealed class FilesStereotypeGrants : IStereotypeGrants
{
    public IEnumerable<(GroupStereotype Group, Right Right, RightScope? Scope)> Grants =>
    [
        (GroupStereotype.Employees, FilesRights.Access, null),
        (GroupStereotype.Employees, FilesRights.Upload, null),
        (GroupStereotype.Managers, FilesRights.Access, null),
        (GroupStereotype.Managers, FilesRights.Upload, null),
        (GroupStereotype.Managers, FilesRights.Delete, null),
        (GroupStereotype.Managers, FilesRights.Folders, null),
        (GroupStereotype.Managers, FilesRights.Describe, null),
        (GroupStereotype.Accountants, FilesRights.Access, null),
        (GroupStereotype.Accountants, FilesRights.Upload, null),
        (GroupStereotype.Accountants, FilesRights.Describe, null),
    ];
}

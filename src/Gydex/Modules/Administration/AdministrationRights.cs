using Gydex.Kernel.Access;

namespace Gydex.Modules.Administration;

/// <summary>The rights of administering an organization's access.</summary>
public sealed class AdministrationRights : IRightsDeclaration
{
    public const string Module = "administration";

    public static readonly Right Users = new("access.users", Module,
        new LocalizedText("Пользователи", "Users"),
        new LocalizedText("Создавать, изменять и отключать пользователей, сбрасывать пароли, назначать отделы.",
            "Create, edit and disable users, reset passwords, set departments."),
        helpChapter: "administration-users");

    public static readonly Right Groups = new("access.groups", Module,
        new LocalizedText("Группы", "Groups"),
        new LocalizedText("Создавать, переименовывать и удалять группы, менять их состав.",
            "Create, rename and delete groups, change their members."),
        helpChapter: "administration-groups");

    public static readonly Right Rights = new("access.rights", Module,
        new LocalizedText("Таблица прав", "Table of rights"),
        new LocalizedText("Выдавать и отзывать права группам и отдельным пользователям.",
            "Grant and revoke rights for groups and individual users."),
        helpChapter: "administration-rights");

    public static readonly Right Departments = new("access.departments", Module,
        new LocalizedText("Отделы", "Departments"),
        new LocalizedText("Вести дерево отделов организации.", "Maintain the organization's department tree."),
        helpChapter: "administration-departments");

    /// <summary>Seeing users and their effective rights, without changing anything; scoped by department.</summary>
    public static readonly Right ViewUsers = new("access.users.view", Module,
        new LocalizedText("Просмотр пользователей", "View users"),
        new LocalizedText("Видеть пользователей, их группы и действующие права (свои, своего отдела или всех).",
            "See users, their groups and effective rights (oneself, one's department, or everyone)."),
        hasScope: true,
        impliedBy: [Users, Rights, Groups],
        helpChapter: "administration-users");

    /// <summary>Moving a user to another department changes what they see, so it needs the right over departments.</summary>
    public static readonly FieldRight UserDepartment = new("admin.user", "DepartmentId", Departments);

    /// <summary>Putting a user into groups is the administration of groups, wherever it is done.</summary>
    public static readonly FieldRight UserGroups = new("admin.user", "Groups", Groups);

    IEnumerable<Right> IRightsDeclaration.Rights => [Users, Groups, Rights, Departments, ViewUsers];

    IEnumerable<FieldRight> IRightsDeclaration.FieldRights => [UserDepartment, UserGroups];
}

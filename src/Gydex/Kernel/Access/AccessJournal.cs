using Gydex.Kernel.EventLog;

namespace Gydex.Kernel.Access;

/// <summary>What the journal records of the table of rights, groups and departments — and of refused attempts.</summary>
public sealed class AccessJournal : IJournalActions
{
    public const string Module = "access";

    public static readonly JournalAction Denied = new("access.denied", Module, new LocalizedText("Доступ запрещён", "Access denied"));

    public static readonly JournalAction GroupCreated = new("group.created", Module, new LocalizedText("Группа создана", "Group created"));

    public static readonly JournalAction GroupChanged = new("group.changed", Module, new LocalizedText("Группа изменена", "Group changed"));

    public static readonly JournalAction GroupDeleted = new("group.deleted", Module, new LocalizedText("Группа удалена", "Group deleted"));

    public static readonly JournalAction MemberAdded = new("group.member.added", Module, new LocalizedText("Пользователь добавлен в группу", "User added to a group"));

    public static readonly JournalAction MemberRemoved = new("group.member.removed", Module, new LocalizedText("Пользователь исключён из группы", "User removed from a group"));

    public static readonly JournalAction GroupRightGranted = new("group.right.granted", Module, new LocalizedText("Право выдано группе", "Right granted to a group"));

    public static readonly JournalAction GroupRightChanged = new("group.right.changed", Module, new LocalizedText("Право группы изменено", "Group's right changed"));

    public static readonly JournalAction GroupRightRevoked = new("group.right.revoked", Module, new LocalizedText("Право группы отозвано", "Right taken from a group"));

    public static readonly JournalAction UserRightGranted = new("user.right.granted", Module, new LocalizedText("Индивидуальное право задано", "Individual right set"));

    public static readonly JournalAction UserRightChanged = new("user.right.changed", Module, new LocalizedText("Индивидуальное право изменено", "Individual right changed"));

    public static readonly JournalAction UserRightRemoved = new("user.right.removed", Module, new LocalizedText("Индивидуальное право снято", "Individual right removed"));

    public static readonly JournalAction DepartmentCreated = new("department.created", Module, new LocalizedText("Отдел создан", "Department created"));

    public static readonly JournalAction DepartmentChanged = new("department.changed", Module, new LocalizedText("Отдел изменён", "Department changed"));

    public static readonly JournalAction DepartmentDeleted = new("department.deleted", Module, new LocalizedText("Отдел удалён", "Department deleted"));

    IEnumerable<JournalAction> IJournalActions.Actions =>
    [
        Denied, GroupCreated, GroupChanged, GroupDeleted, MemberAdded, MemberRemoved,
        GroupRightGranted, GroupRightChanged, GroupRightRevoked, UserRightGranted, UserRightChanged, UserRightRemoved,
        DepartmentCreated, DepartmentChanged, DepartmentDeleted,
    ];

    public static IServiceCollection AddAccessJournal(IServiceCollection services) => services
        .AddJournalActions<AccessJournal>()
        .AddJournaled<Group>(j => j
            .Records(GroupCreated, GroupChanged, GroupDeleted)
            .Document("group", g => g.Id.ToString(), (g, _) => g.Name)
            .AffectsGroup(g => g.Id)
            .Ignore(nameof(Group.Id)))
        .AddJournaled<GroupMember>(j => j
            .Records(MemberAdded, null, MemberRemoved)
            .Document("group", m => m.GroupId.ToString(), (m, db) => db.Find<Group>(m.GroupId)?.Name)
            .AffectsUser(m => m.UserId)
            .AffectsGroup(m => m.GroupId)
            .Ignore(nameof(GroupMember.GroupId), nameof(GroupMember.UserId)))
        .AddJournaled<GroupGrant>(j => j
            .Records(GroupRightGranted, GroupRightChanged, GroupRightRevoked)
            .Document("group", g => g.GroupId.ToString(), (g, db) => db.Find<Group>(g.GroupId)?.Name)
            .AffectsGroup(g => g.GroupId)
            .Ignore(nameof(GroupGrant.GroupId)))
        .AddJournaled<UserGrant>(j => j
            .Records(UserRightGranted, UserRightChanged, UserRightRemoved)
            .Document("user", g => g.UserId.ToString(), (g, db) => db.Find<Identity.GydexUser>(g.UserId)?.UserName)
            .AffectsUser(g => g.UserId)
            .Ignore(nameof(UserGrant.UserId)))
        .AddJournaled<Department>(j => j
            .Records(DepartmentCreated, DepartmentChanged, DepartmentDeleted)
            .Document("department", d => d.Id.ToString(), (d, _) => d.Name)
            .Ignore(nameof(Department.Id)));
}

/// <summary>Refused attempts go to the journal, with the right that was missing.</summary>
public sealed class JournalAccessDenialRecorder(Journal journal) : IAccessDenialRecorder
{
    public Task RecordAsync(AccessDenial denial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(denial);
        return journal.RecordAsync(new JournalEntry(AccessJournal.Denied)
        {
            Right = denial.Right,
            Comment = $"{denial.Method} {denial.Path}",
        }, cancellationToken);
    }
}

using Gydex.Kernel.Access;
using Gydex.Kernel.EventLog;

namespace Gydex.Modules.Operations;

/// <summary>What operations record in an organization's journal.</summary>
public sealed class OperationsJournal : IJournalActions
{
    public const string Module = "operations";

    public static readonly JournalAction Restored = new("backup.restored", Module, new LocalizedText("Восстановлено из резервной копии", "Restored from a backup"));
    public static readonly JournalAction SupportEntered = new("support.entered", Module, new LocalizedText("Поддержка вошла от имени сотрудника", "Support entered as an employee"));
    public static readonly JournalAction SupportApproved = new("support.approved", Module, new LocalizedText("Вход поддержки разрешён", "Support entry approved"));

    public static readonly JournalAction SupportSettingChanged = new("support.setting", Module, new LocalizedText("Изменено правило входа поддержки", "Support entry rule changed"));

    IEnumerable<JournalAction> IJournalActions.Actions => [Restored, SupportEntered, SupportApproved, SupportSettingChanged];
}

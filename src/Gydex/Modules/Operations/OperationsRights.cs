using Gydex.Kernel.Access;

namespace Gydex.Modules.Operations;

/// <summary>An organization's say over support: whether support needs approval to enter its test copy, and approving.</summary>
public sealed class OperationsRights : IRightsDeclaration
{
    public const string Module = "operations";

    public static readonly Right Support = new("operations.support", Module,
        new LocalizedText("Доступ поддержки", "Support access"),
        new LocalizedText("Решать, нужно ли разрешение администратора для входа поддержки в тестовую копию, и разрешать вход.",
            "Decide whether support needs an administrator's approval to enter the test copy, and approve it."),
        helpChapter: "operations-support");

    IEnumerable<Right> IRightsDeclaration.Rights => [Support];
}

using Gydex.Kernel.Access;

namespace Gydex.Kernel.Help;

/// <summary>The rights of the help module.</summary>
public sealed class HelpRights : IRightsDeclaration
{
    public static readonly Right Manage = new("help.manage", "help",
        new LocalizedText("Справка организации", "Organization's help"),
        new LocalizedText("Добавлять и изменять собственные главы справки организации.", "Add and edit the organization's own help chapters."),
        helpChapter: "help-manage");

    public IEnumerable<Right> Rights => [Manage];
}

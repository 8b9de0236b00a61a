using Gydex.Kernel.Access;

namespace Gydex.Modules.Administration;

/// <summary>The text keys under which scopes are shown: "department" always means the department and those below it.</summary>
public static class ScopeTexts
{
    public static string Key(RightScope scope) => scope switch
    {
        RightScope.Own => "Own",
        RightScope.Department => "Department and below",
        _ => "All",
    };
}

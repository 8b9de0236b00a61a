namespace Gydex.Kernel.Access;

/// <summary>Text in both UI languages, declared beside what it names.</summary>
public sealed record LocalizedText(string Ru, string En)
{
    public string For(string language) => language == "ru" ? Ru : En;

    public string Current => For(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
}

/// <summary>
/// One right of the table of rights, declared once by the module that owns it (in its <c>XxxRights.cs</c>)
/// and used by the endpoint guard, the tag helper, the menu, the help and the event log alike.
/// </summary>
public sealed class Right
{
    public Right(string code, string module, LocalizedText title, LocalizedText description, bool hasScope = false,
        IReadOnlyList<Right>? impliedBy = null, string? helpChapter = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(module);
        Code = code;
        Module = module;
        Title = title;
        Description = description;
        HasScope = hasScope;
        ImpliedBy = impliedBy ?? [];
        HelpChapter = helpChapter;
    }

    /// <summary>Stable code such as <c>access.users</c>; stored in grants, so never renamed.</summary>
    public string Code { get; }

    public string Module { get; }

    public LocalizedText Title { get; }

    public LocalizedText Description { get; }

    /// <summary>Whether the right applies to documents with a data scope (own, department, all).</summary>
    public bool HasScope { get; }

    /// <summary>Rights whose holder has this one too (e.g. <c>contacts.edit</c> is implied by <c>contacts.manage</c>).</summary>
    public IReadOnlyList<Right> ImpliedBy { get; }

    /// <summary>The help chapter this right unlocks.</summary>
    public string? HelpChapter { get; }

    public override string ToString() => Code;
}

/// <summary>The data scope of a right on documents; the widest among a user's grants wins.</summary>
public enum RightScope
{
    /// <summary>Documents the user is responsible for or authored.</summary>
    Own = 1,

    /// <summary>Documents of the user's department and the departments below it.</summary>
    Department = 2,

    All = 3,
}

/// <summary>A module's list of the rights it declares; registered with <see cref="AccessModule.AddRights{T}"/>.</summary>
public interface IRightsDeclaration
{
    IEnumerable<Right> Rights { get; }

    /// <summary>The module's fields that need a right of their own to change.</summary>
    IEnumerable<FieldRight> FieldRights => [];
}

using System.Collections.Frozen;
using System.Reflection;
using Gydex.Kernel.Access;

namespace Gydex.Kernel.EventLog;

/// <summary>
/// One kind of journal record (e.g. <c>signin.failed</c>), declared once by the module that records it, in its
/// list of actions. Mandatory actions are always recorded; administrators may switch optional ones off.
/// </summary>
public sealed class JournalAction
{
    public JournalAction(string code, string module, LocalizedText name, bool optional = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(module);
        if (code.Length > JournalRecord.ActionMaxLength)
            throw new ArgumentException($"The action code '{code}' is longer than {JournalRecord.ActionMaxLength}.", nameof(code));
        Code = code;
        Module = module;
        Name = name;
        Optional = optional;
    }

    /// <summary>Stored in every record, so never renamed.</summary>
    public string Code { get; }

    public string Module { get; }

    public LocalizedText Name { get; }

    public bool Optional { get; }

    public override string ToString() => Code;
}

/// <summary>A module's list of the actions it records; registered with <see cref="JournalModule.AddJournalActions{T}"/>.</summary>
public interface IJournalActions
{
    IEnumerable<JournalAction> Actions { get; }
}

/// <summary>
/// Every declared action. An action object that exists in code but is in no module's list, or a code declared
/// twice, stops the start: a record can never carry an action nobody declared.
/// </summary>
public sealed class JournalActionCatalog
{
    private readonly FrozenDictionary<string, JournalAction> byCode;

    public JournalActionCatalog(IEnumerable<IJournalActions> declarations)
    {
        ArgumentNullException.ThrowIfNull(declarations);
        var codes = new Dictionary<string, JournalAction>(StringComparer.Ordinal);
        foreach (var action in declarations.SelectMany(d => d.Actions))
        {
            if (!codes.TryAdd(action.Code, action))
                throw new InvalidOperationException($"The journal action '{action.Code}' is declared twice.");
        }

        byCode = codes.ToFrozenDictionary(StringComparer.Ordinal);
        Actions = [.. codes.Values.OrderBy(a => a.Module, StringComparer.Ordinal).ThenBy(a => a.Code, StringComparer.Ordinal)];
    }

    public IReadOnlyList<JournalAction> Actions { get; }

    public JournalAction? Find(string code) => byCode.GetValueOrDefault(code);

    public bool IsDeclared(JournalAction action) =>
        action is not null && byCode.TryGetValue(action.Code, out var declared) && ReferenceEquals(declared, action);

    /// <summary>The actions held in static fields of the assembly's types that no module's list declares.</summary>
    public IEnumerable<string> UndeclaredIn(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        foreach (var type in assembly.GetTypes())
        {
            foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            {
                if (field.FieldType == typeof(JournalAction) && field.GetValue(null) is JournalAction action && !IsDeclared(action))
                    yield return $"{type.Name}.{field.Name} ('{action.Code}')";
            }
        }
    }
}

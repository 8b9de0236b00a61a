using System.Globalization;

namespace Gydex.CommerceML;

public enum CommerceMLProblemSeverity
{
    /// <summary>Something odd the reader worked around (a value it could not parse is left null).</summary>
    Warning,

    /// <summary>The file cannot be read further.</summary>
    Fatal,
}

/// <summary>A problem found in a file, with where it is and what was written there.</summary>
public sealed record CommerceMLProblem(
    CommerceMLProblemSeverity Severity,
    string Message,
    int Line,
    int Position,
    string Path,
    string? Value)
{
    public override string ToString()
    {
        var where = string.Create(CultureInfo.InvariantCulture, $"line {Line}, position {Position}");
        var text = $"{where}: {Message}";
        if (Path.Length > 0)
            text += $" at {Path}";
        if (Value is not null)
            text += $" (value: \"{(Value.Length > 200 ? Value[..200] + "…" : Value)}\")";
        return text;
    }
}

/// <summary>What the caller wants after a warning.</summary>
public enum ProblemAction
{
    Continue,
    Stop,
}

/// <summary>The file cannot be read (malformed, hostile, truncated, a 3.x file) or the caller chose to stop.</summary>
public sealed class CommerceMLException : Exception
{
    public CommerceMLException(CommerceMLProblem problem, Exception? inner = null)
        : base(problem.ToString(), inner) => Problem = problem;

    public CommerceMLException()
        : this(new CommerceMLProblem(CommerceMLProblemSeverity.Fatal, "CommerceML error", 0, 0, "", null))
    {
    }

    public CommerceMLException(string message)
        : this(new CommerceMLProblem(CommerceMLProblemSeverity.Fatal, message, 0, 0, "", null))
    {
    }

    public CommerceMLException(string message, Exception inner)
        : this(new CommerceMLProblem(CommerceMLProblemSeverity.Fatal, message, 0, 0, "", null), inner)
    {
    }

    public CommerceMLProblem Problem { get; }

    public int Line => Problem.Line;

    public int Position => Problem.Position;
}

/// <summary>Limits and callbacks of <see cref="CommerceMLReader"/>.</summary>
public sealed record CommerceMLReaderOptions
{
    /// <summary>Deepest element nesting allowed (real files stay under 15).</summary>
    public int MaxDepth { get; init; } = 64;

    public int MaxAttributesPerElement { get; init; } = 64;

    /// <summary>Longest run of characters between markup (a text node or an attribute value), in bytes.</summary>
    public int MaxTextLength { get; init; } = 16 * 1024 * 1024;

    /// <summary>Unknown elements kept per record; past this they are skipped with a warning.</summary>
    public int MaxExtrasPerRecord { get; init; } = 10_000;

    /// <summary>How many problems <see cref="CommerceMLReader.Problems"/> keeps (all are counted and passed to the handler).</summary>
    public int MaxProblemsKept { get; init; } = 1_000;

    /// <summary>Called for every warning; <see cref="ProblemAction.Stop"/> ends reading with a <see cref="CommerceMLException"/>.</summary>
    public Func<CommerceMLProblem, ProblemAction>? ProblemHandler { get; init; }
}

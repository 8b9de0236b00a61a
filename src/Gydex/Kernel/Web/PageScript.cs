namespace Gydex.Kernel.Web;

/// <summary>
/// A script a module adds to every page of a signed-in user holding <paramref name="Right"/> (e.g. the task reminder).
/// The layout only writes the tag, so a page never waits for the module: the script fetches what it shows itself from
/// <paramref name="Data"/> (relative to the organization, <c>~/…</c>).
/// </summary>
public sealed record PageScript(string Src, string Data, Gydex.Kernel.Access.Right Right);

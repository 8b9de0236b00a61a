using Gydex.Kernel.Persistence;

namespace Gydex.Tests.Infrastructure;

/// <summary>
/// Which database the suite runs on: <c>GYDEX_TEST_PROVIDER</c> = Sqlite (default) or Postgres, with
/// <c>GYDEX_TEST_POSTGRES</c> a server connection string (a superuser of a throwaway cluster; ./test.sh starts one).
/// </summary>
public static class TestEnvironment
{
    public static StorageProvider Provider { get; } =
        Enum.TryParse<StorageProvider>(Environment.GetEnvironmentVariable("GYDEX_TEST_PROVIDER"), ignoreCase: true, out var p)
            ? p
            : StorageProvider.Sqlite;

    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("GYDEX_TEST_POSTGRES") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException("GYDEX_TEST_PROVIDER=Postgres needs GYDEX_TEST_POSTGRES (a server connection string); ./test.sh sets both.");

    /// <summary>The repository root (the folder holding Gydex.slnx).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gydex.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Gydex.slnx not found above " + AppContext.BaseDirectory);
    }
}

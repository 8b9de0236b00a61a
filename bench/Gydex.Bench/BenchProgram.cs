using BenchmarkDotNet.Running;

namespace Gydex.Bench;

public static class BenchProgram
{
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(BenchProgram).Assembly).Run(args);
}

using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Qiwi.Benchmarks -- --filter '*'              (full: the numbers in docs/benchmarks.md)
// dotnet run -c Release --project benchmarks/Qiwi.Benchmarks -- --filter '*' --job short  (a quick pass)
BenchmarkSwitcher.FromAssembly(typeof(Qiwi.Benchmarks.ClientBenchmarks).Assembly).Run(args);

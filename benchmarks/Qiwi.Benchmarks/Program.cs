using BenchmarkDotNet.Running;
using Qiwi.Benchmarks.Tools;

// dotnet run -c Release --project benchmarks/Qiwi.Benchmarks -- --filter '*'              (full: the numbers in docs/benchmarks.md)
// dotnet run -c Release --project benchmarks/Qiwi.Benchmarks -- --filter '*' --job short  (a quick pass)
// ... -- generate <spec> <folder>       the generator as a whole process (benchmarks/generation-vs-nswag.sh)
// ... -- generate-cpu <spec> <rounds> <iterations> [case...]   the full run taken apart in CPU time, alternating
// ... -- emit-units <spec> <rounds> <iterations>   the emit phase per unit kind in CPU time, its allocation beyond the output, and its floors
// ... -- generate-steps <spec> <warm-up> <runs>   where a full run goes by the driver's own step timings
// ... -- in-russian <spec> <file>      the spec with every description's letters in Cyrillic (tests/Shared/SpecInRussian.cs), for the commands above
// ... -- generate-loop <spec> <runs>   that many full generator runs in one process, for a profiler (benchmarks/profile-generator.sh)
// ... -- read-loop <spec> <runs>       that many spec reads (load + model, no emit) in one process, for a profiler (RUNS=... MODE=read-loop benchmarks/profile-generator.sh)
// ... -- generate-nswag <spec> <file> [<namespace> <class>]   NSwag (in process, same host) as a whole process (the same script)
// ... -- scale-generation <spec> <rounds> <factor>... [--nswag]   generation time vs spec size (benchmarks/generation-scaling.sh)
// ... -- load <url> <seconds> <conns>   a bounded load over loopback (benchmarks/sandbox-throughput.sh)
// ... -- fill <url> <count> <conns>     creates that many invoices in a sandbox (benchmarks/sandbox-scaling.sh)
// ... -- notify-cpu [rounds] [iterations]   notification parse + verify against the HMAC floor in CPU time, alternating
// ... -- client-cpu [rounds] [iterations]   each client operation against the hand-written baseline in CPU time, alternating
return args.FirstOrDefault() switch
{
    "generate" => GenerateCommand.Run(args[1], args[2]),
    "generate-steps" => GenerateStepsCommand.Run(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture)),
    "in-russian" => InRussian(args[1], args[2]),
    "generate-loop" => GenerateCommand.RunLoop(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)),
    "read-loop" => GenerateCommand.RunReadLoop(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)),
    "generate-nswag" when args.Length >= 5 => await GenerateCommand.RunNSwagAsync(args[1], args[2], args[3], args[4]),
    "generate-nswag" => await GenerateCommand.RunNSwagAsync(args[1], args[2]),
    "load" => await LoadCommand.RunAsync(args),
    "fill" => await FillCommand.RunAsync(args),
    "notify-cpu" => NotificationCpuCommand.Run(args),
    "client-cpu" => ClientCpuCommand.Run(args),
    "generate-cpu" => GenerateCpuCommand.Run(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture), args[4..]),
    "emit-units" => EmitUnitsCommand.Run(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture)),
    "scale-generation" => await GenerationScalingCommand.RunAsync(args),
    _ => Run(args),
};

static int InRussian(string spec, string file)
{
    File.WriteAllText(file, Qiwi.Testing.SpecInRussian.Of(File.ReadAllText(spec)));
    return 0;
}

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Qiwi.Benchmarks.ClientBenchmarks).Assembly).Run(args);
    return 0;
}

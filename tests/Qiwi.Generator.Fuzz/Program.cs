using System.Globalization;
using System.Text.Json;
using Qiwi.Generator.Fuzz;

// run <spec> <from> <count>            check seeds in this process (a child of `fuzz`)
// fuzz <spec> <from> <count> [batch]   check seeds in child processes and print the report
// mutant <spec> <seed>                 print one mutant (to reproduce a failure)
// report <results.jsonl> <from>        the report of results saved by `fuzz` (QIWI_FUZZ_RESULTS=file), e.g. of a stopped run
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: run|fuzz <spec> <from> <count> [batch] | mutant <spec> <seed>");
    return 2;
}

var from = int.Parse(args[2], CultureInfo.InvariantCulture);
if (args[0] == "report")
{
    var saved = File.ReadAllLines(args[1]).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<CheckResult>(l, FuzzSupervisor.Json)!).OrderBy(r => r.Seed).ToList();
    Console.WriteLine(FuzzReport.Markdown(saved, from));
    return saved.Any(r => r.Failure is not null) ? 1 : 0;
}

var spec = File.ReadAllText(args[1]);
switch (args[0])
{
    case "mutant":
        Console.Out.Write(SpecMutator.Mutate(spec, from).Text);
        return 0;
    case "run":
        var count = int.Parse(args[3], CultureInfo.InvariantCulture);
        var stdout = Console.Out;
        // For the supervisor's own test: die on this seed as a stack overflow would (no catch can stop it).
        var crashSeed = Environment.GetEnvironmentVariable("QIWI_FUZZ_CRASH_SEED");
        for (var seed = from; seed < from + count; seed++)
        {
            stdout.WriteLine("BEGIN " + seed.ToString(CultureInfo.InvariantCulture));
            stdout.Flush();
            if (crashSeed == seed.ToString(CultureInfo.InvariantCulture))
            {
                Environment.FailFast("QIWI_FUZZ_CRASH_SEED " + crashSeed);
            }

            var result = MutantCheck.Check(SpecMutator.Mutate(spec, seed));
            stdout.WriteLine("RESULT " + JsonSerializer.Serialize(result, FuzzSupervisor.Json));
            stdout.Flush();
        }

        return 0;
    case "fuzz":
        var total = int.Parse(args[3], CultureInfo.InvariantCulture);
        var done = 0;
        var save = Environment.GetEnvironmentVariable("QIWI_FUZZ_RESULTS");
        var supervisor = new FuzzSupervisor(Path.GetFullPath(args[1]))
        {
            BatchSize = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 250,
            Progress = result =>
            {
                if (!string.IsNullOrEmpty(save))
                {
                    File.AppendAllText(save, JsonSerializer.Serialize(result, FuzzSupervisor.Json) + "\n");
                }

                if (result.Failure is not null)
                {
                    Console.Error.WriteLine("FAILURE seed " + result.Seed + " (" + result.Kind + "): " + result.Failure + ": " + result.Detail);
                }

                if (++done % 100 == 0)
                {
                    Console.Error.WriteLine(DateTime.UtcNow.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " " + done + " of " + total + " mutants");
                }
            },
        };
        var results = supervisor.Run(from, total);
        Console.WriteLine(FuzzReport.Markdown(results, from));
        return results.Any(r => r.Failure is not null) ? 1 : 0;
    default:
        Console.Error.WriteLine("unknown mode " + args[0]);
        return 2;
}

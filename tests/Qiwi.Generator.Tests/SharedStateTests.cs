using System.Reflection;
using System.Runtime.CompilerServices;
using Qiwi.Generator;

namespace Qiwi.Generator.Tests;

/// <summary>
/// The generator runs on several threads at once (the compiler server builds projects in parallel), and it keeps buffers,
/// pools and a node arena from run to run per thread. A static field that can be assigned is such a per-thread spare
/// only while it is <c>[ThreadStatic]</c>; without the attribute, two threads would share one pool or arena, which the
/// concurrent-read tests catch only when two reads happen to meet in a window of a few instructions. This test reads
/// the generator's fields instead, so dropping the attribute, or adding a shared mutable static, fails every time.
/// </summary>
public sealed class SharedStateTests
{
    [Fact]
    public void Every_assignable_static_field_of_the_generator_is_per_thread()
    {
        var shared = new List<string>();
        var perThread = new List<string>();
        foreach (var type in typeof(QiwiGenerator).Assembly.GetTypes())
        {
            if (type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false))
            {
                continue;   // the compiler's cached lambdas (<>c): written once with the same delegate, by design
            }

            foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.IsLiteral || field.IsInitOnly)
                {
                    continue;
                }

                var name = type.FullName + "." + field.Name;
                (field.IsDefined(typeof(ThreadStaticAttribute), inherit: false) ? perThread : shared).Add(name);
            }
        }

        Assert.True(shared.Count == 0, "static fields that can be assigned and are shared by every thread: " + string.Join(", ", shared));

        // The spares the read and emit sides keep per thread; a rename or a new one is a deliberate change to this list.
        Assert.Equal(
            new[]
            {
                "Qiwi.Generator.Checkpoint.t_hook", // tests only: null in a real run
                "Qiwi.Generator.Emit.CodeWriter.t_cached",
                "Qiwi.Generator.Emit.CodeWriter.t_copy",
                "Qiwi.Generator.Emit.CodeWriter.t_file",
                "Qiwi.Generator.Emit.RedirectEmitter.t_kept",
                "Qiwi.Generator.Emit.XmlDoc.t_normalized",
                "Qiwi.Generator.Emit.XmlDoc.t_text",
                "Qiwi.Generator.Parsing.Naming._buffer",
                "Qiwi.Generator.Parsing.NodeArena._spare",
                "Qiwi.Generator.Parsing.SlicePool._spare",
                "Qiwi.Generator.Parsing.YamlLoader+TreeBuilder._spareFrames",
                "Qiwi.Generator.Scratch.t_builder",
            },
            perThread.Order(StringComparer.Ordinal));
    }
}

using System;
using System.Threading;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Qiwi.Generator.Input;

/// <summary>
/// When a project without a spec is told so (QIWI0020): in an MSBuild build only (the SDK makes ProjectDir visible to
/// every generator), so a compilation made in code with no spec, as tests make them, is not warned.
/// </summary>
internal static class NoSpecWarning
{
    /// <summary>
    /// The namespace the code would have gone to (the project's root namespace), or null outside an MSBuild build, and
    /// null when the host fails to give the global options: the warning is lost, not every generated file (an exception
    /// out of this step would be CS8785). The driver's cancellation goes through.
    /// </summary>
    public static string? Namespace(AnalyzerConfigOptionsProvider provider, CancellationToken cancellationToken)
    {
        try
        {
            return Namespace(provider.GlobalOptions);
        }
        catch (Exception exception) when (!Checkpoint.IsCancellation(exception, cancellationToken))
        {
            return null;
        }
    }

    private static string? Namespace(AnalyzerConfigOptions global)
    {
        if (!global.TryGetValue("build_property.ProjectDir", out var projectDir) || string.IsNullOrEmpty(projectDir))
        {
            return null;
        }

        return global.TryGetValue("build_property.RootNamespace", out var rootNamespace) && !string.IsNullOrWhiteSpace(rootNamespace)
            ? rootNamespace.Trim()
            : "(the project's root namespace)";
    }
}

using System.Text.RegularExpressions;

namespace Qiwi.Runtime;

/// <summary>
/// Builds the spec's patterns for generated code. A pattern the linear-time engine
/// (<see cref="RegexOptions.NonBacktracking"/>) can run is built with it, so no value from outside can make its check
/// take more than time proportional to the value (<c>^(a+)+$</c> answers 100,000 <c>a</c>s and a <c>!</c> at once).
/// A pattern that engine refuses (backreferences, lookarounds, atomic groups, conditionals, or an automaton too large)
/// is built with the backtracking engine, with <see cref="MatchTimeout"/>, and the checks
/// (<see cref="QiwiFieldCheck.Pattern"/>, <see cref="QiwiGuard.Pattern"/>) refuse a value whose check ran out of it.
/// </summary>
public static class QiwiPattern
{
    /// <summary>The match timeout of a pattern the backtracking engine runs: 1 second.</summary>
    public static TimeSpan MatchTimeout { get; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The regex of <paramref name="pattern"/> (culture-invariant), with the linear-time engine where the pattern
    /// allows it. Throws <see cref="ArgumentException"/> for a pattern that is no .NET regular expression (the
    /// generator refuses those, QIWI0004).
    /// </summary>
    public static Regex Compile(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        try
        {
            // No timeout: this engine's time is linear in the value, and a timeout costs every match a clock read
            // (about a quarter of a short value's check).
            return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            // A construct the linear-time engine does not have: the backtracking engine, bounded by the timeout.
            return new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
        }
    }
}

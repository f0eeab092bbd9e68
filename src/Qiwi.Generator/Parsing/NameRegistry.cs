using System;
using System.Collections.Generic;
using Qiwi.Generator.Diagnostics;

namespace Qiwi.Generator.Parsing;

/// <summary>
/// Claims every name the generator writes and reports QIWI0006 when two things would get the same one.
/// Top-level type names are compared ignoring case: each type has its own file, and Roslyn's hint names
/// (like Windows and macOS file systems) ignore case, so <c>bill</c> and <c>Bill</c> cannot both exist.
/// Members, parameters and locals are compared as C# does (ordinal), each within its own scope.
/// </summary>
internal sealed class NameRegistry
{
    private readonly ParseContext _context;
    private readonly Dictionary<string, Phrase> _types = new(StringComparer.OrdinalIgnoreCase);

    private readonly string _namespace;

    public NameRegistry(ParseContext context, string clientName, string ns)
    {
        _context = context;
        _namespace = ns;

        // Always reserved, whether or not the spec has operations, redirects or patterns: adding an
        // operation later must not turn a schema name into a collision.
        Reserve(Naming.ClientInterface(clientName), "the client interface");
        Reserve(Naming.ClientClass(clientName), "the client");
        Reserve(Naming.ResultCodes(clientName), "the result code catalog");
        Reserve(Naming.Redirects(clientName), "the redirect builders");
        Reserve(Naming.Patterns(clientName), "the pattern table");
        Reserve(Naming.ServiceCollectionExtensions(clientName), "the dependency injection extensions");
        Reserve(Naming.PathChecks(clientName), "the path parameter checks");
        Reserve(Naming.ClientOptions(clientName), "the client options");
    }

    /// <summary>Claims a top-level type name (and so its file); false, after QIWI0006 at <paramref name="span"/>, when taken.</summary>
    public bool ClaimType(string name, Phrase owner, SourceSpan span)
    {
        if (_types.TryGetValue(name, out var other))
        {
            _context.Report(DiagnosticDescriptors.DuplicateIdentifier, span, name, other.ToString(), owner.ToString() + CaseNote(name));
            return false;
        }

        _types[name] = owner;
        return true;
    }

    /// <summary>The hint name of a claimed type's file (unique ignoring case, as its type name is).</summary>
    public string HintName(string typeName, string? part = null) => Naming.HintName(_namespace, typeName, part);

    /// <summary>A new scope for the members (or parameters and locals) of one type or method.</summary>
    public static Scope NewScope() => new(0);

    /// <summary>A new scope sized for about <paramref name="capacity"/> names (no growing on the way).</summary>
    public static Scope NewScope(int capacity) => new(capacity);

    private void Reserve(string name, string owner) => _types[name] = owner;

    private string CaseNote(string name)
    {
        foreach (var pair in _types)
        {
            if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase) && !string.Equals(pair.Key, name, StringComparison.Ordinal))
            {
                return " ('" + pair.Key + "' and '" + name + "' differ only in case; generated file names ignore case)";
            }
        }

        return string.Empty;
    }

    /// <summary>Names within one type or method, compared as C# compares them.</summary>
    internal sealed class Scope
    {
        private readonly Dictionary<string, Phrase> _names;
        private HashSet<string>? _reserved;
        private Phrase _reservedOwner;

        public Scope(int capacity) => _names = new Dictionary<string, Phrase>(capacity, StringComparer.Ordinal);

        /// <summary>Reserves a name the emitter writes itself.</summary>
        public Scope Reserve(string name, Phrase owner)
        {
            _names[name] = owner;
            return this;
        }

        /// <summary>
        /// Reserves a fixed set of names with one owner (the set is shared, not copied); it takes precedence over the
        /// names reserved before it. Call it once, after the single names and before any claim.
        /// </summary>
        public Scope ReserveAll(HashSet<string> names, Phrase owner)
        {
            _reserved = names;
            _reservedOwner = owner;
            return this;
        }

        /// <summary>The owner of <paramref name="name"/> when it is taken.</summary>
        public string? OwnerOf(string name) => Owner(name)?.ToString();

        private Phrase? Owner(string name)
        {
            if (_reserved is not null && _reserved.Contains(name))
            {
                return _reservedOwner;
            }

            return _names.TryGetValue(name, out var owner) ? owner : (Phrase?)null;
        }

        /// <summary>
        /// Claims all of <paramref name="names"/> for <paramref name="owner"/>, or none: false, after QIWI0006
        /// at <paramref name="span"/>, when any is taken (or two of them are equal).
        /// </summary>
        public bool Claim(ParseContext context, SourceSpan span, Phrase owner, params string[] names)
        {
            for (var i = 0; i < names.Length; i++)
            {
                var other = Owner(names[i]) ?? (Array.IndexOf(names, names[i]) < i ? owner : (Phrase?)null);
                if (other is { } taken)
                {
                    context.Report(DiagnosticDescriptors.DuplicateIdentifier, span, names[i], taken.ToString(), owner.ToString());
                    return false;
                }
            }

            foreach (var name in names)
            {
                _names[name] = owner;
            }

            return true;
        }
    }
}

using System;
using System.Collections.Generic;
using Qiwi.Generator.Diagnostics;
using Qiwi.Generator.Model;

namespace Qiwi.Generator.Parsing;

/// <summary>
/// Claims every name the generator writes and reports QIWI0006 when two things would get the same one.
/// Top-level type names are compared ignoring case: each type has its own file, and Roslyn's hint names
/// (like Windows and macOS file systems) ignore case, so <c>bill</c> and <c>Bill</c> cannot both exist.
/// Members, parameters and locals are compared as C# does (ordinal), each within its own scope.
/// A top-level name is either generated (claimed for a type the spec makes: <see cref="ClaimType"/>, or reserved and
/// then found generated: <see cref="Generates"/>) or only reserved (a client type the spec does not make, which a
/// schema still may not take); <see cref="TypeNames"/> lists the generated ones, which the project may not declare.
/// </summary>
internal sealed class NameRegistry
{
    private readonly ParseContext _context;
    private readonly Dictionary<string, Phrase> _types = new(64, StringComparer.OrdinalIgnoreCase);

    // Where each top-level type's name is written in the spec: what a clash with the project's own type is reported at.
    private readonly List<TypePlace> _places = new(64);

    // The top-level names of the types the spec generates (claimed, or reserved and then generated), in claim order.
    private readonly List<string> _generated = new(64);

    private readonly string _namespace;

    // Where the client's name is written (x-qiwi-client.name or info.title), for the types named after it.
    private readonly SourceSpan _clientSpan;

    // The scope handed back last (emptied by LocalScope), for the next type or method.
    private Scope? _spareScope;

    public NameRegistry(ParseContext context, string clientName, string ns, SourceSpan clientSpan = default)
    {
        _context = context;
        _namespace = ns;
        _clientSpan = clientSpan;
        Patterns = Naming.Patterns(clientName);

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

    /// <summary>
    /// The pattern table's class, which the records' form readers, the client options and the redirect builders name in
    /// code: a member of theirs with its name would hide it (CS0119, CS0120), so each reserves it.
    /// </summary>
    public string Patterns { get; }

    /// <summary>Claims a top-level type name (and so its file); false, after QIWI0006 at <paramref name="span"/>, when taken.</summary>
    public bool ClaimType(string name, Phrase owner, SourceSpan span)
    {
        if (_types.TryGetValue(name, out var other))
        {
            _context.Report(DiagnosticDescriptors.DuplicateIdentifier, span, name, other.ToString(), owner.ToString() + CaseNote(name));
            return false;
        }

        _types[name] = owner;
        _places.Add(new TypePlace(name, span));
        _generated.Add(name);
        return true;
    }

    /// <summary>Marks a name reserved in the constructor (a client type) as one the spec generates after all.</summary>
    public void Generates(string reservedName)
    {
        if (!_types.ContainsKey(reservedName) || _generated.Contains(reservedName))
        {
            // A bug (a name never reserved, or marked twice): the caller reports it as QIWI9999 rather than a wrong claim.
            throw new System.InvalidOperationException("The type name " + reservedName + " was not reserved, or is marked generated twice.");
        }

        _generated.Add(reservedName);
    }

    /// <summary>
    /// The top-level types the spec generates (sorted, ordinal), without the reserved-only names: what the spec claims
    /// in its namespace (<see cref="Input.NamespaceClaim"/>). A name claimed for a part of the spec that an error then
    /// dropped stays in it (the build fails on that error anyway).
    /// </summary>
    public EquatableArray<string> TypeNames()
    {
        var names = _generated.ToArray();
        System.Array.Sort(names, System.StringComparer.Ordinal);
        return new EquatableArray<string>(names);
    }

    /// <summary>
    /// Every top-level type name claimed or reserved, with the place in the spec it comes from (sorted by name), for the
    /// check against the project's own types (<see cref="Input.Admission"/>): positions kept out of the model.
    /// </summary>
    public EquatableArray<TypePlace> Places()
    {
        var places = new List<TypePlace>(_places);
        places.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new EquatableArray<TypePlace>(places.ToArray());
    }

    /// <summary>The hint name of a claimed type's file (unique ignoring case, as its type name is).</summary>
    public string HintName(string typeName, string? part = null) => Naming.HintName(_namespace, typeName, part);

    /// <summary>A new scope for the members (or parameters and locals) of one type or method.</summary>
    public static Scope NewScope() => new(0, 0);

    /// <summary>A new scope sized for about <paramref name="names"/> names taken by <paramref name="owners"/> reservations and claims (no growing on the way).</summary>
    public static Scope NewScope(int names, int owners) => new(names, owners);

    /// <summary>
    /// A new scope as <see cref="NewScope(int, int)"/> gives, reusing the one last disposed (its dictionary and owner array
    /// kept, emptied): types and methods are read one after another, so one scope serves them all. Dispose it when done;
    /// a scope not yet disposed is never handed out again (a nested read gets a new one).
    /// </summary>
    public Scope LocalScope(int names, int owners)
    {
        var scope = _spareScope;
        if (scope is null)
        {
            return new Scope(names, owners, this);
        }

        _spareScope = null;
        return scope.Empty();
    }

    private void Reserve(string name, string owner)
    {
        _types[name] = owner;
        _places.Add(new TypePlace(name, _clientSpan));
    }

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
    internal sealed class Scope : IDisposable
    {
        // Each name maps to the index of its owner: one owner per reservation or claim, however many names it takes.
        private readonly Dictionary<string, int> _names;
        private readonly NameRegistry? _registry;
        private Phrase[] _owners;
        private int _ownerCount;
        private HashSet<string>? _reserved;
        private Phrase _reservedOwner;

        public Scope(int names, int owners, NameRegistry? registry = null)
        {
            _names = new Dictionary<string, int>(names, StringComparer.Ordinal);
            _owners = new Phrase[Math.Max(2, owners)];
            _registry = registry;
        }

        /// <summary>Hands a scope from <see cref="LocalScope"/> back to its registry for the next type or method.</summary>
        public void Dispose()
        {
            if (_registry is not null)
            {
                _registry._spareScope = this;
            }
        }

        /// <summary>This scope with no name, owner or reserved set: what a new one is.</summary>
        internal Scope Empty()
        {
            _names.Clear();
            Array.Clear(_owners, 0, _ownerCount);
            _ownerCount = 0;
            _reserved = null;
            _reservedOwner = default;
            return this;
        }

        /// <summary>Reserves a name the emitter writes itself.</summary>
        public Scope Reserve(string name, Phrase owner)
        {
            _names[name] = AddOwner(owner);
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

            return _names.TryGetValue(name, out var owner) ? _owners[owner] : (Phrase?)null;
        }

        private int AddOwner(Phrase owner)
        {
            if (_ownerCount == _owners.Length)
            {
                Array.Resize(ref _owners, _owners.Length * 2);
            }

            _owners[_ownerCount] = owner;
            return _ownerCount++;
        }

        /// <summary>Claims <paramref name="name"/> for <paramref name="owner"/>: false, after QIWI0006 at <paramref name="span"/>, when it is taken.</summary>
        public bool Claim(ParseContext context, SourceSpan span, Phrase owner, string name)
            => Claim(context, span, owner, new Names(name, null, null, null, 1));

        /// <summary>Claims both names, or neither (see <see cref="Claim(ParseContext, SourceSpan, Phrase, Names)"/>).</summary>
        public bool Claim(ParseContext context, SourceSpan span, Phrase owner, string first, string second)
            => Claim(context, span, owner, new Names(first, second, null, null, 2));

        /// <summary>Claims all three names, or none (see <see cref="Claim(ParseContext, SourceSpan, Phrase, Names)"/>).</summary>
        public bool Claim(ParseContext context, SourceSpan span, Phrase owner, string first, string second, string third)
            => Claim(context, span, owner, new Names(first, second, third, null, 3));

        /// <summary>Claims all four names, or none (see <see cref="Claim(ParseContext, SourceSpan, Phrase, Names)"/>).</summary>
        public bool Claim(ParseContext context, SourceSpan span, Phrase owner, string first, string second, string third, string fourth)
            => Claim(context, span, owner, new Names(first, second, third, fourth, 4));

        /// <summary>
        /// Claims all of <paramref name="names"/> (up to four) for <paramref name="owner"/>, or none: false, after
        /// QIWI0006 at <paramref name="span"/>, when any is taken (or two of them are equal).
        /// </summary>
        private bool Claim(ParseContext context, SourceSpan span, Phrase owner, Names names)
        {
            for (var i = 0; i < names.Count; i++)
            {
                var other = Owner(names[i]) ?? (names.IndexOf(names[i]) < i ? owner : (Phrase?)null);
                if (other is { } taken)
                {
                    context.Report(DiagnosticDescriptors.DuplicateIdentifier, span, names[i], taken.ToString(), owner.ToString());
                    return false;
                }
            }

            var index = AddOwner(owner);
            for (var i = 0; i < names.Count; i++)
            {
                _names[names[i]] = index;
            }

            return true;
        }

        /// <summary>Up to four names without an array.</summary>
        private readonly struct Names
        {
            private readonly string? _a;
            private readonly string? _b;
            private readonly string? _c;
            private readonly string? _d;

            public Names(string a, string? b, string? c, string? d, int count)
            {
                _a = a;
                _b = b;
                _c = c;
                _d = d;
                Count = count;
            }

            public int Count { get; }

            public string this[int index] => (index switch { 0 => _a, 1 => _b, 2 => _c, _ => _d })!;

            public int IndexOf(string name)
            {
                for (var i = 0; i < Count; i++)
                {
                    if (string.Equals(this[i], name, StringComparison.Ordinal))
                    {
                        return i;
                    }
                }

                return -1;
            }
        }
    }
}

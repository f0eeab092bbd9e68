using System;
using System.Collections.Generic;
using System.Text;
using Qiwi.Generator.Model;

namespace Qiwi.Generator.Emit;

/// <summary>
/// The regular expressions of the spec, one static field per distinct pattern, named after its
/// first user. (The Regex source generator cannot run on generated code, so these are plain fields.)
/// The names are assigned once from the model (<see cref="For"/>), in the order the files use them, so every
/// file can be emitted alone and the table is an equatable value.
/// </summary>
internal sealed record PatternTable(string ClassName, EquatableArray<PatternField> Fields)
{
    public bool IsEmpty => Fields.Count == 0;

    /// <summary>Appends the field of <paramref name="pattern"/> (<c>Class.Field</c>); its first user is named <paramref name="owner"/> + <paramref name="member"/>.</summary>
    public StringBuilder AppendField(StringBuilder builder, string pattern, string owner, string member)
    {
        foreach (var entry in Fields)
        {
            if (entry.Pattern == pattern)
            {
                return builder.Append(ClassName).Append('.').Append(entry.Name);
            }
        }

        // A bug (the assignment missed a user): the caller reports it as QIWI9999, never a dangling name.
        throw new InvalidOperationException("The pattern of " + owner + member + " has no field in " + ClassName + ".");
    }

    /// <summary>
    /// Names the patterns in the order the files use them: the client's parameters, the options, the redirect
    /// builders, the form readers, the path checks; the first user of a pattern gives its name.
    /// </summary>
    public static PatternTable For(SpecModel spec)
    {
        var builder = new Builder(spec.Names.Patterns);
        Walk(spec, builder);
        return new PatternTable(spec.Names.Patterns, new EquatableArray<PatternField>(builder.Fields));
    }

    /// <summary>
    /// Whether <see cref="For"/> would give a table with a field (so the spec generates the table's class): the same walk,
    /// naming nothing (the parser asks this for every read spec, to know the class is a type the spec generates).
    /// </summary>
    public static bool HasAny(SpecModel spec)
    {
        var builder = new Builder(className: null);
        Walk(spec, builder);
        return builder.Found;
    }

    /// <summary>Hands every guarded or checked value of the spec to <paramref name="builder"/>, in the order the files use them.</summary>
    private static void Walk(SpecModel spec, Builder builder)
    {
        if (spec.Operations.Count > 0)
        {
            foreach (var operation in spec.Operations)
            {
                // In ParameterCode.Ordered's order (required ones first), without making its list.
                foreach (var parameter in operation.Parameters)
                {
                    if (ParameterCode.IsListed(parameter) && ParameterCode.IsFirst(parameter, false))
                    {
                        builder.Guarded(parameter, operation.Name);
                    }
                }

                foreach (var parameter in operation.Parameters)
                {
                    if (ParameterCode.IsListed(parameter) && !ParameterCode.IsFirst(parameter, false))
                    {
                        builder.Guarded(parameter, operation.Name);
                    }
                }
            }

            foreach (var parameter in spec.ClientParameters)
            {
                builder.Guarded(parameter, spec.Names.Options);
            }
        }

        // A signed builder guards the same parameters as the unsigned one, so it names nothing new.
        foreach (var redirect in spec.Redirects)
        {
            if (redirect.Kind == RedirectKind.Outbound)
            {
                foreach (var parameter in ParameterCode.InOrder(redirect.Parameters))
                {
                    if (redirect.Signature is null || parameter.WireName != redirect.Signature.Target)
                    {
                        builder.Guarded(parameter, redirect.Name);
                    }
                }
            }
            else
            {
                // An inbound redirect's parser checks what it read (RedirectEmitter.AppendInboundChecks).
                foreach (var parameter in redirect.Parameters)
                {
                    builder.Checked(parameter.Type, parameter.Constraints, redirect.Name, parameter.Name);
                }
            }
        }

        foreach (var model in spec.Objects)
        {
            if (SerializationEmitter.IsFlat(model))
            {
                foreach (var property in model.Properties)
                {
                    if (property.ConstantValue is null)
                    {
                        builder.Checked(property.Type, property.Constraints, model.Name, property.Name);
                    }
                }
            }
        }

        foreach (var operation in spec.Operations)
        {
            foreach (var parameter in operation.Parameters)
            {
                if (ParameterCode.IsPathChecked(parameter))
                {
                    builder.Checked(parameter.Type, parameter.Constraints, operation.Name, parameter.Name);
                }
            }
        }
    }

    /// <summary>OpenAPI patterns are ECMAScript: a final '$' is the very end, where .NET's '$' also allows a trailing newline.</summary>
    private static string ToDotNet(string pattern)
        => pattern.EndsWith("$", System.StringComparison.Ordinal) && !pattern.EndsWith("\\$", System.StringComparison.Ordinal)
            ? pattern.Substring(0, pattern.Length - 1) + "\\z"
            : pattern;

    public CodeWriter Emit(string ns)
    {
        var writer = new CodeWriter(ns);
        XmlDoc.Summary(writer, "The spec's patterns, compiled once.");
        writer.Line(CSharp.GeneratedCode);
        writer.Open("internal static class ", ClassName);
        foreach (var entry in Fields)
        {
            // A valid pattern may backtrack for hours on a value from outside ('^(a+)+$' and 40 'a's and a '!'): the runtime
            // builds it with the linear-time engine where it can, else with the backtracking one; both have a match
            // timeout, and the checks refuse a value whose check ran out of time (docs/generator.md, "Patterns").
            writer.LineStart().Append("internal static readonly global::System.Text.RegularExpressions.Regex ").Append(entry.Name).Append(" = global::Qiwi.Runtime.QiwiPattern.Compile(").AppendLiteral(ToDotNet(entry.Pattern))
                .Append(");");
            writer.LineEnd();
        }

        writer.Close();
        return writer;
    }

    /// <summary>Gives each new pattern its first user's name, with a number when another pattern (or the class) has it.</summary>
    private sealed class Builder
    {
        // Null: only whether a pattern is met is wanted (HasAny), so nothing is named or kept.
        private readonly string? _className;
        private readonly Dictionary<string, string> _names = new();
        private readonly HashSet<string> _taken = new();

        public Builder(string? className) => _className = className;

        public List<PatternField> Fields { get; } = new();

        /// <summary>True once a value with a pattern was met.</summary>
        public bool Found { get; private set; }

        /// <summary>A parameter of <paramref name="owner"/> the client, the options or a redirect builder guards (ParameterCode.Guards).</summary>
        public void Guarded(ParameterModel parameter, string owner)
        {
            if (!parameter.IsFlag)
            {
                Checked(parameter.Type, parameter.Constraints, owner, parameter.Name);
            }
        }

        /// <summary>
        /// A value whose string rules are checked: its pattern, if any, gets a field named <paramref name="owner"/> +
        /// <paramref name="member"/> (the name is made only then: most values have no pattern, or one already named).
        /// </summary>
        public void Checked(TypeRef type, Constraints constraints, string owner, string member)
        {
            if (type.Kind is ValueKind.String or ValueKind.OpenEnum && constraints.Pattern is string pattern && !_names.ContainsKey(pattern))
            {
                Found = true;
                if (_className is null)
                {
                    return;
                }

                var name = owner + member;
                var field = name;
                var suffix = 2;
                while (_taken.Contains(field) || field == _className)
                {
                    field = name + suffix++;
                }

                _names[pattern] = field;
                _taken.Add(field);
                Fields.Add(new PatternField(pattern, field));
            }
        }
    }
}

/// <summary>Writes pattern fields into a line.</summary>
internal static class PatternTableExtensions
{
    public static StringBuilder AppendPatternField(this StringBuilder builder, PatternTable patterns, string pattern, string owner, string member)
        => patterns.AppendField(builder, pattern, owner, member);
}

/// <summary>One pattern and the name of its field.</summary>
internal sealed record PatternField(string Pattern, string Name);

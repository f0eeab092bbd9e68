using System.Collections.Generic;
using Qiwi.Generator.Model;

namespace Qiwi.Generator.Emit;

/// <summary>
/// Redirect operations (x-qiwi-redirect): outbound ones become URL builders (and a signed variant when
/// the operation has x-qiwi-signature), inbound ones become parsers of the URL the payer comes back to.
/// </summary>
internal static class RedirectEmitter
{
    // The doc ranges of the last file's builders, kept by the thread for its next file (cleared before each use).
    [System.ThreadStatic]
    private static List<ParameterCode.DocLines>? t_kept;

    public static CodeWriter Emit(RedirectsScope spec, PatternTable patterns) => Emit(spec, patterns, reuseDocs: true);

    /// <summary>
    /// The redirects' file; with <paramref name="reuseDocs"/> a signed builder's parameter docs are copied from its unsigned
    /// twin's just above (the same lines), without it rendered again (the reference RedirectDocsReuseTests compares with).
    /// </summary>
    internal static CodeWriter Emit(RedirectsScope spec, PatternTable patterns, bool reuseDocs)
    {
        var code = new ParameterCode(patterns);
        List<ParameterCode.DocLines>? kept = null;
        var writer = new CodeWriter(spec.Namespace);
        XmlDoc.Summary(writer, "The browser redirects of the spec: URLs the merchant sends the payer to, and the URLs the payer comes back to.");
        XmlDoc.Remarks(writer, "The builders are instance methods on the hosts of one environment: production (the spec's servers) unless the options name a sandbox (`QiwiClientOptions.SandboxBaseUrl`), which then serves every redirect. The parsers are static.");
        writer.Line(CSharp.GeneratedCode);
        writer.Open(spec.Visibility, " sealed partial class ", spec.Names.Redirects);
        writer.Line("private readonly " + CSharp.Runtime + ".QiwiClientOptions _options;");
        writer.Line();
        XmlDoc.Summary(writer, "Creates the builders for the environment of <paramref name=\"options\"/> (a client's options, or new ones with only the environment set).");
        XmlDoc.Param(writer, "options", "Production by default; <c>UseSandbox(url)</c> points every redirect at the sandbox. Read at each call.");
        writer.Open("public ", spec.Names.Redirects, "(" + CSharp.Runtime + ".QiwiClientOptions options)");
        writer.Line("_options = options ?? throw new global::System.ArgumentNullException(nameof(options));");
        writer.Close();
        writer.Line();
        var first = true;
        foreach (var redirect in spec.Redirects)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            if (redirect.Kind == RedirectKind.Outbound)
            {
                var keep = reuseDocs && redirect.Signature is not null;
                if (keep)
                {
                    kept ??= t_kept ?? new List<ParameterCode.DocLines>();
                    t_kept = null;
                    kept.Clear();
                }

                EmitBuilder(writer, code, redirect, signed: false, keep ? kept : null);
                if (redirect.Signature is not null)
                {
                    writer.Line();
                    EmitSignatureSpec(writer, redirect);
                    writer.Line();
                    EmitBuilder(writer, code, redirect, signed: true, keep ? kept : null);
                }
            }
            else
            {
                EmitParser(writer, redirect, spec.Namespace, patterns);
            }
        }

        writer.Close();
        if (kept is not null)
        {
            kept.Clear();
            t_kept = kept;
        }

        foreach (var redirect in spec.Redirects)
        {
            if (redirect.Kind == RedirectKind.Inbound)
            {
                writer.Line();
                EmitParametersRecord(writer, spec, redirect);
            }
        }

        return writer;
    }

    /// <summary>
    /// A builder's parameters: all but the signature's target; the signed one takes the fields it must sign (listed and not
    /// optional) as required.
    /// </summary>
    internal readonly struct BuilderOrder : ParameterCode.IOrderRule
    {
        private readonly SignatureModel? _signature;
        private readonly bool _signed;

        public BuilderOrder(SignatureModel? signature, bool signed)
        {
            _signature = signature;
            _signed = signed && signature is not null;
        }

        public bool Sends(ParameterModel parameter) => _signature is null || parameter.WireName != _signature.Target;

        public bool ForcesRequired(ParameterModel parameter)
            => _signed && System.Array.IndexOf(_signature!.Fields.AsArray(), parameter.WireName) >= 0
            && System.Array.IndexOf(_signature.Optional.AsArray(), parameter.WireName) < 0;
    }

    private static void EmitSignatureSpec(CodeWriter writer, RedirectModel redirect)
    {
        XmlDoc.Summary(writer, Scratch.Take().Append("How <see cref=\"").Append(redirect.Names.Signed).Append("\"/> signs the URL (x-qiwi-signature)."));
        var line = writer.LineStart().Append("public static " + CSharp.Runtime + ".QiwiSignatureSpec ").Append(redirect.Names.Signature).Append(" { get; } = ");
        SignatureCode.AppendNew(line, redirect.Signature!).Append(';');
        writer.LineEnd();
    }

    /// <summary>
    /// A URL builder; <paramref name="kept"/> (when not null) gets the unsigned builder's parameter docs as ranges of the
    /// text, and gives them to the signed one.
    /// </summary>
    private static void EmitBuilder(CodeWriter writer, ParameterCode code, RedirectModel redirect, bool signed, List<ParameterCode.DocLines>? kept)
    {
        var signature = redirect.Signature;
        var ordered = ParameterCode.Ordered(redirect.Parameters, new BuilderOrder(signature, signed));
        var keyName = signed ? signature!.Key : null;
        var name = signed ? redirect.Names.Signed : redirect.Name;

        var summary = Scratch.Take().Append(redirect.Summary ?? redirect.OperationId);
        if (signed)
        {
            summary.Append(" Signed with ").Append(SpecText.Of(signature!.Algorithm)).Append('.');
        }

        XmlDoc.Summary(writer, summary);
        XmlDoc.Remarks(writer, Scratch.Take().Append(redirect.Description).Append("\n\nBuilds `").Append(redirect.ServerUrl).Append(redirect.Path)
            .Append("?...` in production, the sandbox's base URL + `").Append(redirect.Path).Append("?...` when one is set (operation `")
            .Append(redirect.OperationId).Append("`); nothing is sent."));
        if (keyName is not null)
        {
            XmlDoc.Param(writer, keyName, Scratch.Take().Append("The secret the signature is keyed with (").Append(keyName).Append("); it is not put in the URL."));
        }

        if (kept is null)
        {
            ParameterCode.Docs(writer, ordered);
        }
        else if (signed)
        {
            ParameterCode.DocsAgain(writer, ordered, kept);
        }
        else
        {
            ParameterCode.Docs(writer, ordered, kept);
        }
        XmlDoc.Element(writer, "returns", "The absolute URL, every value percent-encoded.");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">An argument breaks a rule of the spec.</exception>");

        var header = writer.LineStart().Append("public global::System.Uri ").Append(name).Append('(');
        if (keyName is not null)
        {
            header.Append("string ").Append(keyName);
        }

        ParameterCode.AppendDeclarations(header, ordered, first: keyName is null).Append(')');
        writer.OpenEnd();
        if (keyName is not null)
        {
            writer.Line(CSharp.Runtime + ".QiwiGuard.NotNull(", keyName, ", nameof(", keyName, "));");
        }

        foreach (var parameter in ordered)
        {
            code.Guards(writer, parameter, redirect.Name, "_options.TimeProvider");
        }

        writer.Line();
        writer.LineStart().Append("var url = new " + CSharp.Runtime + ".QiwiUrlBuilder(_options.ServerUrl(").AppendLiteral(redirect.ServerUrl).Append("), ").AppendLiteral(redirect.Path).Append(");");
        writer.LineEnd();
        foreach (var parameter in ordered)
        {
            ParameterCode.Send(writer, parameter, "url.Add(");
        }

        if (signed)
        {
            writer.Line("url.Sign(", redirect.Names.Signature, ", ", keyName!, ");");
        }

        writer.Line("return url.ToUri();");
        writer.Close();
    }

    private static void EmitParser(CodeWriter writer, RedirectModel redirect, string ns, PatternTable patterns)
    {
        var record = redirect.Names.Record;
        XmlDoc.Summary(writer, Scratch.Take().Append("Reads the parameters of: ").Append(redirect.Summary ?? redirect.OperationId));
        XmlDoc.Remarks(writer, redirect.Description);
        XmlDoc.Param(writer, "url", "The URL the payer arrived at (its query is read; other parameters of the merchant's own are ignored).");
        writer.Line("/// <exception cref=\"global::System.FormatException\">A required parameter is missing, cannot be read, or breaks a rule of the spec.</exception>");
        writer.LineStart().Append("public static ").Append(record).Append(' ').Append(redirect.Names.Parse).Append("(global::System.Uri url)");
        writer.OpenEnd();
        writer.Line("global::System.ArgumentNullException.ThrowIfNull(url);");
        writer.Line("var query = " + CSharp.Runtime + ".QiwiQuery.Parse(url);");
        var checkedAny = HasRules(redirect);
        writer.Line(checkedAny ? "var result = new " : "return new ", record);
        writer.Line("{").Indent();
        foreach (var parameter in redirect.Parameters)
        {
            var line = writer.LineStart().Append(parameter.Name).Append(" = query.TryGetValue(").AppendLiteral(parameter.WireName).Append(", out var ").Append(parameter.TextLocalName).Append(") ? ");
            if (ReadCanFail(parameter.Type))
            {
                // A number too large for its type is an OverflowException: read so that only a FormatException leaves.
                line.Append(CSharp.Runtime + ".QiwiQuery.Read(").AppendLiteral(parameter.WireName).Append(", ").Append(parameter.TextLocalName).Append(", static value => ")
                    .AppendFromWire(parameter.Type, parameter.Constraints, "value", ns).Append(')');
            }
            else
            {
                line.AppendFromWire(parameter.Type, parameter.Constraints, parameter.TextLocalName, ns);
            }

            if (parameter.Required)
            {
                line.Append(" : throw new global::System.FormatException(").AppendLiteral("The URL has no '", parameter.WireName, "' parameter.").Append("),");
            }
            else
            {
                line.Append(" : null,");
            }

            writer.LineEnd();
        }

        writer.Outdent().Line("};");
        if (checkedAny)
        {
            // A return URL is made by anyone: a value that breaks the spec's rules is refused as an unreadable one is.
            var line = writer.LineStart().Append("if ((");
            var count = 0;
            foreach (var parameter in redirect.Parameters)
            {
                AppendInboundChecks(line, patterns, redirect, parameter, ref count);
            }

            line.Append(") is { } problem)");
            writer.OpenEnd();
            writer.Line("throw new global::System.FormatException(problem.Description);");
            writer.Close();
            writer.Line();
            writer.Line("return result;");
        }

        writer.Close();
        writer.Line();
        XmlDoc.Summary(writer, "Reads the parameters of the URL, or returns false when a required one is missing or unreadable.");
        writer.LineStart().Append("public static bool ").Append(redirect.Names.TryParse)
            .Append("(global::System.Uri url, [global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ").Append(record).Append("? result)");
        writer.OpenEnd();
        writer.Open("try");
        writer.Line("result = ", redirect.Names.Parse, "(url);");
        writer.Line("return true;");
        writer.Close();
        writer.Open("catch (global::System.FormatException)");
        writer.Line("result = null;");
        writer.Line("return false;");
        writer.Close();
        writer.Close();
    }

    /// <summary>Whether an inbound redirect has a parameter with a rule its parser checks (<see cref="AppendInboundChecks"/>).</summary>
    internal static bool HasRules(RedirectModel redirect)
    {
        foreach (var parameter in redirect.Parameters)
        {
            if (FormReaderEmitter.ValueRulesOf(parameter.Type, parameter.Constraints) != FormReaderEmitter.Rule.None)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether reading the text as the type can throw (a number, a date, a boolean); a string, an open enum and a closed one (an unlisted value reads as its unknown member, as in every answer) cannot.</summary>
    private static bool ReadCanFail(TypeRef type) => FormReaderEmitter.ExpectedOf(type) is not null;

    /// <summary>
    /// Appends the checks of <paramref name="parameter"/>'s value in the parsed record (<c>result.Name</c>), each of type
    /// <c>QiwiFieldProblem?</c>, joined to those before by <c> ?? </c>; an optional parameter's only when present.
    /// </summary>
    private static void AppendInboundChecks(System.Text.StringBuilder line, PatternTable patterns, RedirectModel redirect, ParameterModel parameter, ref int count)
    {
        var rules = FormReaderEmitter.ValueRulesOf(parameter.Type, parameter.Constraints);
        if (rules == FormReaderEmitter.Rule.None)
        {
            return;
        }

        if (count++ > 0)
        {
            line.Append(" ?? ");
        }

        var value = "result." + parameter.Name + (parameter.Required || CSharp.IsReferenceType(parameter.Type) ? string.Empty : ".Value");
        if (!parameter.Required)
        {
            line.Append("(result.").Append(parameter.Name).Append(" is null ? null : ");
        }

        FormReaderEmitter.AppendValueChecks(line, parameter.WireName, value, parameter.Type, parameter.Constraints, patterns, redirect.Name, parameter.Name, "global::System.TimeProvider.System");
        if (!parameter.Required)
        {
            line.Append(')');
        }
    }

    private static void EmitParametersRecord(CodeWriter writer, RedirectsScope spec, RedirectModel redirect)
    {
        XmlDoc.Summary(writer, Scratch.Take().Append("The parameters QIWI adds when it sends the payer back (").Append(redirect.OperationId).Append(")."));
        writer.Line(CSharp.GeneratedCode);
        writer.Open(spec.Visibility, " sealed record ", redirect.Names.Record);
        var first = true;
        foreach (var parameter in redirect.Parameters)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            XmlDoc.Summary(writer, parameter.Description ?? parameter.WireName);
            writer.LineStart().Append(parameter.Required ? "public required " : "public ").AppendType(parameter.Type, !parameter.Required).Append(' ').Append(parameter.Name).Append(" { get; init; }");
            writer.LineEnd();
        }

        writer.Close();
    }
}

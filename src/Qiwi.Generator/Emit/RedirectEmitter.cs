using System.Collections.Generic;
using Qiwi.Generator.Model;

namespace Qiwi.Generator.Emit;

/// <summary>
/// Redirect operations (x-qiwi-redirect): outbound ones become URL builders (and a signed variant when
/// the operation has x-qiwi-signature), inbound ones become parsers of the URL the payer comes back to.
/// </summary>
internal static class RedirectEmitter
{
    public static string Emit(RedirectsScope spec, PatternTable patterns)
    {
        var code = new ParameterCode(patterns);
        var writer = new CodeWriter(spec.Namespace);
        XmlDoc.Summary(writer, "The browser redirects of the spec: URLs the merchant sends the payer to, and the URLs the payer comes back to.");
        XmlDoc.Remarks(writer, "The builders are instance methods on the hosts of one environment: production (the spec's servers) unless the options name a sandbox (`QiwiClientOptions.SandboxBaseUrl`), which then serves every redirect. The parsers are static.");
        writer.Line(CSharp.GeneratedCode);
        writer.Open(spec.Visibility + " sealed partial class " + spec.Names.Redirects);
        writer.Line("private readonly " + CSharp.Runtime + ".QiwiClientOptions _options;");
        writer.Line();
        XmlDoc.Summary(writer, "Creates the builders for the environment of <paramref name=\"options\"/> (a client's options, or new ones with only the environment set).");
        XmlDoc.Param(writer, "options", "Production by default; <c>UseSandbox(url)</c> points every redirect at the sandbox. Read at each call.");
        writer.Open("public " + spec.Names.Redirects + "(" + CSharp.Runtime + ".QiwiClientOptions options)");
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
                EmitBuilder(writer, code, redirect, signed: false);
                if (redirect.Signature is not null)
                {
                    writer.Line();
                    EmitSignatureSpec(writer, redirect);
                    writer.Line();
                    EmitBuilder(writer, code, redirect, signed: true);
                }
            }
            else
            {
                EmitParser(writer, redirect, spec.Namespace);
            }
        }

        writer.Close();
        foreach (var redirect in spec.Redirects)
        {
            if (redirect.Kind == RedirectKind.Inbound)
            {
                writer.Line();
                EmitParametersRecord(writer, spec, redirect);
            }
        }

        return writer.ToString();
    }

    private static void EmitSignatureSpec(CodeWriter writer, RedirectModel redirect)
    {
        XmlDoc.Summary(writer, "How <see cref=\"" + redirect.Names.Signed + "\"/> signs the URL (x-qiwi-signature).");
        writer.Line("public static " + CSharp.Runtime + ".QiwiSignatureSpec " + redirect.Names.Signature + " { get; } = " + SignatureCode.New(redirect.Signature!) + ";");
    }

    private static void EmitBuilder(CodeWriter writer, ParameterCode code, RedirectModel redirect, bool signed)
    {
        var signature = redirect.Signature;
        var sent = new List<ParameterModel>();
        foreach (var parameter in redirect.Parameters)
        {
            if (signature is null || parameter.WireName != signature.Target)
            {
                sent.Add(parameter);
            }
        }

        var mustSign = new HashSet<string>();
        if (signed)
        {
            foreach (var field in signature!.Fields)
            {
                if (System.Array.IndexOf(signature.Optional.AsArray(), field) < 0)
                {
                    mustSign.Add(field);
                }
            }
        }

        var ordered = ParameterCode.Ordered(sent, p => mustSign.Contains(p.WireName));
        var keyName = signed ? signature!.Key : null;
        var name = signed ? redirect.Names.Signed : redirect.Name;

        XmlDoc.Summary(writer, (redirect.Summary ?? redirect.OperationId) + (signed ? " Signed with " + SpecText.Of(signature!.Algorithm) + "." : string.Empty));
        XmlDoc.Remarks(writer, (redirect.Description ?? string.Empty) + "\n\nBuilds `" + redirect.ServerUrl + redirect.Path + "?...` in production, the sandbox's base URL + `" + redirect.Path + "?...` when one is set (operation `" + redirect.OperationId + "`); nothing is sent.");
        if (keyName is not null)
        {
            XmlDoc.Param(writer, keyName, "The secret the signature is keyed with (" + keyName + "); it is not put in the URL.");
        }

        ParameterCode.Docs(writer, ordered);
        XmlDoc.Element(writer, "returns", "The absolute URL, every value percent-encoded.");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">An argument breaks a rule of the spec.</exception>");

        var declarations = new List<string>();
        if (keyName is not null)
        {
            declarations.Add("string " + keyName);
        }

        foreach (var parameter in ordered)
        {
            declarations.Add(ParameterCode.Declaration(parameter));
        }

        writer.Open("public global::System.Uri " + name + "(" + string.Join(", ", declarations) + ")");
        if (keyName is not null)
        {
            writer.Line(CSharp.Runtime + ".QiwiGuard.NotNull(" + keyName + ", nameof(" + keyName + "));");
        }

        foreach (var parameter in ordered)
        {
            code.Guards(writer, parameter, redirect.Name, "_options.TimeProvider");
        }

        writer.Line();
        writer.Line("var url = new " + CSharp.Runtime + ".QiwiUrlBuilder(_options.ServerUrl(" + CSharp.Literal(redirect.ServerUrl) + "), " + CSharp.Literal(redirect.Path) + ");");
        foreach (var parameter in ordered)
        {
            ParameterCode.Send(writer, parameter, (n, v) => "url.Add(" + n + ", " + v + ");");
        }

        if (signed)
        {
            writer.Line("url.Sign(" + redirect.Names.Signature + ", " + keyName + ");");
        }

        writer.Line("return url.ToUri();");
        writer.Close();
    }

    private static void EmitParser(CodeWriter writer, RedirectModel redirect, string ns)
    {
        var record = redirect.Names.Record;
        XmlDoc.Summary(writer, "Reads the parameters of: " + (redirect.Summary ?? redirect.OperationId));
        XmlDoc.Remarks(writer, redirect.Description);
        XmlDoc.Param(writer, "url", "The URL the payer arrived at (its query is read; other parameters of the merchant's own are ignored).");
        writer.Line("/// <exception cref=\"global::System.FormatException\">A required parameter is missing or cannot be read.</exception>");
        writer.Open("public static " + record + " " + redirect.Names.Parse + "(global::System.Uri url)");
        writer.Line("global::System.ArgumentNullException.ThrowIfNull(url);");
        writer.Line("var query = " + CSharp.Runtime + ".QiwiQuery.Parse(url);");
        writer.Line("return new " + record);
        writer.Line("{").Indent();
        foreach (var parameter in redirect.Parameters)
        {
            var text = "query.TryGetValue(" + CSharp.Literal(parameter.WireName) + ", out var " + parameter.TextLocalName + ")";
            var read = CSharp.FromWire(parameter.Type, parameter.Constraints, parameter.TextLocalName, ns);
            var value = parameter.Required
                ? text + " ? " + read + " : throw new global::System.FormatException(" + CSharp.Literal("The URL has no '" + parameter.WireName + "' parameter.") + ")"
                : text + " ? " + read + " : null";
            writer.Line(parameter.Name + " = " + value + ",");
        }

        writer.Outdent().Line("};");
        writer.Close();
        writer.Line();
        XmlDoc.Summary(writer, "Reads the parameters of the URL, or returns false when a required one is missing or unreadable.");
        writer.Open("public static bool " + redirect.Names.TryParse + "(global::System.Uri url, [global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out " + record + "? result)");
        writer.Open("try");
        writer.Line("result = " + redirect.Names.Parse + "(url);");
        writer.Line("return true;");
        writer.Close();
        writer.Open("catch (global::System.FormatException)");
        writer.Line("result = null;");
        writer.Line("return false;");
        writer.Close();
        writer.Close();
    }

    private static void EmitParametersRecord(CodeWriter writer, RedirectsScope spec, RedirectModel redirect)
    {
        XmlDoc.Summary(writer, "The parameters QIWI adds when it sends the payer back (" + redirect.OperationId + ").");
        writer.Line(CSharp.GeneratedCode);
        writer.Open(spec.Visibility + " sealed record " + redirect.Names.Record);
        var first = true;
        foreach (var parameter in redirect.Parameters)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            XmlDoc.Summary(writer, parameter.Description ?? parameter.WireName);
            writer.Line("public " + (parameter.Required ? "required " : string.Empty) + CSharp.TypeOf(parameter.Type, !parameter.Required) + " " + parameter.Name + " { get; init; }");
        }

        writer.Close();
    }
}

using System.Text;
using Qiwi.Generator.Model;

namespace Qiwi.Generator.Emit;

/// <summary>
/// <c>{Client}ClientOptions</c>: the runtime's <c>QiwiClientOptions</c> plus one setting per client-level parameter
/// (x-qiwi-client-parameter), checked by <c>AddErrors</c> (run by <c>Validate</c> and <c>GetErrors</c>) against the
/// parameter's rules, so a client (and DI at start-up) refuses options without it.
/// </summary>
internal static class ClientOptionsEmitter
{
    public static CodeWriter Emit(OptionsScope spec, PatternTable patterns)
    {
        var code = new ParameterCode(patterns);
        var writer = new CodeWriter(spec.Namespace);
        XmlDoc.Summary(writer, Scratch.Take().Append("The options of <see cref=\"").Append(spec.Names.Client)
            .Append("\"/>: endpoint, environment, credentials, media type, timeout, and the settings every call of the client sends."));
        writer.Line(CSharp.GeneratedCode);
        writer.Open(spec.Visibility, " sealed partial class ", spec.Names.Options, " : " + CSharp.Runtime + ".QiwiClientOptions");
        foreach (var parameter in spec.ClientParameters)
        {
            XmlDoc.Summary(writer, Scratch.Take().Append(parameter.Description ?? parameter.WireName).Append("\nRequired: every call sends it as `").Append(parameter.WireName)
                .Append("`; the generated methods do not take it."));
            writer.LineStart().Append("public ").AppendType(parameter.Type, nullable: true).Append(' ').Append(parameter.Name).Append(" { get; set; }");
            writer.LineEnd();
            writer.Line();
        }

        XmlDoc.Summary(writer, "Adds the failures of the options, then one for each client-level setting that is missing or breaks the spec's rules (each checked whatever the others are).");
        writer.Open("protected override void AddErrors(global::System.Collections.Generic.ICollection<" + CSharp.Runtime + ".QiwiOptionsError> errors)");
        writer.Line("base.AddErrors(errors);");
        foreach (var parameter in spec.ClientParameters)
        {
            // A local named like the setting, so that the guards' nameof(...) names the setting; the guards throw,
            // and their failure is added as the setting's error.
            var local = parameter with { ParameterName = parameter.Name, Required = true };
            writer.Open("try");
            AppendRequired(writer.LineStart().Append("var ").Append(parameter.Name).Append(" = "), parameter, "this").Append(';');
            writer.LineEnd();
            code.Guards(writer, local, spec.Names.Options, "TimeProvider");
            writer.Close();
            writer.Open("catch (global::System.ArgumentException exception)");
            writer.Line("errors.Add(" + CSharp.Runtime + ".QiwiOptionsError.From(exception));");
            writer.Close();
        }

        writer.Close();
        EmitReadSettings(writer, spec);
        writer.Close();
        return writer;
    }

    /// <summary>
    /// <c>ReadSettings</c>: each client-level setting from configuration text under its own name as the key, without
    /// reflection (.NET's configuration binder cannot see a generated type when trimmed or compiled ahead of time).
    /// </summary>
    private static void EmitReadSettings(CodeWriter writer, OptionsScope spec)
    {
        writer.Line();
        XmlDoc.Summary(writer, "Reads the settings of the options, then each client-level setting under its name (a missing key leaves it as it is).");
        writer.Open("protected override void ReadSettings(" + CSharp.Runtime + ".QiwiSettingsReader reader)");
        writer.Line("base.ReadSettings(reader);");
        var index = 0;
        foreach (var parameter in spec.ClientParameters)
        {
            var read = parameter.Type.Kind switch
            {
                ValueKind.String or ValueKind.OpenEnum => "String",
                ValueKind.Int32 => "Int32",
                ValueKind.Int64 => "Int64",
                ValueKind.Decimal => "Decimal",
                ValueKind.Boolean => "Boolean",
                ValueKind.DateTime => "DateTimeOffset",
                ValueKind.Enum => "Enum<" + parameter.Type.TypeName + ">",
                _ => null,
            };
            if (read is null)
            {
                continue;
            }

            // Numbered locals: a pattern variable of an if is in scope for the rest of the method.
            var local = "read" + index++;
            writer.LineStart().Append("if (reader.").Append(read).Append('(').AppendLiteral(parameter.Name).Append(") is { } ").Append(local).Append(')');
            writer.OpenEnd();
            writer.LineStart().Append("this.").Append(parameter.Name).Append(" = ").Append(local).Append(';');
            writer.LineEnd();
            writer.Close();
        }

        writer.Close();
    }

    /// <summary>The client-level setting read from <paramref name="options"/>, or an ArgumentException naming it when unset.</summary>
    public static StringBuilder AppendRequired(StringBuilder builder, ParameterModel parameter, string options)
        => builder.Append(options).Append('.').Append(parameter.Name).Append(" ?? throw new global::System.ArgumentException(")
            .AppendLiteral(parameter.Name, " is required (the `", parameter.WireName, "` every call sends).").Append(", ").AppendLiteral(parameter.Name).Append(')');
}

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
        writer.Close();
        return writer;
    }

    /// <summary>The client-level setting read from <paramref name="options"/>, or an ArgumentException naming it when unset.</summary>
    public static StringBuilder AppendRequired(StringBuilder builder, ParameterModel parameter, string options)
        => builder.Append(options).Append('.').Append(parameter.Name).Append(" ?? throw new global::System.ArgumentException(")
            .AppendLiteral(parameter.Name, " is required (the `", parameter.WireName, "` every call sends).").Append(", ").AppendLiteral(parameter.Name).Append(')');
}

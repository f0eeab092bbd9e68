using Qiwi.Generator.Model;

namespace Qiwi.Generator.Emit;

/// <summary>
/// <c>{Client}ClientOptions</c>: the runtime's <c>QiwiClientOptions</c> plus one setting per client-level parameter
/// (x-qiwi-client-parameter), checked by <c>Validate</c> against the parameter's rules, so a client (and DI at
/// start-up) refuses options without it.
/// </summary>
internal static class ClientOptionsEmitter
{
    public static string Emit(OptionsScope spec, PatternTable patterns)
    {
        var code = new ParameterCode(patterns);
        var writer = new CodeWriter(spec.Namespace);
        XmlDoc.Summary(writer, "The options of <see cref=\"" + spec.Names.Client + "\"/>: endpoint, environment, credentials, media type, timeout, and the settings every call of the client sends.");
        writer.Line(CSharp.GeneratedCode);
        writer.Open(spec.Visibility + " sealed partial class " + spec.Names.Options + " : " + CSharp.Runtime + ".QiwiClientOptions");
        foreach (var parameter in spec.ClientParameters)
        {
            XmlDoc.Summary(writer, (parameter.Description ?? parameter.WireName) + "\nRequired: every call sends it as `" + parameter.WireName + "`; the generated methods do not take it.");
            writer.Line("public " + CSharp.TypeOf(parameter.Type, nullable: true) + " " + parameter.Name + " { get; set; }");
            writer.Line();
        }

        XmlDoc.Summary(writer, "Checks the options, then each client-level setting against the spec's rules; throws <see cref=\"global::System.ArgumentException\"/> naming the bad setting.");
        writer.Open("public override void Validate()");
        writer.Line("base.Validate();");
        foreach (var parameter in spec.ClientParameters)
        {
            // A local named like the setting, so that the guards' nameof(...) names the setting.
            var local = parameter with { ParameterName = parameter.Name, Required = true };
            writer.Line("var " + parameter.Name + " = " + Required(parameter, "this") + ";");
            code.Guards(writer, local, spec.Names.Options, "TimeProvider");
        }

        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    /// <summary>The client-level setting read from <paramref name="options"/>, or an ArgumentException naming it when unset.</summary>
    public static string Required(ParameterModel parameter, string options)
        => options + "." + parameter.Name + " ?? throw new global::System.ArgumentException("
            + CSharp.Literal(parameter.Name + " is required (the `" + parameter.WireName + "` every call sends).") + ", " + CSharp.Literal(parameter.Name) + ")";
}

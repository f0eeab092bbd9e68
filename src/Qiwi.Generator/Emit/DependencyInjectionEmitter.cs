using Qiwi.Generator.Model;

namespace Qiwi.Generator.Emit;

/// <summary>
/// <c>services.AddXxxClient(options)</c>, emitted only when the project references Qiwi.Extensions.DependencyInjection.
/// </summary>
internal static class DependencyInjectionEmitter
{
    public static CodeWriter Emit(EmitContext spec)
    {
        var client = spec.Names.Client;
        var writer = new CodeWriter(spec.Namespace);
        XmlDoc.Summary(writer, "Registers <see cref=\"" + client + "\"/> with dependency injection.");
        writer.Line(CSharp.GeneratedCode);
        writer.Open(spec.Visibility, " static class ", spec.Names.ServiceCollectionExtensions);
        XmlDoc.Summary(writer, "Adds <see cref=\"" + spec.Names.Interface + "\"/> and <see cref=\"" + client + "\"/> on a named client from <c>IHttpClientFactory</c>, with options validated at start-up and logging.");
        XmlDoc.Param(writer, "services", "The services.");
        XmlDoc.Param(writer, "configure", "Sets the environment, credentials, client-level settings, media type, timeout and retries (validated at start-up).");
        XmlDoc.Element(writer, "returns", "The HTTP client builder, to add handlers or a proxy.");
        writer.Open("public static global::Microsoft.Extensions.DependencyInjection.IHttpClientBuilder Add", client,
            "(this global::Microsoft.Extensions.DependencyInjection.IServiceCollection services, global::System.Action<", spec.Names.Options, "> configure)");
        Body(writer, spec, "configure");
        writer.Line();

        // The same from a configuration section, read key by key by the options' generated ReadSettings (no reflection).
        XmlDoc.Summary(writer, "Adds <see cref=\"" + spec.Names.Interface + "\"/> and <see cref=\"" + client + "\"/> as above, with the settings read from <paramref name=\"configuration\"/> key by key, without reflection (trimming and native AOT safe); text that is not of a setting's type is reported at start-up with every other mistake.");
        XmlDoc.Param(writer, "services", "The services.");
        XmlDoc.Param(writer, "configuration", "The section holding the settings (<c>ApiId</c>, <c>ApiPassword</c>, the client-level settings, <c>Retry:MaxAttempts</c>, ...); its reloads are followed.");
        XmlDoc.Param(writer, "configure", "Further settings, applied after the section's, or null.");
        XmlDoc.Element(writer, "returns", "The HTTP client builder, to add handlers or a proxy.");
        writer.Open("public static global::Microsoft.Extensions.DependencyInjection.IHttpClientBuilder Add", client,
            "(this global::Microsoft.Extensions.DependencyInjection.IServiceCollection services, global::Microsoft.Extensions.Configuration.IConfiguration configuration, global::System.Action<", spec.Names.Options, ">? configure = null)");
        Body(writer, spec, "configuration, configure");
        writer.Close();
        return writer;
    }

    /// <summary>An AddXxxClient's body: the runtime's registration with <paramref name="settings"/> (the method's own arguments), then the interface.</summary>
    private static void Body(CodeWriter writer, EmitContext spec, string settings)
    {
        var client = spec.Names.Client;
        writer.LineStart().Append("var builder = global::Qiwi.Extensions.DependencyInjection.QiwiServiceCollectionExtensions.AddQiwiClient<").Append(client).Append(", ").Append(spec.Names.Options)
            .Append(">(services, ").AppendLiteral(spec.ClientName).Append(", static pipeline => new ").Append(client).Append("(pipeline), ").Append(spec.Names.ResultCodes).Append(".Instance, ").Append(settings).Append(");");
        writer.LineEnd();
        // TryAdd: a second call (another shop's name, or the same name's settings again) adds no second interface entry.
        writer.Line("global::Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddTransient<", spec.Names.Interface,
            ">(services, static provider => global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<", client, ">(provider));");
        writer.Line("return builder;");
        writer.Close();
    }
}

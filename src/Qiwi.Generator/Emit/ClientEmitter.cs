using System.Collections.Generic;
using Qiwi.Generator.Model;

namespace Qiwi.Generator.Emit;

/// <summary>The client interface and its implementation: one async method per API operation.</summary>
internal static class ClientEmitter
{
    public static string EmitInterface(OperationsScope spec)
    {
        var writer = new CodeWriter(spec.Namespace);
        XmlDoc.Summary(writer, spec.ClientDescription);
        writer.Line(CSharp.GeneratedCode);
        writer.Open(spec.Visibility + " partial interface " + spec.Names.Interface);
        var first = true;
        if (HasBuilders(spec))
        {
            XmlDoc.Summary(writer, "The redirect URL builders, on the hosts of the client's environment (production, or the sandbox of <c>QiwiClientOptions.SandboxBaseUrl</c>).");
            writer.Line(spec.Names.Redirects + " Redirects { get; }");
            first = false;
        }

        foreach (var operation in spec.Operations)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            Docs(writer, operation);
            writer.Line(Signature(operation) + ";");
        }

        writer.Close();
        return writer.ToString();
    }

    public static string EmitClient(ClientScope spec, PatternTable patterns)
    {
        var code = new ParameterCode(patterns);
        var name = spec.Names.Client;
        var writer = new CodeWriter(spec.Namespace);
        XmlDoc.Summary(writer, spec.ClientDescription);
        XmlDoc.Remarks(writer, "Arguments are checked before anything is sent. Every call goes through one `QiwiPipeline` (authorization, `Accept`, `User-Agent`, timeout), which unwraps the response envelope.");
        writer.Line(CSharp.GeneratedCode);
        writer.Open(spec.Visibility + " sealed partial class " + name + " : " + spec.Names.Interface);
        writer.Line("private readonly " + CSharp.Runtime + ".QiwiPipeline _pipeline;");
        foreach (var parameter in spec.ClientParameters)
        {
            writer.Line("private readonly " + CSharp.TypeOf(parameter.Type, nullable: false) + " " + parameter.ClientField + ";");
        }

        var options = spec.Names.Options;
        writer.Line();
        XmlDoc.Summary(writer, "Creates a client that sends through <paramref name=\"httpClient\"/> with <paramref name=\"options\"/>.");
        XmlDoc.Param(writer, "httpClient", "The HTTP client to send with; its lifetime is the caller's.");
        XmlDoc.Param(writer, "options", "Environment, credentials, media type, timeout and the client-level settings; validated here.");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A setting is missing or breaks a rule; the message names it.</exception>");
        writer.Line("public " + name + "(global::System.Net.Http.HttpClient httpClient, " + options + " options)");
        writer.Indent().Line(": this(new " + CSharp.Runtime + ".QiwiPipeline(httpClient, options, " + spec.Names.ResultCodes + ".Instance))").Outdent();
        writer.Line("{");
        writer.Line("}");
        writer.Line();
        XmlDoc.Summary(writer, "Creates a client on an existing pipeline (shared policies, tests); its options must be <see cref=\"" + options + "\"/>.");
        XmlDoc.Param(writer, "pipeline", "The pipeline every call goes through.");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">The pipeline's options are not <see cref=\"" + options + "\"/>, or a setting is missing.</exception>");
        writer.Open("public " + name + "(" + CSharp.Runtime + ".QiwiPipeline pipeline)");
        writer.Line("_pipeline = pipeline ?? throw new global::System.ArgumentNullException(nameof(pipeline));");
        writer.Line("Options = pipeline.Options as " + options + " ?? throw new global::System.ArgumentException(" + CSharp.Literal("The pipeline's options must be " + options + ".") + ", nameof(pipeline));");
        foreach (var parameter in spec.ClientParameters)
        {
            writer.Line(parameter.ClientField + " = " + ClientOptionsEmitter.Required(parameter, "Options") + ";");
        }

        if (HasBuilders(spec))
        {
            writer.Line("Redirects = new " + spec.Names.Redirects + "(Options);");
        }

        writer.Close();
        writer.Line();
        XmlDoc.Summary(writer, "The options the client sends with.");
        writer.Line("public " + options + " Options { get; }");
        if (HasBuilders(spec))
        {
            writer.Line();
            writer.Line("/// <inheritdoc />");
            writer.Line("public " + spec.Names.Redirects + " Redirects { get; }");
        }

        foreach (var operation in spec.Operations)
        {
            writer.Line();
            writer.Line("/// <inheritdoc />");
            writer.Open("public " + Signature(operation));
            var parameters = ParameterCode.Ordered(operation.Parameters);
            foreach (var parameter in parameters)
            {
                code.Guards(writer, parameter, operation.Name, "_pipeline.Options.TimeProvider");
            }

            writer.Line();
            writer.Line("var request = new " + CSharp.Runtime + ".QiwiRequest(global::System.Net.Http.HttpMethod." + Method(operation.Method) + ", " + CSharp.Literal(operation.OperationId) + ", idempotent: " + (operation.Idempotent ? "true" : "false") + ");");
            EmitPath(writer, operation);
            foreach (var parameter in operation.Parameters)
            {
                switch (parameter.Location)
                {
                    case ParameterLocation.Form:
                        ParameterCode.Send(writer, parameter, (n, v) => "request.AddForm(" + n + ", " + v + ");");
                        break;
                    case ParameterLocation.Query:
                        ParameterCode.Send(writer, parameter, (n, v) => "request.AddQuery(" + n + ", " + v + ");");
                        break;
                    case ParameterLocation.Header:
                        ParameterCode.Send(writer, parameter, (n, v) => "request.AddHeader(" + n + ", " + v + ");");
                        break;
                }
            }

            CallEmitter.Write(writer, spec, operation);
            writer.Close();
        }

        writer.Close();
        return writer.ToString();
    }

    /// <summary>True when the spec has outbound redirects, so the client offers its <c>Redirects</c> builders (decided when the spec is split).</summary>
    internal static bool HasBuilders(OperationsScope spec) => spec.HasBuilders;

    private static void EmitPath(CodeWriter writer, OperationModel operation)
    {
        var template = operation.PathTemplate;
        var position = 0;
        while (position < template.Length)
        {
            var open = template.IndexOf('{', position);
            if (open < 0)
            {
                writer.Line("request.AppendPath(" + CSharp.Literal(template.Substring(position)) + ");");
                break;
            }

            if (open > position)
            {
                writer.Line("request.AppendPath(" + CSharp.Literal(template.Substring(position, open - position)) + ");");
            }

            var close = template.IndexOf('}', open);
            var wireName = template.Substring(open + 1, close - open - 1);
            var parameter = Find(operation.Parameters, wireName);
            if (parameter is null)
            {
                writer.Line("request.AppendPath(" + CSharp.Literal(template.Substring(open, close - open + 1)) + ");");
            }
            else if (parameter.Type.Kind is ValueKind.Int64 or ValueKind.Int32)
            {
                writer.Line("request.AppendPathSegment(" + ParameterCode.Value(parameter) + ");");
            }
            else
            {
                writer.Line("request.AppendPathSegment(" + CSharp.ToWire(parameter.Type, parameter.Constraints, ParameterCode.Value(parameter)) + ");");
            }

            position = close + 1;
        }
    }

    private static ParameterModel? Find(IEnumerable<ParameterModel> parameters, string wireName)
    {
        foreach (var parameter in parameters)
        {
            if (parameter.Location == ParameterLocation.Path && parameter.WireName == wireName)
            {
                return parameter;
            }
        }

        return null;
    }

    private static string Method(string method) => method switch
    {
        "GET" => "Get",
        "PUT" => "Put",
        "POST" => "Post",
        "PATCH" => "Patch",
        "DELETE" => "Delete",
        "HEAD" => "Head",
        "OPTIONS" => "Options",
        _ => "Trace",
    };

    private static string Signature(OperationModel operation)
    {
        var parameters = new List<string>();
        foreach (var parameter in ParameterCode.Ordered(operation.Parameters))
        {
            parameters.Add(ParameterCode.Declaration(parameter));
        }

        parameters.Add("global::System.Threading.CancellationToken cancellationToken = default");
        return "global::System.Threading.Tasks.Task<" + operation.Response.PayloadType + "> " + operation.MethodName + "(" + string.Join(", ", parameters) + ")";
    }

    private static void Docs(CodeWriter writer, OperationModel operation)
    {
        XmlDoc.Summary(writer, operation.Summary ?? operation.OperationId);
        XmlDoc.Remarks(writer, (operation.Description ?? string.Empty) + "\n\n`" + operation.Method + " " + operation.PathTemplate + "` (operation `" + operation.OperationId + "`)" + (operation.Idempotent ? "; safe to repeat." : operation.OutcomeRead is { } link ? "; re-sent only after `" + link.OperationId + "` shows it did not take effect." : "; not repeated automatically once it may have reached the server."));
        ParameterCode.Docs(writer, ParameterCode.Ordered(operation.Parameters));
        XmlDoc.Param(writer, "cancellationToken", "Cancels the call.");
        XmlDoc.Element(writer, "returns", "The " + operation.Response.PayloadProperty + " of a successful response (result code " + operation.Response.SuccessCode + ").");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">An argument breaks a rule of the spec; nothing was sent.</exception>");
        writer.Line("/// <exception cref=\"global::Qiwi.Runtime.QiwiApiException\">QIWI answered with another result code (whatever the HTTP status).</exception>");
        writer.Line("/// <exception cref=\"global::Qiwi.Runtime.QiwiProtocolException\">The response is not a valid envelope (empty, HTML, truncated, wrong types).</exception>");
        writer.Line("/// <exception cref=\"global::Qiwi.Runtime.QiwiTimeoutException\">No response within the configured timeout.</exception>");
        if (operation.Method is not ("GET" or "HEAD"))
        {
            writer.Line("/// <exception cref=\"global::Qiwi.Runtime.QiwiOutcomeUnknownException\">The call may have taken effect and reading the status did not settle it: read the status later or repeat with the same id, never a new one.</exception>");
        }
    }
}

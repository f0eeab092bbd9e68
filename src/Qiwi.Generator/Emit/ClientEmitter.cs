using System.Collections.Generic;
using System.Text;
using Qiwi.Generator.Model;

namespace Qiwi.Generator.Emit;

/// <summary>The client interface and its implementation: one async method per API operation.</summary>
internal static class ClientEmitter
{
    /// <remarks>The one file that grows with the operations: each operation is a <see cref="Checkpoint"/> of <paramref name="cancellationToken"/>.</remarks>
    public static CodeWriter EmitInterface(OperationsScope spec, System.Threading.CancellationToken cancellationToken = default)
    {
        var writer = new CodeWriter(spec.Namespace);
        XmlDoc.Summary(writer, spec.ClientDescription);
        writer.Line(CSharp.GeneratedCode);
        writer.Open(spec.Visibility, " partial interface ", spec.Names.Interface);
        var first = true;
        if (HasBuilders(spec))
        {
            XmlDoc.Summary(writer, "The redirect URL builders, on the hosts of the client's environment (production, or the sandbox of <c>QiwiClientOptions.SandboxBaseUrl</c>).");
            writer.Line(spec.Names.Redirects, " Redirects { get; }");
            first = false;
        }

        foreach (var operation in spec.Operations)
        {
            Checkpoint.Pass(cancellationToken, "operation");
            if (!first)
            {
                writer.Line();
            }

            first = false;
            var parameters = ParameterCode.Ordered(operation.Parameters);
            Docs(writer, operation, parameters);
            AppendSignature(writer.LineStart(), operation, parameters).Append(';');
            writer.LineEnd();
        }

        writer.Close();
        return writer;
    }

    /// <remarks>Each operation is a <see cref="Checkpoint"/> of <paramref name="cancellationToken"/>, as in <see cref="EmitInterface"/>.</remarks>
    public static CodeWriter EmitClient(ClientScope spec, PatternTable patterns, System.Threading.CancellationToken cancellationToken = default)
    {
        var code = new ParameterCode(patterns);
        var name = spec.Names.Client;
        var writer = new CodeWriter(spec.Namespace);
        XmlDoc.Summary(writer, spec.ClientDescription);
        XmlDoc.Remarks(writer, "Arguments are checked before anything is sent. Every call goes through one `QiwiPipeline` (authorization, `Accept`, `User-Agent`, timeout), which unwraps the response envelope.");
        writer.Line(CSharp.GeneratedCode);
        writer.LineStart().Append(spec.Visibility).Append(" sealed partial class ").Append(name).Append(" : ").Append(spec.Names.Interface);
        writer.OpenEnd();
        writer.Line("private readonly " + CSharp.Runtime + ".QiwiPipeline _pipeline;");
        foreach (var parameter in spec.ClientParameters)
        {
            writer.LineStart().Append("private readonly ").AppendType(parameter.Type, nullable: false).Append(' ').Append(parameter.ClientField).Append(';');
            writer.LineEnd();
        }

        var options = spec.Names.Options;
        writer.Line();
        XmlDoc.Summary(writer, "Creates a client that sends through <paramref name=\"httpClient\"/> with <paramref name=\"options\"/>.");
        XmlDoc.Param(writer, "httpClient", "The HTTP client to send with; its lifetime is the caller's.");
        XmlDoc.Param(writer, "options", "Environment, credentials, media type, timeout and the client-level settings; validated here.");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A setting is missing or breaks a rule; the message names it.</exception>");
        writer.Line("public ", name, "(global::System.Net.Http.HttpClient httpClient, ", options, " options)");
        writer.Indent().Line(": this(new " + CSharp.Runtime + ".QiwiPipeline(httpClient, options, ", spec.Names.ResultCodes, ".Instance))").Outdent();
        writer.Line("{");
        writer.Line("}");
        writer.Line();
        XmlDoc.Summary(writer, Scratch.Take().Append("Creates a client on an existing pipeline (shared policies, tests); its options must be <see cref=\"").Append(options).Append("\"/>."));
        XmlDoc.Param(writer, "pipeline", "The pipeline every call goes through.");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">The pipeline's options are not <see cref=\"", options, "\"/>, or a setting is missing.</exception>");
        writer.Open("public ", name, "(" + CSharp.Runtime + ".QiwiPipeline pipeline)");
        writer.Line("_pipeline = pipeline ?? throw new global::System.ArgumentNullException(nameof(pipeline));");
        writer.LineStart().Append("Options = pipeline.Options as ").Append(options).Append(" ?? throw new global::System.ArgumentException(")
            .AppendLiteral("The pipeline's options must be ", options, ".").Append(", nameof(pipeline));");
        writer.LineEnd();
        foreach (var parameter in spec.ClientParameters)
        {
            ClientOptionsEmitter.AppendRequired(writer.LineStart().Append(parameter.ClientField).Append(" = "), parameter, "Options").Append(';');
            writer.LineEnd();
        }

        if (HasBuilders(spec))
        {
            writer.Line("Redirects = new ", spec.Names.Redirects, "(Options);");
        }

        writer.Close();
        writer.Line();
        XmlDoc.Summary(writer, "The options the client sends with.");
        writer.Line("public ", options, " Options { get; }");
        if (HasBuilders(spec))
        {
            writer.Line();
            writer.Line("/// <inheritdoc />");
            writer.Line("public ", spec.Names.Redirects, " Redirects { get; }");
        }

        foreach (var operation in spec.Operations)
        {
            Checkpoint.Pass(cancellationToken, "operation");
            writer.Line();
            writer.Line("/// <inheritdoc />");
            var parameters = ParameterCode.Ordered(operation.Parameters);
            AppendSignature(writer.LineStart().Append("public "), operation, parameters);
            writer.OpenEnd();
            foreach (var parameter in parameters)
            {
                code.Guards(writer, parameter, operation.Name, "_pipeline.Options.TimeProvider");
            }

            writer.Line();
            writer.LineStart().Append("var request = new " + CSharp.Runtime + ".QiwiRequest(global::System.Net.Http.HttpMethod.").Append(Method(operation.Method)).Append(", ")
                .AppendLiteral(operation.OperationId).Append(operation.Idempotent ? ", idempotent: true);" : ", idempotent: false);");
            writer.LineEnd();
            EmitPath(writer, operation);
            foreach (var parameter in operation.Parameters)
            {
                switch (parameter.Location)
                {
                    case ParameterLocation.Form:
                        ParameterCode.Send(writer, parameter, "request.AddForm(");
                        break;
                    case ParameterLocation.Query:
                        ParameterCode.Send(writer, parameter, "request.AddQuery(");
                        break;
                    case ParameterLocation.Header:
                        ParameterCode.Send(writer, parameter, "request.AddHeader(");
                        break;
                }
            }

            CallEmitter.Write(writer, spec, operation);
            writer.Close();
        }

        writer.Close();
        return writer;
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
                AppendPath(writer, template, position, template.Length);
                break;
            }

            if (open > position)
            {
                AppendPath(writer, template, position, open);
            }

            var close = template.IndexOf('}', open);
            var parameter = Find(operation.Parameters, template, open + 1, close);
            if (parameter is null)
            {
                AppendPath(writer, template, open, close + 1);
            }
            else if (parameter.Type.Kind is ValueKind.Int64 or ValueKind.Int32)
            {
                writer.Line("request.AppendPathSegment(", ParameterCode.Value(parameter), ");");
            }
            else
            {
                writer.LineStart().Append("request.AppendPathSegment(").AppendToWire(parameter.Type, parameter.Constraints, ParameterCode.Value(parameter)).Append(");");
                writer.LineEnd();
            }

            position = close + 1;
        }
    }

    private static void AppendPath(CodeWriter writer, string template, int start, int end)
    {
        writer.LineStart().Append("request.AppendPath(").AppendLiteral(start == 0 && end == template.Length ? template : template.Substring(start, end - start)).Append(");");
        writer.LineEnd();
    }

    /// <summary>The path parameter named <c>template[start..end]</c>.</summary>
    private static ParameterModel? Find(EquatableArray<ParameterModel> parameters, string template, int start, int end)
    {
        foreach (var parameter in parameters)
        {
            if (parameter.Location == ParameterLocation.Path && parameter.WireName.Length == end - start
                && string.CompareOrdinal(parameter.WireName, 0, template, start, end - start) == 0)
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

    private static StringBuilder AppendSignature(StringBuilder builder, OperationModel operation, List<ParameterModel> parameters)
    {
        builder.Append("global::System.Threading.Tasks.Task<").Append(operation.Response.PayloadType).Append("> ").Append(operation.MethodName).Append('(');
        ParameterCode.AppendDeclarations(builder, parameters);
        if (parameters.Count > 0)
        {
            builder.Append(", ");
        }

        return builder.Append("global::System.Threading.CancellationToken cancellationToken = default)");
    }

    private static void Docs(CodeWriter writer, OperationModel operation, List<ParameterModel> parameters)
    {
        XmlDoc.Summary(writer, operation.Summary ?? operation.OperationId);
        var remarks = Scratch.Take().Append(operation.Description).Append("\n\n`").Append(operation.Method).Append(' ').Append(operation.PathTemplate)
            .Append("` (operation `").Append(operation.OperationId).Append("`)");
        if (operation.Idempotent)
        {
            remarks.Append("; safe to repeat.");
        }
        else if (operation.OutcomeRead is { } link)
        {
            remarks.Append("; re-sent only after `").Append(link.OperationId).Append("` shows it did not take effect.");
        }
        else
        {
            remarks.Append("; not repeated automatically once it may have reached the server.");
        }

        XmlDoc.Remarks(writer, remarks);
        ParameterCode.Docs(writer, parameters);
        XmlDoc.Param(writer, "cancellationToken", "Cancels the call.");
        XmlDoc.Element(writer, "returns", Scratch.Take().Append("The ").Append(operation.Response.PayloadProperty).Append(" of a successful response (result code ")
            .Append(operation.Response.SuccessCode).Append(")."));
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

using System.Collections.Generic;
using System.Globalization;
using Qiwi.Generator.Model;
using Qiwi.Generator.Parsing;

namespace Qiwi.Generator.Emit;

/// <summary>
/// The <c>QiwiCall</c> a client method hands the pipeline: its reader, the checks on a success payload
/// (a field naming the resource repeats the request's path parameter; amounts keep the spec's scale and
/// minimum), and for a write with x-qiwi-outcome-read the status read that settles a lost answer.
/// </summary>
internal static class CallEmitter
{
    /// <summary>Writes the method's last statements: the call description (when there is more than a reader) and the send.</summary>
    public static void Write(CodeWriter writer, ClientScope spec, OperationModel operation)
    {
        var reader = operation.Response.ReaderName + ".Instance";
        var checks = Checks(spec, operation);
        var outcome = OutcomeRead(spec, operation);
        if (checks.Count == 0 && outcome is null)
        {
            writer.Line("return _pipeline.SendAsync(request, " + reader + ", cancellationToken);");
            return;
        }

        writer.Open("var call = new " + CSharp.Runtime + ".QiwiCall<" + operation.Response.PayloadType + ">(" + reader + ")");
        if (checks.Count > 0)
        {
            writer.Line("Check = payload => " + checks[0] + (checks.Count == 1 ? "," : string.Empty));
            writer.Indent();
            for (var i = 1; i < checks.Count; i++)
            {
                writer.Line("?? " + checks[i] + (i == checks.Count - 1 ? "," : string.Empty));
            }

            writer.Outdent();
        }

        if (outcome is not null)
        {
            writer.Line("OutcomeRead = new " + CSharp.Runtime + ".QiwiOutcomeRead<" + operation.Response.PayloadType + ">(");
            writer.Indent();
            for (var i = 0; i < outcome.Count; i++)
            {
                writer.Line(outcome[i] + (i == outcome.Count - 1 ? ")," : ","));
            }

            writer.Outdent();
        }

        writer.Close(";");
        writer.Line("return _pipeline.SendAsync(request, call, cancellationToken);");
    }

    private static List<string> Checks(ClientScope spec, OperationModel operation)
    {
        var checks = new List<string>();
        var payload = OutcomeReadReader.FindObject(spec.Objects, operation.Response.PayloadType);
        if (payload is null)
        {
            return checks;
        }

        foreach (var property in payload.Properties)
        {
            var value = "payload." + property.Name;
            var wire = CSharp.Literal(property.WireName);
            if (property.Type.Kind == ValueKind.String
                && OutcomeReadReader.FindParameter(operation.Parameters, property.WireName) is { Location: ParameterLocation.Path, IsConstant: false } echoed
                && echoed.Type.Kind == ValueKind.String && echoed.Required)
            {
                checks.Add(CSharp.Runtime + ".Serialization.QiwiPayloadChecks.Echo(" + wire + ", " + value + ", " + ParameterCode.Value(echoed) + ")");
            }
            else if (property.Type.Kind == ValueKind.Decimal && property.Constraints.DecimalScale is int scale)
            {
                var minimum = property.Constraints.Minimum is { } min ? min + "m" : "null";
                checks.Add(CSharp.Runtime + ".Serialization.QiwiPayloadChecks.Amount(" + wire + ", " + value + ", " + scale.ToString(CultureInfo.InvariantCulture) + ", " + minimum + ", " + (property.Constraints.ExclusiveMinimum ? "true" : "false") + ")");
            }
        }

        return checks;
    }

    /// <summary>The arguments of the <c>QiwiOutcomeRead</c> constructor, or null without a link.</summary>
    private static List<string>? OutcomeRead(ClientScope spec, OperationModel operation)
    {
        if (operation.OutcomeRead is not { } link
            || OutcomeReadReader.FindRead(spec.Operations, link.OperationId) is not { } read
            || OutcomeReadReader.FindObject(spec.Objects, operation.Response.PayloadType) is not { } payload)
        {
            return null;
        }

        var arguments = new List<string>();
        foreach (var parameter in ParameterCode.Ordered(read.Parameters))
        {
            arguments.Add(ParameterCode.Name(OutcomeReadReader.FindParameter(operation.Parameters, parameter.WireName)!));
        }

        arguments.Add("token");
        var codes = new List<string>();
        foreach (var code in link.NotFoundCodes)
        {
            codes.Add(code.ToString(CultureInfo.InvariantCulture));
        }

        var matches = new List<string>();
        foreach (var field in link.Match)
        {
            var parameter = OutcomeReadReader.FindParameter(operation.Parameters, field)!;
            var property = OutcomeReadReader.FindProperty(payload, field)!;
            var requested = parameter.IsConstant ? CSharp.Literal(parameter.ConstantValue!) : CSharp.ToWire(parameter.Type, parameter.Constraints, ParameterCode.Value(parameter));
            matches.Add(CSharp.ToWire(property.Type, parameter.Constraints, "found." + property.Name) + " == " + requested);
        }

        return new List<string>
        {
            CSharp.Literal(read.OperationId),
            "token => " + read.MethodName + "(" + string.Join(", ", arguments) + ")",
            "new int[] { " + string.Join(", ", codes) + " }",
            "found => " + (matches.Count == 0 ? "true" : string.Join(" && ", matches)),
        };
    }
}

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
    public static string Expression(SpecModel spec, OperationModel operation)
    {
        var payloadType = operation.Response.PayloadType;
        var reader = ResponseReaderEmitter.ReaderName(operation.Response) + ".Instance";
        var check = Check(spec, operation);
        var outcome = OutcomeRead(spec, operation);
        if (check is null && outcome is null)
        {
            return reader;
        }

        var members = new List<string>();
        if (check is not null)
        {
            members.Add("Check = payload => " + check);
        }

        if (outcome is not null)
        {
            members.Add("OutcomeRead = " + outcome);
        }

        return "new " + CSharp.Runtime + ".QiwiCall<" + payloadType + ">(" + reader + ") { " + string.Join(", ", members) + " }";
    }

    private static string? Check(SpecModel spec, OperationModel operation)
    {
        var payload = OutcomeReadReader.FindObject(spec.Objects, operation.Response.PayloadType);
        if (payload is null)
        {
            return null;
        }

        var checks = new List<string>();
        foreach (var property in payload.Properties)
        {
            var value = "payload." + property.Name;
            var wire = CSharp.Literal(property.WireName);
            if (property.Type.Kind == ValueKind.String
                && OutcomeReadReader.FindParameter(operation.Parameters, property.WireName) is { Location: ParameterLocation.Path, IsConstant: false } echoed
                && echoed.Type.Kind == ValueKind.String && echoed.Required)
            {
                checks.Add(CSharp.Runtime + ".Serialization.QiwiPayloadChecks.Echo(" + wire + ", " + value + ", " + ParameterCode.Name(echoed) + ")");
            }
            else if (property.Type.Kind == ValueKind.Decimal && property.Constraints.DecimalScale is int scale)
            {
                var minimum = property.Constraints.Minimum is { } min ? min + "m" : "null";
                checks.Add(CSharp.Runtime + ".Serialization.QiwiPayloadChecks.Amount(" + wire + ", " + value + ", " + scale.ToString(CultureInfo.InvariantCulture) + ", " + minimum + ", " + (property.Constraints.ExclusiveMinimum ? "true" : "false") + ")");
            }
        }

        return checks.Count == 0 ? null : string.Join(" ?? ", checks);
    }

    private static string? OutcomeRead(SpecModel spec, OperationModel operation)
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
            var requested = parameter.IsConstant ? CSharp.Literal(parameter.ConstantValue!) : CSharp.ToWire(parameter.Type, parameter.Constraints, ParameterCode.Name(parameter));
            matches.Add(CSharp.ToWire(property.Type, parameter.Constraints, "found." + property.Name) + " == " + requested);
        }

        return "new " + CSharp.Runtime + ".QiwiOutcomeRead<" + operation.Response.PayloadType + ">("
            + CSharp.Literal(read.OperationId) + ", "
            + "token => " + read.Name + "Async(" + string.Join(", ", arguments) + "), "
            + "new int[] { " + string.Join(", ", codes) + " }, "
            + "found => " + (matches.Count == 0 ? "true" : string.Join(" && ", matches)) + ")";
    }
}

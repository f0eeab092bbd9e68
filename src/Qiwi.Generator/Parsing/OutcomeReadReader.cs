using System.Collections.Generic;
using Qiwi.Generator.Diagnostics;
using Qiwi.Generator.Model;

namespace Qiwi.Generator.Parsing;

/// <summary>
/// Reads x-qiwi-outcome-read (a write's link to the read that settles its outcome) and, once every
/// operation is read, checks the link: the read exists, is a GET returning the same payload, can be called
/// with the write's parameters, and every matched field is a required parameter of the write and a required
/// property of the payload. A bad link is reported (QIWI0009) and dropped.
/// </summary>
internal static class OutcomeReadReader
{
    private const string Name = "x-qiwi-outcome-read";

    public static OutcomeReadModel? Read(ParseContext context, YamlMap operation)
    {
        if (operation[Name] is not YamlNode node)
        {
            return null;
        }

        if (node is not YamlMap map || map.GetString("operation") is not string readId || readId.Length == 0)
        {
            context.Report(DiagnosticDescriptors.InvalidExtension, node.Span, Name, "it needs 'operation', the operationId of the read (see docs/spec-extensions.md)");
            return null;
        }

        var codes = new List<int>();
        foreach (var item in Items(map["notFound"]))
        {
            if (item is YamlScalar scalar && int.TryParse(scalar.Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var code))
            {
                codes.Add(code);
            }
            else
            {
                context.Report(DiagnosticDescriptors.InvalidExtension, item.Span, Name + ".notFound", "must be a list of result codes");
                return null;
            }
        }

        var match = new List<string>();
        foreach (var item in Items(map["match"]))
        {
            if (item is not YamlScalar { Value.Length: > 0 } scalar)
            {
                context.Report(DiagnosticDescriptors.InvalidExtension, item.Span, Name + ".match", "must be a list of field names");
                return null;
            }

            match.Add(scalar.Value);
        }

        return new OutcomeReadModel(readId, new(codes), new(match), node.Span);
    }

    public static List<OperationModel> Link(ParseContext context, IReadOnlyList<OperationModel> operations, IReadOnlyList<ObjectModel> objects)
    {
        var result = new List<OperationModel>(operations.Count);
        EquatableArray<OperationModel>? allOperations = null; // copied once, for the links there are
        EquatableArray<ObjectModel>? allObjects = null;
        foreach (var operation in operations)
        {
            if (operation.OutcomeRead is { } link
                && Problem(operation, link, allOperations ??= new EquatableArray<OperationModel>(operations), allObjects ??= new EquatableArray<ObjectModel>(objects)) is { } problem)
            {
                context.Report(DiagnosticDescriptors.InvalidExtension, link.Span, Name + " of " + operation.OperationId, problem);
                result.Add(operation with { OutcomeRead = null });
            }
            else
            {
                result.Add(operation);
            }
        }

        return result;
    }

    /// <summary>The read named by the link (valid after <see cref="Link"/>), in the model's operations (searched in place: no enumerator).</summary>
    public static OperationModel? FindRead(EquatableArray<OperationModel> operations, string operationId)
    {
        foreach (var candidate in operations.AsArray())
        {
            if (candidate.OperationId == operationId)
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The object named <paramref name="name"/> in the model's objects (searched in place: no enumerator).</summary>
    public static ObjectModel? FindObject(EquatableArray<ObjectModel> objects, string name)
    {
        foreach (var candidate in objects.AsArray())
        {
            if (candidate.Name == name)
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The parameter with the wire name, in an operation's parameters (searched in place: no enumerator).</summary>
    public static ParameterModel? FindParameter(EquatableArray<ParameterModel> parameters, string wireName)
    {
        foreach (var parameter in parameters.AsArray())
        {
            if (parameter.WireName == wireName)
            {
                return parameter;
            }
        }

        return null;
    }

    public static PropertyModel? FindProperty(ObjectModel model, string wireName)
    {
        foreach (var property in model.Properties.AsArray())
        {
            if (property.WireName == wireName)
            {
                return property;
            }
        }

        return null;
    }

    private static string? Problem(OperationModel write, OutcomeReadModel link, EquatableArray<OperationModel> operations, EquatableArray<ObjectModel> objects)
    {
        if (write.Method is "GET" or "HEAD")
        {
            return "only a write needs a status read";
        }

        var read = FindRead(operations, link.OperationId);
        if (read is null || read.Method != "GET")
        {
            return "'" + link.OperationId + "' is not a GET operation of this spec";
        }

        if (read.Response.PayloadType != write.Response.PayloadType)
        {
            return "'" + link.OperationId + "' returns " + read.Response.PayloadType + ", not " + write.Response.PayloadType;
        }

        foreach (var parameter in read.Parameters.AsArray())
        {
            if (parameter.IsConstant)
            {
                continue;
            }

            var own = FindParameter(write.Parameters, parameter.WireName);
            if (own is null || own.IsConstant || own.IsFlag || own.Type != parameter.Type)
            {
                return "the read's parameter '" + parameter.WireName + "' is not a parameter of " + write.OperationId + " of the same type";
            }

            if (parameter.Required && !own.Required)
            {
                return "the read's required parameter '" + parameter.WireName + "' is optional in " + write.OperationId;
            }
        }

        var payload = FindObject(objects, write.Response.PayloadType);
        foreach (var field in link.Match.AsArray())
        {
            if (FindParameter(write.Parameters, field) is not { Required: true })
            {
                return "'" + field + "' in match is not a required parameter of " + write.OperationId;
            }

            if (payload is null || FindProperty(payload, field) is not { Required: true })
            {
                return "'" + field + "' in match is not a required property of " + write.Response.PayloadType;
            }
        }

        return null;
    }

    private static NodeList<YamlNode> Items(YamlNode? node)
        => node is YamlSequence sequence ? sequence.Items : node is null ? default : new NodeList<YamlNode>(new[] { node });
}

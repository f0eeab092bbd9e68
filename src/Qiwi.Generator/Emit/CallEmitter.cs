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
    /// <summary>
    /// Writes the method's last statements: the call description (when there is more than a reader) and the send.
    /// The check and the status read are static lambdas given what they use (the arguments, the client) as a state
    /// argument, so a call allocates no closure; the status read's own delegates are built only when it runs.
    /// </summary>
    public static void Write(CodeWriter writer, ClientScope spec, OperationModel operation)
    {
        var reader = operation.Response.ReaderName + ".Instance";
        // Once to learn what the lambdas use, once to write them with it.
        var state = new CallState(operation);
        Checks(spec, operation, state);
        OutcomeRead(spec, operation, state);
        state.Freeze();
        var checks = Checks(spec, operation, state);
        var outcome = OutcomeRead(spec, operation, state);
        if (checks.Count == 0 && outcome is null)
        {
            writer.Line("return _pipeline.SendAsync(request, " + reader + ", cancellationToken);");
            return;
        }

        if (state.IsEmpty)
        {
            // Nothing from the call: a static lambda, one delegate for every call.
            writer.Line("var call = new " + CSharp.Runtime + ".QiwiCall<" + operation.Response.PayloadType + ">(" + reader + ") { Check = static payload => " + string.Join(" ?? ", checks) + " };");
            writer.Line("return _pipeline.SendAsync(request, call, cancellationToken);");
            return;
        }

        writer.Line("var call = " + CSharp.Runtime + ".QiwiCall.Create(");
        writer.Indent();
        writer.Line(reader + ",");
        writer.Line(state.Value + ",");
        if (checks.Count == 0)
        {
            writer.Line("check: null" + (outcome is null ? ");" : ","));
        }
        else
        {
            writer.Line("check: static (payload, " + state.Parameter + ") => " + checks[0] + (checks.Count == 1 ? (outcome is null ? ");" : ",") : string.Empty));
            writer.Indent();
            for (var i = 1; i < checks.Count; i++)
            {
                writer.Line("?? " + checks[i] + (i == checks.Count - 1 ? (outcome is null ? ");" : ",") : string.Empty));
            }

            writer.Outdent();
        }

        if (outcome is not null)
        {
            writer.Line("outcomeRead: static " + state.Parameter + " => new " + CSharp.Runtime + ".QiwiOutcomeRead<" + operation.Response.PayloadType + ">(");
            writer.Indent();
            for (var i = 0; i < outcome.Count; i++)
            {
                writer.Line(outcome[i] + (i == outcome.Count - 1 ? "));" : ","));
            }

            writer.Outdent();
        }

        writer.Outdent();
        writer.Line("return _pipeline.SendAsync(request, call, cancellationToken);");
    }

    private static List<string> Checks(ClientScope spec, OperationModel operation, CallState state)
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
                checks.Add(CSharp.Runtime + ".Serialization.QiwiPayloadChecks.Echo(" + wire + ", " + value + ", " + state.Use(echoed) + ")");
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
    private static List<string>? OutcomeRead(ClientScope spec, OperationModel operation, CallState state)
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
            arguments.Add(state.Use(OutcomeReadReader.FindParameter(operation.Parameters, parameter.WireName)!));
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
            var requested = parameter.IsConstant ? CSharp.Literal(parameter.ConstantValue!) : CSharp.ToWire(parameter.Type, parameter.Constraints, state.Use(parameter));
            matches.Add(CSharp.ToWire(property.Type, parameter.Constraints, "found." + property.Name) + " == " + requested);
        }

        return new List<string>
        {
            CSharp.Literal(read.OperationId),
            "token => " + state.UseClient() + "." + read.MethodName + "(" + string.Join(", ", arguments) + ")",
            "new int[] { " + string.Join(", ", codes) + " }",
            "found => " + (matches.Count == 0 ? "true" : string.Join(" && ", matches)),
        };
    }

    /// <summary>
    /// What a call's static lambdas take from the method: the arguments they use and the client (for the status read
    /// or a client-level value), as one value or a tuple named after them. Uses are recorded until frozen.
    /// </summary>
    private sealed class CallState
    {
        private readonly List<string> _arguments = new List<string>();
        private readonly string _client;
        private bool _usesClient;
        private bool _frozen;

        public CallState(OperationModel operation)
        {
            // The tuple's name for the client differs from every argument's.
            var names = new HashSet<string>();
            foreach (var parameter in operation.Parameters)
            {
                names.Add(parameter.ParameterName.TrimStart('@'));
            }

            _client = "client";
            while (names.Contains(_client))
            {
                _client += "_";
            }
        }

        public bool IsEmpty => _arguments.Count == 0 && !_usesClient;

        /// <summary>The lambdas' parameter: the one value's own name, or <c>state</c> for a tuple.</summary>
        public string Parameter => !IsSingle ? "state" : _usesClient ? _client : _arguments[0];

        /// <summary>The state the method passes.</summary>
        public string Value
        {
            get
            {
                if (IsSingle)
                {
                    return _usesClient ? "this" : _arguments[0];
                }

                var items = new List<string>();
                if (_usesClient)
                {
                    items.Add(_client + ": this");
                }

                items.AddRange(_arguments);
                return "(" + string.Join(", ", items) + ")";
            }
        }

        private bool IsSingle => _arguments.Count + (_usesClient ? 1 : 0) == 1;

        public void Freeze() => _frozen = true;

        /// <summary>The expression for <paramref name="parameter"/>'s value inside the lambdas.</summary>
        public string Use(ParameterModel parameter)
        {
            if (parameter.ClientField is { } field)
            {
                return UseClient() + "." + field;
            }

            var name = parameter.ParameterName;
            if (!_frozen && !_arguments.Contains(name))
            {
                _arguments.Add(name);
            }

            return IsSingle ? name : "state." + name;
        }

        /// <summary>The expression for the client inside the lambdas.</summary>
        public string UseClient()
        {
            if (!_frozen)
            {
                _usesClient = true;
            }

            return IsSingle ? _client : "state." + _client;
        }
    }
}

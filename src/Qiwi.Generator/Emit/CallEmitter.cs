using System.Collections.Generic;
using System.Text;
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
        var reader = operation.Response.ReaderName;
        var payload = OutcomeReadReader.FindObject(spec.Objects, operation.Response.PayloadType);
        var read = OutcomeRead(spec, operation, payload);

        // What the lambdas use, told from the model before they are written (writing checks it: see CallState).
        var state = new CallState(operation);
        var checks = CollectChecks(operation, payload, read, state);
        if (read is not null)
        {
            CollectOutcomeRead(operation, read, state);
        }

        if (checks == 0 && read is null)
        {
            writer.Line("return _pipeline.SendAsync(request, ", reader, ".Instance, cancellationToken);");
            return;
        }

        if (state.IsEmpty)
        {
            // Nothing from the call: a static lambda, one delegate for every call.
            var line = writer.LineStart().Append("var call = new " + CSharp.Runtime + ".QiwiCall<").Append(operation.Response.PayloadType).Append(">(").Append(reader)
                .Append(".Instance) { Check = static payload => ");
            AppendChecks(line, null, operation, payload, null, state, spec.Namespace);
            line.Append(" };");
            writer.LineEnd();
            writer.Line("return _pipeline.SendAsync(request, call, cancellationToken);");
            state.CheckAllWritten();
            return;
        }

        writer.Line("var call = " + CSharp.Runtime + ".QiwiCall.Create(");
        writer.Indent();
        writer.Line(reader, ".Instance,");
        state.AppendValue(writer.LineStart()).Append(',');
        writer.LineEnd();
        if (checks == 0)
        {
            writer.Line(read is null ? "check: null);" : "check: null,");
        }
        else
        {
            var line = writer.LineStart().Append("check: static (payload, ");
            state.AppendParameter(line).Append(") => ");
            writer.Indent();
            AppendChecks(line, writer, operation, payload, read, state, spec.Namespace);
            line.Append(read is null ? ");" : ",");
            writer.LineEnd();
            writer.Outdent();
        }

        if (read is not null)
        {
            var line = writer.LineStart().Append("outcomeRead: static ");
            state.AppendParameter(line).Append(" => new " + CSharp.Runtime + ".QiwiOutcomeRead<").Append(operation.Response.PayloadType).Append(">(");
            writer.LineEnd();
            writer.Indent();
            AppendOutcomeRead(writer.LineStart(), writer, operation, read, state, judgedByCheck: checks > 0);
            writer.LineEnd();
            writer.Outdent();
        }

        writer.Outdent();
        writer.Line("return _pipeline.SendAsync(request, call, cancellationToken);");
        state.CheckAllWritten();
    }

    /// <summary>Which checks a success payload has (see <see cref="AppendChecks"/>): how many, and the arguments they use, collected into <paramref name="state"/>.</summary>
    private static int CollectChecks(OperationModel operation, ObjectModel? payload, OperationModel? read, CallState state)
    {
        if (payload is null)
        {
            return 0;
        }

        var count = 0;
        foreach (var property in payload.Properties)
        {
            var check = CheckOf(operation, property, out var echoed);
            if (check != PayloadCheck.None)
            {
                count++;
            }

            if (echoed is not null)
            {
                state.Collect(echoed);
            }
        }

        // A write's own success must show its effect as its status read would: the matched fields repeat the request's
        // (their arguments are collected with the status read's, CollectOutcomeRead).
        return read is null ? count : count + operation.OutcomeRead!.Match.Count;
    }

    /// <summary>What the status read (see <see cref="AppendOutcomeRead"/>) uses: the client, the read's arguments, the matched ones.</summary>
    private static void CollectOutcomeRead(OperationModel operation, OperationModel read, CallState state)
    {
        state.CollectClient();
        foreach (var parameter in ParameterCode.InOrder(read.Parameters))
        {
            state.Collect(OutcomeReadReader.FindParameter(operation.Parameters, parameter.WireName)!);
        }

        foreach (var field in operation.OutcomeRead!.Match)
        {
            var parameter = OutcomeReadReader.FindParameter(operation.Parameters, field)!;
            if (!parameter.IsConstant)
            {
                state.Collect(parameter);
            }
        }
    }

    private enum PayloadCheck
    {
        None,
        Echo,
        Amount,
    }

    /// <summary>
    /// The check of a payload field: a string naming the resource repeats the request's (required, string) path parameter
    /// <paramref name="echoed"/>; a decimal with a scale is an amount.
    /// </summary>
    private static PayloadCheck CheckOf(OperationModel operation, PropertyModel property, out ParameterModel? echoed)
    {
        echoed = null;
        if (property.Type.Kind == ValueKind.String
            && OutcomeReadReader.FindParameter(operation.Parameters, property.WireName) is { Location: ParameterLocation.Path, IsConstant: false } parameter
            && parameter.Type.Kind == ValueKind.String && parameter.Required)
        {
            echoed = parameter;
            return PayloadCheck.Echo;
        }

        return property.Type.Kind == ValueKind.Decimal && property.Constraints.DecimalScale is not null ? PayloadCheck.Amount : PayloadCheck.None;
    }

    /// <summary>
    /// Appends the checks on a success payload, joined by <c> ?? </c>, or each after the first on its own line
    /// starting <c>?? </c> when <paramref name="lines"/> is the writer whose line <paramref name="builder"/> is; returns how many.
    /// </summary>
    private static int AppendChecks(StringBuilder builder, CodeWriter? lines, OperationModel operation, ObjectModel? payload, OperationModel? read, CallState state, string ns)
    {
        if (payload is null)
        {
            return 0;
        }

        var count = 0;
        foreach (var property in payload.Properties)
        {
            var check = CheckOf(operation, property, out var echoed);
            if (check == PayloadCheck.Echo)
            {
                Start(builder, lines, ref count, "Echo(", property).Append(", ");
                state.AppendUse(builder, echoed!).Append(')');
            }
            else if (check == PayloadCheck.Amount)
            {
                Start(builder, lines, ref count, "Amount(", property).Append(", ").AppendInvariant(property.Constraints.DecimalScale!.Value).Append(", ");
                if (property.Constraints.Minimum is { } minimum)
                {
                    builder.Append(minimum).Append('m');
                }
                else
                {
                    builder.Append("null");
                }

                builder.Append(property.Constraints.ExclusiveMinimum ? ", true)" : ", false)");
            }
        }

        if (read is not null)
        {
            // Another amount (or a status without the cancel) is another resource's, not this write's effect.
            foreach (var field in operation.OutcomeRead!.Match)
            {
                var property = OutcomeReadReader.FindProperty(payload, field)!;
                Separate(builder, lines, ref count);

                var parameter = OutcomeReadReader.FindParameter(operation.Parameters, field)!;
                if (property.Type.Kind == ValueKind.Decimal && parameter.Type.Kind == ValueKind.Decimal && !parameter.IsConstant && parameter.Constraints.DecimalScale is int scale)
                {
                    // The same as comparing both wire texts (equal rounded values write equal text), without writing them.
                    builder.Append(CSharp.Runtime + ".Serialization.QiwiPayloadChecks.EchoDecimal(").AppendLiteral(property.WireName).Append(", payload.").Append(property.Name)
                        .Append(", ").Append(state.Use(parameter)).Append(", ").AppendInvariant(scale)
                        .Append(", " + CSharp.Runtime + ".QiwiRounding.").Append(CSharp.RoundingName(parameter.Constraints.Rounding)).Append(')');
                    continue;
                }

                builder.Append(CSharp.Runtime + ".Serialization.QiwiPayloadChecks.Echo(").AppendLiteral(property.WireName).Append(", ");
                AppendMatch(builder, operation, payload, field, state, ns, "payload.", ", ").Append(')');
            }
        }

        return count;
    }

    /// <summary>
    /// Appends the wire text of the matched <paramref name="field"/> of <paramref name="owner"/> (<c>payload.</c>),
    /// <paramref name="separator"/>, and the request's wire text of it.
    /// </summary>
    private static StringBuilder AppendMatch(StringBuilder builder, OperationModel operation, ObjectModel payload, string field, CallState state, string ns, string owner, string separator)
    {
        var parameter = OutcomeReadReader.FindParameter(operation.Parameters, field)!;
        var property = OutcomeReadReader.FindProperty(payload, field)!;
        if (SerializationEmitter.IsStringEnum(property))
        {
            // An unknown status has no wire value of its own (ToWireValue throws): compare the raw one kept.
            SerializationEmitter.AppendStringEnumWire(builder, property, ns, owner);
        }
        else
        {
            builder.AppendToWire(property.Type, parameter.Constraints, owner, property.Name);
        }

        builder.Append(separator);
        return parameter.IsConstant ? builder.AppendLiteral(parameter.ConstantValue!) : builder.AppendToWire(parameter.Type, parameter.Constraints, state.Use(parameter));
    }

    /// <summary>Counts a check, writing <c> ?? </c> before it when one came before (a new line starting <c>?? </c> when <paramref name="lines"/> is the writer).</summary>
    private static void Separate(StringBuilder builder, CodeWriter? lines, ref int count)
    {
        if (count++ == 0)
        {
            return;
        }

        if (lines is null)
        {
            builder.Append(" ?? ");
        }
        else
        {
            lines.LineEnd();
            lines.LineStart().Append("?? ");
        }
    }

    /// <summary>Starts a payload check, <c>QiwiPayloadChecks.Method("wire", payload.Name</c>, after the separator when one came before.</summary>
    private static StringBuilder Start(StringBuilder builder, CodeWriter? lines, ref int count, string method, PropertyModel property)
    {
        Separate(builder, lines, ref count);
        return builder.Append(CSharp.Runtime + ".Serialization.QiwiPayloadChecks.").Append(method).AppendLiteral(property.WireName).Append(", payload.").Append(property.Name);
    }

    /// <summary>The status read of a write with x-qiwi-outcome-read, or null without a link.</summary>
    private static OperationModel? OutcomeRead(ClientScope spec, OperationModel operation, ObjectModel? payload)
    {
        if (operation.OutcomeRead is not { } link || payload is null)
        {
            return null;
        }

        return OutcomeReadReader.FindRead(spec.Operations, link.OperationId);
    }

    /// <summary>
    /// Appends the arguments of the <c>QiwiOutcomeRead</c> constructor and its closing <c>))</c>, separated by ", ", or
    /// each on its own line when <paramref name="lines"/> is the writer whose line <paramref name="builder"/> is.
    /// </summary>
    private static void AppendOutcomeRead(StringBuilder builder, CodeWriter? lines, OperationModel operation, OperationModel read, CallState state, bool judgedByCheck)
    {
        var link = operation.OutcomeRead!;
        builder.AppendLiteral(read.OperationId);
        Next(builder, lines).Append("token => ");
        state.AppendClient(builder).Append('.').Append(read.MethodName).Append('(');
        foreach (var parameter in ParameterCode.InOrder(read.Parameters))
        {
            state.AppendUse(builder, OutcomeReadReader.FindParameter(operation.Parameters, parameter.WireName)!).Append(", ");
        }

        builder.Append("token)");
        Next(builder, lines).Append("new int[] { ");
        for (var i = 0; i < link.NotFoundCodes.Count; i++)
        {
            builder.Append(i == 0 ? string.Empty : ", ").AppendInvariant(link.NotFoundCodes[i]);
        }

        // What the read finds is judged by the call's own success check, which compares the matched fields (AppendChecks);
        // a call with no check has no matched field either, and then whatever the read finds is the write's effect.
        builder.Append(" }");
        if (!judgedByCheck)
        {
            Next(builder, lines).Append("static found => true");
        }

        builder.Append("));");
    }

    private static StringBuilder Next(StringBuilder builder, CodeWriter? lines)
    {
        builder.Append(',');
        if (lines is null)
        {
            return builder.Append(' ');
        }

        lines.LineEnd();
        return lines.LineStart();
    }

    /// <summary>
    /// What a call's static lambdas take from the method: the arguments they use and the client (for the status read
    /// or a client-level value), as one value or a tuple named after them. Uses are collected from the model first; writing
    /// one that was not collected, or leaving one collected unwritten, is a bug and throws (QIWI9999, never wrong code).
    /// </summary>
    private sealed class CallState
    {
        private readonly List<string> _arguments = new List<string>();
        private readonly List<string> _written = new List<string>();
        private readonly string _client;
        private bool _usesClient;
        private bool _clientWritten;

        public CallState(OperationModel operation)
        {
            // The tuple's name for the client differs from every argument's.
            _client = "client";
            while (IsArgument(operation, _client))
            {
                _client += "_";
            }
        }

        /// <summary>True when an argument is named <paramref name="name"/> (a verbatim '@' aside).</summary>
        private static bool IsArgument(OperationModel operation, string name)
        {
            foreach (var parameter in operation.Parameters)
            {
                var argument = parameter.ParameterName;
                var at = 0;
                while (at < argument.Length && argument[at] == '@')
                {
                    at++;
                }

                if (argument.Length - at == name.Length && string.CompareOrdinal(argument, at, name, 0, name.Length) == 0)
                {
                    return true;
                }
            }

            return false;
        }

        public bool IsEmpty => _arguments.Count == 0 && !_usesClient;

        /// <summary>Appends the lambdas' parameter: the one value's own name, or <c>state</c> for a tuple.</summary>
        public StringBuilder AppendParameter(StringBuilder builder)
            => builder.Append(!IsSingle ? "state" : _usesClient ? _client : _arguments[0]);

        /// <summary>Appends the state the method passes.</summary>
        public StringBuilder AppendValue(StringBuilder builder)
        {
            if (IsSingle)
            {
                return builder.Append(_usesClient ? "this" : _arguments[0]);
            }

            builder.Append('(');
            if (_usesClient)
            {
                builder.Append(_client).Append(": this");
            }

            for (var i = 0; i < _arguments.Count; i++)
            {
                builder.Append(i == 0 && !_usesClient ? string.Empty : ", ").Append(_arguments[i]);
            }

            return builder.Append(')');
        }

        private bool IsSingle => _arguments.Count + (_usesClient ? 1 : 0) == 1;

        /// <summary>Collects a use of <paramref name="parameter"/>'s value (the client's, for a client-level value).</summary>
        public void Collect(ParameterModel parameter)
        {
            if (parameter.ClientField is not null)
            {
                _usesClient = true;
            }
            else if (!_arguments.Contains(parameter.ParameterName))
            {
                _arguments.Add(parameter.ParameterName);
            }
        }

        public void CollectClient() => _usesClient = true;

        /// <summary>Throws unless every use collected was written.</summary>
        public void CheckAllWritten()
        {
            if (_clientWritten != _usesClient || _written.Count != _arguments.Count)
            {
                throw new System.InvalidOperationException("The call's state holds a value its lambdas do not use.");
            }
        }

        /// <summary>The expression for <paramref name="parameter"/>'s value inside the lambdas.</summary>
        public string Use(ParameterModel parameter) => AppendUse(new StringBuilder(), parameter).ToString();

        /// <summary>Appends <see cref="Use"/>.</summary>
        public StringBuilder AppendUse(StringBuilder builder, ParameterModel parameter)
        {
            if (parameter.ClientField is { } field)
            {
                return AppendClient(builder).Append('.').Append(field);
            }

            var name = parameter.ParameterName;
            if (!_arguments.Contains(name))
            {
                throw new System.InvalidOperationException("The call's lambdas use " + name + ", which their state does not hold.");
            }

            if (!_written.Contains(name))
            {
                _written.Add(name);
            }

            return IsSingle ? builder.Append(name) : builder.Append("state.").Append(name);
        }

        /// <summary>Appends the expression for the client inside the lambdas.</summary>
        public StringBuilder AppendClient(StringBuilder builder)
        {
            if (!_usesClient)
            {
                throw new System.InvalidOperationException("The call's lambdas use the client, which their state does not hold.");
            }

            _clientWritten = true;

            return IsSingle ? builder.Append(_client) : builder.Append("state.").Append(_client);
        }
    }
}

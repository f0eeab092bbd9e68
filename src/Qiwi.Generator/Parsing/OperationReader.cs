using System.Collections.Generic;
using Qiwi.Generator.Diagnostics;
using Qiwi.Generator.Model;

namespace Qiwi.Generator.Parsing;

/// <summary>Reads <c>paths</c> into API operations and redirects, and <c>x-webhooks</c> into webhooks.</summary>
internal sealed class OperationReader
{
    private static readonly string[] Methods = { "get", "put", "post", "patch", "delete", "head", "options", "trace" };

    /// <summary>What the runtime's QiwiClientOptions (and object) declare: a client-level parameter cannot take these names.</summary>
    private static readonly HashSet<string> InheritedOptionMembers = new(System.StringComparer.Ordinal)
    {
        "BaseUrl", "SandboxBaseUrl", "ApiBaseUrl", "UseSandbox", "ServerUrl", "ApiId", "ApiPassword", "MediaType", "Timeout", "Retry",
        "TimeProvider", "Validate", "GetErrors", "GetAllErrors", "AddErrors", "ReadSettings", "ToString", "Equals", "ReferenceEquals", "GetHashCode", "GetType", "MemberwiseClone", "Finalize",
    };

    // The locals and lambda parameters an emitted method body declares (ClientEmitter, CallEmitter), and a redirect's (RedirectEmitter).
    private static readonly HashSet<string> OperationLocals = new(System.StringComparer.Ordinal) { "cancellationToken", "request", "nameof", "call", "token", "found", "payload" };
    private static readonly HashSet<string> RedirectLocals = new(System.StringComparer.Ordinal) { "url", "apiPassword", "notificationPassword", "query", "result", "nameof" };

    private readonly ParseContext _context;
    private readonly SchemaReader _schemas;
    private readonly ExtensionReader _extensions;
    private readonly EnvelopeInfo? _envelope;
    private readonly NameRegistry _names;
    private readonly ClientNames _client;
    private readonly NameRegistry.Scope _clientMembers;
    private readonly NameRegistry.Scope _redirectMembers;
    private readonly NameRegistry.Scope _optionsMembers;

    // The path checks class has a method per operation (its bare name), and names the pattern table in it.
    private readonly NameRegistry.Scope _pathCheckMembers;
    private readonly Dictionary<string, ParameterModel> _clientParameters = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, string> _operationIds = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, (bool Claimed, string Reader, string HintName)> _readers = new(System.StringComparer.Ordinal);

    public OperationReader(ParseContext context, SchemaReader schemas, ExtensionReader extensions, EnvelopeInfo? envelope, NameRegistry names, ClientNames client)
    {
        _names = names;
        _client = client;
        _clientMembers = NameRegistry.NewScope()
            .Reserve(client.Client, "the client class").Reserve("Options", "the client's Options").Reserve("_pipeline", "the client's pipeline field")
            .Reserve("Redirects", "the client's Redirects");
        _optionsMembers = NameRegistry.NewScope().Reserve(client.Options, "the client options class").Reserve(client.Patterns, "the pattern table the options name").ReserveAll(InheritedOptionMembers, "a member of QiwiClientOptions");

        _redirectMembers = NameRegistry.NewScope().Reserve(client.Redirects, "the redirects class").Reserve("_options", "the redirects' options field")
            .Reserve(client.Patterns, "the pattern table the builders name");
        _pathCheckMembers = NameRegistry.NewScope().Reserve(client.PathChecks, "the path checks class").Reserve(client.Patterns, "the pattern table the path checks name");
        _context = context;
        _schemas = schemas;
        _extensions = extensions;
        _envelope = envelope;
    }

    public List<OperationModel> Operations { get; } = new();

    public List<RedirectModel> Redirects { get; } = new();

    public List<WebhookModel> Webhooks { get; } = new();

    /// <summary>The client-level parameters (x-qiwi-client-parameter), once each, in the order first met.</summary>
    public List<ParameterModel> ClientParameters { get; } = new();

    public void ReadPaths()
    {
        var checkedPaths = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var (key, keySpan, pathItem, method, operation) in OperationsOf("paths"))
        {
            var display = UpperMethod(method) + " " + key;
            _context.Current = pathItem.KeySpan(method);
            var validPath = PathTemplate.Check(key) is not string problem || Invalid(key, keySpan, problem, checkedPaths);
            if (!TryReadName(operation, pathItem.KeySpan(method), display, out var operationId, out var name) || !validPath)
            {
                continue;
            }

            var parameters = ReadParameters(pathItem, operation, display);
            if (PathTemplate.Unmatched(key, parameters, display) is string unmatched)
            {
                _context.Report(DiagnosticDescriptors.InvalidPathTemplate, pathItem.KeySpan(method), key, unmatched);
                continue;
            }

            if (operation["x-qiwi-redirect"] is YamlNode redirect)
            {
                ReadRedirect(redirect, key, pathItem, operation, operationId, name, parameters);
            }
            else
            {
                ReadOperation(method, key, operation, operationId, name, parameters, display);
            }
        }
    }

    public void ReadWebhooks()
    {
        foreach (var (key, _, pathItem, method, operation) in OperationsOf("x-webhooks"))
        {
            var display = "webhook '" + key + "' (" + UpperMethod(method) + ")";
            _context.Current = pathItem.KeySpan(method);
            if (!TryReadName(operation, pathItem.KeySpan(method), display, out var operationId, out var name))
            {
                continue;
            }

            var body = ReadBodyObject(operation, display);
            var className = Naming.Webhook(name);
            if (body is null || !_names.ClaimType(className, new Phrase("the ", display), operation.KeySpan("operationId")))
            {
                continue;
            }

            string? replyType = null;
            string? replyMediaType = null;
            if (FindSuccessResponse(operation) is YamlMap response && response.GetMap("content") is YamlMap content && content.Entries.Count > 0)
            {
                replyMediaType = content.Entries[0].Key.Value;
                if (content.Entries[0].Value is YamlMap media && media["schema"] is YamlNode schema)
                {
                    replyType = ObjectName(schema, new Phrase("the reply of ", display));
                }
            }

            Webhooks.Add(new WebhookModel(operationId, name, operation.GetText("summary"), operation.GetText("description"), body, replyType, replyMediaType, _extensions.ReadSignature(operation),
                className, _names.HintName(className)));
        }
    }

    /// <summary>Every operation of a root map of path items (<c>paths</c>, <c>x-webhooks</c>), in document order.</summary>
    private IEnumerable<(string Key, SourceSpan KeySpan, YamlMap PathItem, string Method, YamlMap Operation)> OperationsOf(string section)
    {
        if (_context.Root[section] is not YamlMap items)
        {
            yield break;
        }

        foreach (var entry in items.Entries)
        {
            if (_context.ResolveMap(entry.Value, out _) is not YamlMap pathItem)
            {
                continue;
            }

            foreach (var methodEntry in pathItem.Entries)
            {
                var method = methodEntry.Key.Value;
                if (System.Array.IndexOf(Methods, method) >= 0 && methodEntry.Value is YamlMap operation)
                {
                    _context.Pass(section);
                    yield return (entry.Key.Value, entry.Key.Span, pathItem, method, operation);
                }
            }
        }
    }

    private bool TryReadName(YamlMap operation, SourceSpan methodSpan, string display, out string operationId, out string name)
    {
        name = string.Empty;
        operationId = operation.GetString("operationId") ?? string.Empty;
        if (operationId.Length == 0)
        {
            _context.Report(DiagnosticDescriptors.MissingOperationId, methodSpan, display);
            return false;
        }

        var idSpan = operation["operationId"]!.Span;
        if (_operationIds.TryGetValue(operationId, out var first))
        {
            _context.Report(DiagnosticDescriptors.DuplicateOperation, idSpan, operationId, display, first);
            return false;
        }

        _operationIds[operationId] = display;
        name = Naming.Member(operationId, operation.GetString("x-qiwi-name"));
        if (!Naming.IsValidIdentifier(name))
        {
            _context.Report(DiagnosticDescriptors.InvalidIdentifier, operation.KeySpan("operationId"), name, "the operationId of " + display);
            return false;
        }

        return true;
    }

    private bool Invalid(string path, SourceSpan span, string problem, HashSet<string> reported)
    {
        if (reported.Add(path))
        {
            _context.Report(DiagnosticDescriptors.InvalidPathTemplate, span, path, problem);
        }

        return false;
    }

    private void ReadOperation(string method, string path, YamlMap operation, string operationId, string name, List<ParameterModel> parameters, string display)
    {
        if (operation["requestBody"] is YamlNode bodyNode && _context.ResolveMap(bodyNode, out _) is YamlMap body)
        {
            var content = body.GetMap("content");
            var form = content?.GetMap("application/x-www-form-urlencoded");
            if (form is null)
            {
                var mediaType = content is { Entries.Count: > 0 } ? content.Entries[0].Key.Value : "(none)";
                _context.Report(DiagnosticDescriptors.UnsupportedConstruct, content?.Span ?? body.Span, "The request body media type '" + mediaType + "' of " + display, "only application/x-www-form-urlencoded bodies are supported");
                return;
            }

            if (form["schema"] is YamlNode formSchema)
            {
                AddFormFields(formSchema, parameters, display, body.GetBool("required") ?? false);
            }
        }

        // The locals and lambda parameters the emitted method body uses (ClientEmitter, CallEmitter).
        if (!CheckDuplicates(parameters, operation, display, OperationLocals))
        {
            return;
        }

        if (_envelope is null)
        {
            _context.Report(DiagnosticDescriptors.UnsupportedConstruct, operation.KeySpan("operationId"), "The operation " + operationId + " without a root x-qiwi-envelope", "the generator reads enveloped responses; add x-qiwi-envelope (see docs/spec-extensions.md)");
            return;
        }

        var response = ReadResponse(operation, display);
        var methodName = Naming.AsyncMethod(name);
        if (response is null || !_clientMembers.Claim(_context, operation.KeySpan("operationId"), new Phrase("the method of ", display), methodName)
            || !_pathCheckMembers.Claim(_context, operation.KeySpan("operationId"), new Phrase("the path check of ", display), name))
        {
            return;
        }

        var marked = _context.Flag(operation, "x-qiwi-idempotent", new Phrase("x-qiwi-idempotent of ", display)) ?? false;
        var idempotent = method is "get" or "head" || marked;
        Operations.Add(new OperationModel(operationId, name, UpperMethod(method), path, operation.GetText("summary"), operation.GetText("description"), new(parameters), response, idempotent, methodName, OutcomeReadReader.Read(_context, operation)));
    }

    private void ReadRedirect(YamlNode redirect, string path, YamlMap pathItem, YamlMap operation, string operationId, string name, List<ParameterModel> parameters)
    {
        var display = "the redirect " + operationId;
        var kindText = (redirect as YamlMap)?.GetString("kind");
        if (kindText is not ("outbound" or "inbound"))
        {
            _context.Report(DiagnosticDescriptors.InvalidExtension, (redirect as YamlMap)?["kind"]?.Span ?? redirect.Span, "x-qiwi-redirect.kind of " + operationId, "must be outbound or inbound");
            return;
        }

        if (operation.Contains("requestBody"))
        {
            _context.Report(DiagnosticDescriptors.ConflictingExtension, operation.KeySpan("requestBody"), "x-qiwi-redirect of " + operationId, "a redirect is a browser GET and cannot have a request body");
            return;
        }

        foreach (var parameter in parameters)
        {
            if (parameter.Location is not ParameterLocation.Query)
            {
                _context.Report(DiagnosticDescriptors.ConflictingExtension, operation.KeySpan("x-qiwi-redirect"), "x-qiwi-redirect of " + operationId, "the parameter '" + parameter.WireName + "' is not a query parameter");
                return;
            }
        }

        if (!CheckDuplicates(parameters, operation, display, RedirectLocals))
        {
            return;
        }

        var server = ServerUrl(operation) ?? ServerUrl(pathItem) ?? ServerUrl(_context.Root) ?? string.Empty;
        var signature = _extensions.ReadSignature(operation);
        if (signature is not null && !CheckSignatureFields(signature, parameters, operation, operationId))
        {
            signature = null;
        }

        var kind = kindText == "outbound" ? RedirectKind.Outbound : RedirectKind.Inbound;
        var names = new RedirectNames(Naming.SignedBuilder(name), Naming.SignatureProperty(name), Naming.ParseMethod(name), Naming.TryParseMethod(name), Naming.RedirectRecord(name));
        var span = operation.KeySpan("operationId");
        var owner = new Phrase("the ", display);
        if (kind == RedirectKind.Outbound
                ? !(signature is null ? _redirectMembers.Claim(_context, span, owner, name) : _redirectMembers.Claim(_context, span, owner, name, names.Signed, names.Signature))
                : !_redirectMembers.Claim(_context, span, owner, names.Parse, names.TryParse) || !_names.ClaimType(names.Record, owner.Append(" (its record)"), span) || !CheckRecordProperties(parameters, names.Record, span))
        {
            return;
        }

        Redirects.Add(new RedirectModel(operationId, name, kind, server, path, operation.GetText("summary"), operation.GetText("description"), new(parameters), signature, names));
    }

    private bool CheckSignatureFields(SignatureModel signature, List<ParameterModel> parameters, YamlMap operation, string operationId)
    {
        var known = new HashSet<string>();
        foreach (var parameter in parameters)
        {
            known.Add(parameter.WireName);
        }

        var missing = new List<string>();
        if (!known.Contains(signature.Target))
        {
            missing.Add(signature.Target);
        }

        foreach (var field in signature.Fields.AsArray())
        {
            if (!known.Contains(field))
            {
                missing.Add(field);
            }
        }

        if (missing.Count == 0)
        {
            return true;
        }

        _context.Report(DiagnosticDescriptors.ConflictingExtension, operation.KeySpan("x-qiwi-signature"), "x-qiwi-signature of " + operationId, "'" + string.Join("', '", missing) + "' is not a parameter of the operation");
        return false;
    }

    /// <summary>The parameters of an inbound redirect become properties of its record: none may be named like the record.</summary>
    private bool CheckRecordProperties(List<ParameterModel> parameters, string record, SourceSpan span)
    {
        using var scope = _names.LocalScope(0, 0);
        scope.Reserve(record, new Phrase("the record ", record)).ReserveAll(SchemaReader.RecordMemberNames, "a member of every record");
        foreach (var parameter in parameters)
        {
            if (!scope.Claim(_context, span, new Phrase("the parameter '", parameter.WireName, "' of the redirect"), parameter.Name))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The upper-case method (<c>ToUpperInvariant</c>), without a new string for the methods OpenAPI names.</summary>
    private static string UpperMethod(string method) => method switch
    {
        "get" => "GET",
        "put" => "PUT",
        "post" => "POST",
        "patch" => "PATCH",
        "delete" => "DELETE",
        "head" => "HEAD",
        "options" => "OPTIONS",
        "trace" => "TRACE",
        _ => method.ToUpperInvariant(),
    };

    private static string? ServerUrl(YamlMap owner)
        => owner["servers"] is YamlSequence { Items.Count: > 0 } servers && servers.Items[0] is YamlMap server ? server.GetString("url") : null;

    private List<ParameterModel> ReadParameters(YamlMap pathItem, YamlMap operation, string display)
    {
        var result = new List<ParameterModel>();
        Dictionary<(ParameterLocation, string), int>? indexes = null; // past a few parameters, so that a huge list stays linear
        for (var i = 0; i < 2; i++)
        {
            if ((i == 0 ? pathItem : operation)["parameters"] is not YamlSequence list)
            {
                continue;
            }

            foreach (var item in list.Items)
            {
                if (_context.ResolveMap(item, out _) is not YamlMap parameter || ReadParameter(parameter, item, display) is not ParameterModel model)
                {
                    continue;
                }

                // An operation's parameter replaces the path item's of the same location and name, in its place.
                var key = (model.Location, model.WireName);
                var index = indexes is null ? IndexOfParameter(result, model.Location, model.WireName) : indexes.TryGetValue(key, out var at) ? at : -1;
                if (index >= 0)
                {
                    result[index] = model;
                    continue;
                }

                result.Add(model);
                if (indexes is not null)
                {
                    indexes[key] = result.Count - 1;
                }
                else if (result.Count > 16)
                {
                    indexes = new Dictionary<(ParameterLocation, string), int>();
                    for (var j = 0; j < result.Count; j++)
                    {
                        indexes[(result[j].Location, result[j].WireName)] = j;
                    }
                }
            }
        }

        return result;
    }

    private static int IndexOfParameter(List<ParameterModel> parameters, ParameterLocation location, string wireName)
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].Location == location && string.Equals(parameters[i].WireName, wireName, System.StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private ParameterModel? ReadParameter(YamlMap parameter, YamlNode origin, string display)
    {
        var wireName = parameter.GetString("name");
        var location = parameter.GetString("in");
        if (wireName is null || location is null)
        {
            _context.Report(DiagnosticDescriptors.UnsupportedConstruct, origin.Span, "A parameter of " + display + " without 'name' or 'in'", "every parameter needs both");
            return null;
        }

        ParameterLocation? where = location switch
        {
            "path" => ParameterLocation.Path,
            "query" => ParameterLocation.Query,
            "header" => ParameterLocation.Header,
            _ => null,
        };
        if (where is null)
        {
            _context.Report(DiagnosticDescriptors.UnsupportedConstruct, parameter.KeySpan("in"), "The " + location + " parameter '" + wireName + "' of " + display, "only path, query and header parameters are supported");
            return null;
        }

        if (parameter["schema"] is not YamlNode schema)
        {
            _context.Report(DiagnosticDescriptors.UnsupportedConstruct, parameter.Span, "The parameter '" + wireName + "' of " + display + " without a schema", "add 'schema'");
            return null;
        }

        if (_schemas.Resolve(schema, new Phrase("parameter '", wireName, "' of ", display)) is not { } resolved)
        {
            return null;
        }

        if (resolved.Type.Kind == ValueKind.Object)
        {
            _context.Report(DiagnosticDescriptors.UnsupportedConstruct, schema.Span, "The object parameter '" + wireName + "' of " + display, "parameters must be of a simple type");
            return null;
        }

        var name = Naming.Member(wireName, parameter.GetString("x-qiwi-name") ?? resolved.CSharpName);
        if (!Naming.IsValidIdentifier(name))
        {
            _context.Report(DiagnosticDescriptors.InvalidIdentifier, parameter.KeySpan("name"), name, "the parameter '" + wireName + "' of " + display);
            return null;
        }

        var required = where == ParameterLocation.Path || (parameter.GetBool("required") ?? false);
        var model = NewParameter(wireName, name, where.Value, resolved, required, parameter.GetText("description") ?? resolved.Description);
        return _context.Flag(parameter, "x-qiwi-client-parameter", new Phrase("x-qiwi-client-parameter on '", wireName, "' of ", display)) == true ? ClientLevel(model, parameter, display) : model;
    }

    /// <summary>
    /// Marks a parameter client-level (x-qiwi-client-parameter: true): a path parameter, of a simple non-constant
    /// type, the same name and type wherever it is used, whose options property and client field are free names.
    /// Otherwise QIWI0009 at the extension, and the parameter stays a method parameter.
    /// </summary>
    private ParameterModel ClientLevel(ParameterModel model, YamlMap parameter, string display)
    {
        var span = parameter.KeySpan("x-qiwi-client-parameter");
        var what = "x-qiwi-client-parameter on '" + model.WireName + "' of " + display;
        if (model.Location != ParameterLocation.Path || model.ConstantValue is not null)
        {
            _context.Report(DiagnosticDescriptors.InvalidExtension, span, what, "only a path parameter that is not a constant can be client-level");
            return model;
        }

        var client = model with { ClientField = Naming.ClientField(model.Name) };
        if (_clientParameters.TryGetValue(model.WireName, out var first))
        {
            if (first.Name != client.Name || !first.Type.Equals(client.Type) || !first.Constraints.Equals(client.Constraints))
            {
                _context.Report(DiagnosticDescriptors.InvalidExtension, span, what, "another operation declares it with another name, type or rules; a client-level parameter has one setting");
                return model;
            }

            return client;
        }

        if (!_optionsMembers.Claim(_context, span, new Phrase("the client-level parameter '", model.WireName, "'"), client.Name)
            || !_clientMembers.Claim(_context, span, new Phrase("the field of the client-level parameter '", model.WireName, "'"), client.ClientField!))
        {
            return model;
        }

        _clientParameters[model.WireName] = client;
        ClientParameters.Add(client);
        return client;
    }

    private void AddFormFields(YamlNode formSchema, List<ParameterModel> parameters, string display, bool bodyRequired)
    {
        if (_context.ResolveMap(formSchema, out _) is not YamlMap schema)
        {
            return;
        }

        var required = RequiredNames.Of(schema["required"]);

        if (schema["properties"] is not YamlMap properties)
        {
            _context.Report(DiagnosticDescriptors.UnsupportedConstruct, schema.Span, "The form body of " + display + " without 'properties'", "describe the form fields as an object's properties");
            return;
        }

        foreach (var entry in properties.Entries)
        {
            var wireName = entry.Key.Value;
            if (_schemas.Resolve(entry.Value, new Phrase("form field '", wireName, "' of ", display)) is not { } resolved)
            {
                continue;
            }

            if (resolved.Type.Kind == ValueKind.Object)
            {
                _context.Report(DiagnosticDescriptors.UnsupportedConstruct, entry.Value.Span, "The object form field '" + wireName + "' of " + display, "form fields must be of a simple type");
                continue;
            }

            var name = Naming.Member(wireName, resolved.CSharpName);
            if (!Naming.IsValidIdentifier(name))
            {
                _context.Report(DiagnosticDescriptors.InvalidIdentifier, entry.Key.Span, name, "the form field '" + wireName + "' of " + display);
                continue;
            }

            parameters.Add(NewParameter(wireName, name, ParameterLocation.Form, resolved, bodyRequired && required.Contains(wireName), resolved.Description));
        }
    }

    private static ParameterModel NewParameter(string wireName, string name, ParameterLocation location, ResolvedType resolved, bool required, string? description)
    {
        var parameterName = Naming.ToParameterName(name);
        return new ParameterModel(wireName, name, location, resolved.Type, required, description, resolved.Constraints, resolved.ConstantValue, parameterName, Naming.TextLocal(parameterName));
    }

    /// <summary>Parameter names are unique within the method, and differ from the names its code declares itself.</summary>
    private bool CheckDuplicates(List<ParameterModel> parameters, YamlMap operation, string display, HashSet<string> reserved)
    {
        using var scope = _names.LocalScope(parameters.Count, parameters.Count);
        scope.ReserveAll(reserved, "a parameter or local the generated method declares itself");

        foreach (var parameter in parameters)
        {
            var owner = new Phrase(LocationName(parameter.Location), " parameter '", parameter.WireName, "' of ", display);
            if (!scope.Claim(_context, operation.KeySpan("operationId"), owner, Naming.WithoutAt(parameter.ParameterName)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The lower-case name of a location, as <c>ToString().ToLowerInvariant()</c> gives it.</summary>
    private static string LocationName(ParameterLocation location) => location switch
    {
        ParameterLocation.Path => "path",
        ParameterLocation.Query => "query",
        ParameterLocation.Header => "header",
        ParameterLocation.Form => "form",
        _ => location.ToString().ToLowerInvariant(),
    };

    private ResponseModel? ReadResponse(YamlMap operation, string display)
    {
        var envelope = _envelope!;
        if (FindSuccessResponse(operation) is not YamlMap response || response.GetMap("content") is not YamlMap content)
        {
            _context.Report(DiagnosticDescriptors.UnsupportedConstruct, operation.KeySpan("responses"), "The operation " + display + " without a 2xx response with content", "describe the success response's body");
            return null;
        }

        string? envelopeType = null;
        string? xmlResultType = null;
        foreach (var media in content.Entries)
        {
            if (media.Value is not YamlMap mediaMap || mediaMap["schema"] is not YamlNode schema)
            {
                continue;
            }

            var mediaType = media.Key.Value;
            if (mediaType.Contains("json") && envelopeType is null)
            {
                envelopeType = ObjectName(schema, new Phrase("the ", mediaType, " response of ", display));
            }
            else if (mediaType.Contains("xml") && xmlResultType is null)
            {
                xmlResultType = ObjectName(schema, new Phrase("the ", mediaType, " response of ", display));
            }
        }

        if (envelopeType is null)
        {
            _context.Report(DiagnosticDescriptors.UnsupportedConstruct, content.Span, "The success response of " + display + " without a JSON schema naming a components/schemas object", "the generator reads the JSON envelope");
            return null;
        }

        var envelopeModel = _schemas.FindObject(envelopeType);
        var wrapper = envelopeModel is null ? null : OutcomeReadReader.FindProperty(envelopeModel, envelope.Wrapper);
        if (wrapper?.Type.Kind != ValueKind.Object)
        {
            _context.Report(DiagnosticDescriptors.ConflictingExtension, content.Span, "x-qiwi-envelope", "the response schema " + envelopeType + " of " + display + " has no object property '" + envelope.Wrapper + "'");
            return null;
        }

        var resultType = wrapper.Type.TypeName!;
        if (xmlResultType is not null && xmlResultType != resultType)
        {
            _context.Report(DiagnosticDescriptors.ConflictingExtension, content.Span, "x-qiwi-envelope", "the XML response of " + display + " is " + xmlResultType + " but the JSON envelope wraps " + resultType);
            return null;
        }

        if (_schemas.FindObject(resultType) is not ObjectModel resultModel)
        {
            return null; // the result schema was not generated (its own diagnostic says why)
        }

        var code = OutcomeReadReader.FindProperty(resultModel, envelope.ResultCode);
        var description = OutcomeReadReader.FindProperty(resultModel, envelope.Description);
        PropertyModel? payload = null;
        foreach (var property in resultModel.Properties.AsArray())
        {
            if (property.WireName == envelope.ResultCode || property.WireName == envelope.Description)
            {
                continue;
            }

            if (property.Type.Kind != ValueKind.Object || payload is not null)
            {
                _context.Report(DiagnosticDescriptors.ConflictingExtension, content.Span, "x-qiwi-envelope", "the result " + resultType + " of " + display + " must have exactly one object payload besides '" + envelope.ResultCode + "' and '" + envelope.Description + "'");
                return null;
            }

            payload = property;
        }

        if (code is null || code.Type.Kind is not (ValueKind.Int32 or ValueKind.Enum) || payload is null)
        {
            _context.Report(DiagnosticDescriptors.ConflictingExtension, content.Span, "x-qiwi-envelope", "the result " + resultType + " of " + display + " needs an integer '" + envelope.ResultCode + "' and an object payload");
            return null;
        }

        if (!_readers.TryGetValue(envelopeType, out var known))
        {
            var name = Naming.Reader(envelopeType);
            known = (_names.ClaimType(name, new Phrase("the response reader of ", envelopeType), content.Span), name, _names.HintName(name));
            _readers[envelopeType] = known;
        }

        if (!known.Claimed)
        {
            return null;
        }

        var reader = known.Reader;

        return new ResponseModel(envelopeType, wrapper.Name, resultType, resultModel.XmlName, code.Name, code.Type.Kind == ValueKind.Enum, description?.Name, payload.Name, payload.Type.TypeName!, response.GetText("description") ?? string.Empty, envelope.SuccessCode,
            reader, known.HintName, code.Required, wrapper.Required);
    }

    private YamlMap? FindSuccessResponse(YamlMap operation)
    {
        if (operation["responses"] is not YamlMap responses)
        {
            return null;
        }

        foreach (var entry in responses.Entries)
        {
            if (entry.Key.Value.StartsWith("2", System.StringComparison.Ordinal))
            {
                return _context.ResolveMap(entry.Value, out _);
            }
        }

        return null;
    }

    private string? ReadBodyObject(YamlMap operation, string display)
    {
        if (operation["requestBody"] is YamlNode bodyNode
            && _context.ResolveMap(bodyNode, out _) is YamlMap body
            && body.GetMap("content") is YamlMap { Entries.Count: > 0 } content
            && content.Entries[0].Value is YamlMap media
            && media["schema"] is YamlNode schema)
        {
            var name = ObjectName(schema, new Phrase("the body of ", display));
            if (name is not null && _schemas.FindObject(name) is { } model)
            {
                foreach (var property in model.Properties.AsArray())
                {
                    if (property.Type.Kind == ValueKind.Object)
                    {
                        _context.Report(DiagnosticDescriptors.UnsupportedConstruct, schema.Span, "The body " + name + " of " + display + ", whose property '" + property.WireName + "' is an object,",
                            "a webhook's body is a form: every property must be of a simple type");
                        return null;
                    }
                }
            }
            else if (name is not null)
            {
                return null; // the body schema was not generated (its own diagnostic says why)
            }

            return name;
        }

        _context.Report(DiagnosticDescriptors.UnsupportedConstruct, operation.Span, "The " + display + " without a request body schema", "a webhook's body must be a components/schemas object");
        return null;
    }

    private string? ObjectName(YamlNode schema, Phrase where)
    {
        if (_schemas.Resolve(schema, where) is not { } resolved)
        {
            return null;
        }

        if (resolved.Type.Kind == ValueKind.Object)
        {
            return resolved.Type.TypeName;
        }

        _context.Report(DiagnosticDescriptors.UnsupportedConstruct, schema.Span, "The schema of " + where, "it must be a $ref to an object in components/schemas");
        return null;
    }
}

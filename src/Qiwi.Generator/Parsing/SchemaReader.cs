using System.Collections.Generic;
using Qiwi.Generator.Diagnostics;
using Qiwi.Generator.Model;

namespace Qiwi.Generator.Parsing;

/// <summary>
/// Reads <c>components/schemas</c>: enum schemas become <see cref="EnumModel"/>s, object schemas
/// <see cref="ObjectModel"/>s, and primitive schemas are aliases inlined where they are used.
/// Also resolves the schema of any property or parameter to a <see cref="ResolvedType"/>.
/// </summary>
internal sealed class SchemaReader
{
    private const string SchemaPrefix = "#/components/schemas/";

    /// <summary>
    /// Members every record has or inherits from <c>object</c>, and <c>Clone</c>, which C# forbids in records (CS8859):
    /// a property named like one fails to compile or hides it (CS0108, an error under warnings-as-errors).
    /// </summary>
    internal static readonly HashSet<string> RecordMemberNames = new(System.StringComparer.Ordinal)
    {
        "EqualityContract", "Equals", "GetHashCode", "ToString", "Deconstruct", "PrintMembers", "Clone", "GetType", "MemberwiseClone", "ReferenceEquals",
    };

    // Members every generated record has or gets, and the parameters and locals its readers and writers
    // declare; a property (or its local) may not take these names, nor the record itself its members' (CS0542).
    private static readonly HashSet<string> ReservedMemberNames = new(RecordMemberNames, System.StringComparer.Ordinal)
    {
        "AdditionalProperties",
        "FromJson", "FromXml", "FromForm", "ReadJson", "ReadXml", "ReadForm", "ToXml", "WriteXml", "WriteJson", "ToJson",
        "ToForm", "Missing", "reader", "result", "element", "child", "root", "fields", "field", "name", "writer", "buffer",
        "pair", "utf8Json", "utf8Xml", "wireName", "_additional",
    };

    // The methods an open enum's class declares: the class may not take their names (CS0542).
    private static readonly HashSet<string> OpenEnumMethods = new(System.StringComparer.Ordinal) { "IsKnown", "GetDescription" };

    // The names an open enum's constants may not take: its class's methods, and what the class inherits from object (CS0108).
    private static readonly HashSet<string> OpenEnumMembers = new(OpenEnumMethods, System.StringComparer.Ordinal)
    {
        "Equals", "GetHashCode", "GetType", "ToString", "ReferenceEquals", "MemberwiseClone",
    };

    private readonly ParseContext _context;
    private readonly ExtensionReader _extensions;
    private readonly NameRegistry _names;
    private Dictionary<string, EnumModel> _enums = new();
    private Dictionary<string, YamlMap> _objectSchemas = new();
    private List<string> _order = new();
    private readonly NodeSet _visited = new();
    private readonly Dictionary<string, string?> _patternProblems = new(System.StringComparer.Ordinal);
    private readonly EnumScratch _enumScratch = new();
    private List<PropertyModel>? _spareProperties;
    private List<ObjectModel>? _objects;
    private Dictionary<string, ObjectModel>? _objectsByName;

    public SchemaReader(ParseContext context, ExtensionReader extensions, NameRegistry names)
    {
        _names = names;
        _context = context;
        _extensions = extensions;
    }

    public IReadOnlyDictionary<string, EnumModel> Enums => _enums;

    public bool IsObject(string name) => _objectSchemas.ContainsKey(name);

    /// <summary>Classifies every component schema; call before resolving any type.</summary>
    public void ReadComponents()
    {
        if (_context.Root.GetMap("components")?.GetMap("schemas") is not YamlMap schemas)
        {
            return;
        }

        // Sized once for every schema (ReadComponents runs once per read): no growing by doubling on the way.
        var count = schemas.Entries.Count;
        _enums = new Dictionary<string, EnumModel>(count);
        _objectSchemas = new Dictionary<string, YamlMap>(count);
        _order = new List<string>(count);
        foreach (var entry in schemas.Entries)
        {
            _context.Pass("schema");
            var name = entry.Key.Value;
            if (entry.Value is not YamlMap schema || schema.Contains("$ref"))
            {
                continue; // an alias of another schema: resolved where used
            }

            var isEnum = schema.Contains("enum") || schema.Contains("x-qiwi-enum");
            var isObject = schema.GetString("type") == "object" || (schema.Contains("properties") && !schema.Contains("type"));
            if (!isEnum && !isObject)
            {
                continue;
            }

            _context.Current = entry.Key.Span;
            if (!Naming.IsValidTypeName(name))
            {
                _context.Report(DiagnosticDescriptors.InvalidIdentifier, entry.Key.Span, name, "the schema name" + Naming.TypeNameRule(name));
                continue;
            }

            var closedEnum = isEnum && schema.Contains("enum");
            if (!isEnum && ReservedMemberNames.Contains(name))
            {
                // A type cannot have a member of its own name (CS0542), and every record declares these.
                _context.Report(DiagnosticDescriptors.DuplicateIdentifier, entry.Key.Span, name, "a member every generated record declares", "the schema " + name);
                continue;
            }

            if (isEnum && !closedEnum && OpenEnumMethods.Contains(name))
            {
                // The same for an open enum's class and its two methods.
                _context.Report(DiagnosticDescriptors.DuplicateIdentifier, entry.Key.Span, name, "a method every open enum's class declares", "the schema " + name);
                continue;
            }

            if (!_names.ClaimType(name, new Phrase("the schema ", name), entry.Key.Span)
                || (closedEnum && !_names.ClaimType(Naming.EnumExtensions(name), new Phrase("the schema ", name, " (its helpers ", Naming.EnumExtensions(name), ")"), entry.Key.Span)))
            {
                continue;
            }

            _order.Add(name);
            if (isEnum)
            {
                if (ReadEnum(name, schema) is EnumModel model)
                {
                    _enums[name] = model;
                }
            }
            else
            {
                _objectSchemas[name] = schema;
            }
        }
    }

    /// <summary>The object models, in document order (their properties are read once, on first use).</summary>
    public IReadOnlyList<ObjectModel> Objects => _objects ??= ReadObjects();

    /// <summary>The object model named <paramref name="name"/> (the first, when the document names two alike), by key: a lookup per operation stays constant however many objects there are.</summary>
    public ObjectModel? FindObject(string name)
    {
        _ = Objects;
        return _objectsByName!.TryGetValue(name, out var model) ? model : null;
    }

    private List<ObjectModel> ReadObjects()
    {
        var objects = new List<ObjectModel>(_objectSchemas.Count);
        var byName = new Dictionary<string, ObjectModel>(_objectSchemas.Count, System.StringComparer.Ordinal);
        foreach (var name in _order)
        {
            if (_objectSchemas.TryGetValue(name, out var schema))
            {
                _context.Pass("object");
                _context.Current = schema.Span;
                var model = ReadObject(name, schema);
                objects.Add(model);
                if (!byName.ContainsKey(model.Name))
                {
                    byName[model.Name] = model;
                }
            }
        }

        _objectsByName = byName;
        return objects;
    }

    /// <summary>
    /// Resolves a property's or parameter's schema; null (after a diagnostic) when unsupported.
    /// Follows <c>$ref</c> and single-item <c>allOf</c> in a loop with a visited set, so a cycle is a
    /// QIWI0013 at the reference that closes it, never a stack overflow. The outermost description and
    /// x-qiwi-name win.
    /// </summary>
    public ResolvedType? Resolve(YamlNode node, Phrase where)
    {
        string? description = null;
        string? csharpName = null;
        var visited = _visited; // Resolve does not call itself: one set serves every call
        visited.Clear();
        YamlMap map;
        SchemaKeys keys;
        while (true)
        {
            if (node is not YamlMap current)
            {
                _context.Report(DiagnosticDescriptors.UnsupportedConstruct, node.Span, "The schema of " + where, "a schema must be a map");
                return null;
            }

            map = current;
            visited.Add(map);
            keys = SchemaKeys.Of(map); // one pass over the entries instead of a lookup per key
            description ??= YamlExtensions.TextOf(keys.Description);
            csharpName ??= YamlExtensions.StringOf(keys.Name);
            YamlNode next;
            if (keys.Ref is YamlScalar reference)
            {
                if (reference.Value.StartsWith(SchemaPrefix, System.StringComparison.Ordinal))
                {
                    var name = reference.Value.Substring(SchemaPrefix.Length);
                    if (_enums.TryGetValue(name, out var enumModel))
                    {
                        return new ResolvedType(
                            new TypeRef(enumModel.IsOpen ? ValueKind.OpenEnum : ValueKind.Enum, name, enumModel.IsInteger, HelperName: enumModel.ExtensionsName),
                            enumModel.IsOpen ? Constraints.None with { Pattern = enumModel.Pattern } : Constraints.None,
                            description ?? enumModel.Description,
                            null,
                            csharpName);
                    }

                    if (_objectSchemas.TryGetValue(name, out var objectSchema))
                    {
                        return new ResolvedType(new TypeRef(ValueKind.Object, name), Constraints.None, description ?? objectSchema.GetText("description"), null, csharpName);
                    }
                }

                if (_context.Follow(reference) is not YamlNode target)
                {
                    return null;
                }

                next = target;
                if (visited.Contains(next))
                {
                    _context.Report(DiagnosticDescriptors.Cycle, reference.Span, "The schema reference '" + reference.Value + "' (" + where + ")", "following $ref and allOf leads back to it");
                    return null;
                }

                node = next;
                continue;
            }

            if ((keys.OneOf is not null ? "oneOf" : keys.AnyOf is not null ? "anyOf" : keys.Not is not null ? "not" : null) is string combinator)
            {
                // In the order oneOf, anyOf, not: the first one the schema has is reported.
                _context.Report(DiagnosticDescriptors.UnsupportedConstruct, map.KeySpan(combinator), "'" + combinator + "' in the schema of " + where, "use a single type, or allOf with one $ref");
                return null;
            }

            if (keys.AllOf is not YamlNode allOf)
            {
                break;
            }

            if (allOf is not YamlSequence { Items.Count: 1 } single)
            {
                _context.Report(DiagnosticDescriptors.UnsupportedConstruct, allOf.Span, "'allOf' with other than one item in the schema of " + where, "allOf may only wrap a single $ref (to describe or rename it)");
                return null;
            }

            if (visited.Contains(single.Items[0]))
            {
                _context.Report(DiagnosticDescriptors.Cycle, single.Items[0].Span, "The allOf item (" + where + ")", "it is the schema that contains it");
                return null;
            }

            node = single.Items[0];
        }

        var type = YamlExtensions.StringOf(keys.Type);
        var constraints = ReadConstraints(keys);
        string? constant = null;
        if (keys.Enum is YamlNode enumNode)
        {
            if (enumNode is YamlSequence { Items.Count: 1 } values && values.Items[0] is YamlScalar value)
            {
                constant = value.Value;
            }
            else
            {
                _context.Report(DiagnosticDescriptors.UnsupportedConstruct, enumNode.Span, "An inline enum in the schema of " + where, "move it to components/schemas so that it has a name (a single-value enum may stay inline)");
                return null;
            }
        }

        ValueKind? kind = type switch
        {
            "string" when YamlExtensions.StringOf(keys.Format) == "decimal" => ValueKind.Decimal,
            "string" when keys.DateTime is not null => ValueKind.DateTime,
            "string" => ValueKind.String,
            "integer" when YamlExtensions.StringOf(keys.Format) == "int64" => ValueKind.Int64,
            "integer" => ValueKind.Int32,
            "number" => ValueKind.Decimal,
            "boolean" => ValueKind.Boolean,
            _ => null,
        };

        if (kind is null)
        {
            var what = type switch
            {
                "object" => "an inline object in the schema of " + where,
                "array" => "an array in the schema of " + where,
                null => "a schema without 'type' (" + where + ")",
                _ => "the type '" + type + "' in the schema of " + where,
            };
            _context.Report(DiagnosticDescriptors.UnsupportedConstruct, keys.Type?.Span ?? map.Span, Capitalize(what),
                type == "object" ? "move the object to components/schemas so that it has a name" : "use string, integer, number, boolean or a $ref");
            return null;
        }

        return new ResolvedType(PrimitiveType(kind.Value, wireString: kind == ValueKind.Decimal && type == "string"), constraints, description, constant, csharpName);
    }

    // The type of a primitive schema is one of a few values: shared instances (records, compared by value) instead of one per use.
    private static readonly TypeRef[] PrimitiveTypes = CreatePrimitiveTypes();

    private static TypeRef[] CreatePrimitiveTypes()
    {
        var types = new TypeRef[((int)ValueKind.DateTime + 1) * 2];
        for (var kind = ValueKind.String; kind <= ValueKind.DateTime; kind++)
        {
            types[(int)kind * 2] = new TypeRef(kind);
            types[((int)kind * 2) + 1] = new TypeRef(kind, WireString: true);
        }

        return types;
    }

    private static TypeRef PrimitiveType(ValueKind kind, bool wireString)
        => kind <= ValueKind.DateTime ? PrimitiveTypes[((int)kind * 2) + (wireString ? 1 : 0)] : new TypeRef(kind, WireString: wireString);

    private Constraints ReadConstraints(in SchemaKeys keys)
    {
        var minLength = ReadLength(keys.MinLength, "minLength");
        var maxLength = ReadLength(keys.MaxLength, "maxLength");
        var exclusiveMinimum = YamlExtensions.BoolOf(keys.ExclusiveMinimum) ?? false;
        var exclusiveMaximum = YamlExtensions.BoolOf(keys.ExclusiveMaximum) ?? false;
        var minimum = ReadNumber(keys.Minimum, "minimum");
        var maximum = ReadNumber(keys.Maximum, "maximum");
        if (minLength > maxLength)
        {
            _context.Report(DiagnosticDescriptors.InvalidNumber, keys.MinLength!.Span, minLength.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "minLength",
                "it is greater than maxLength (" + maxLength!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) + "), so no value would be valid");
            minLength = null;
        }

        if (minimum is not null && maximum is not null && Empty(decimal.Parse(minimum, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(maximum, System.Globalization.CultureInfo.InvariantCulture), exclusiveMinimum || exclusiveMaximum))
        {
            _context.Report(DiagnosticDescriptors.InvalidNumber, keys.Minimum!.Span, minimum, "minimum",
                "it is " + (exclusiveMinimum || exclusiveMaximum ? "not less than the maximum (" : "greater than the maximum (") + maximum + ") with the exclusive bounds given, so no value would be valid");
            minimum = null;
        }
        var pattern = ReadPattern(keys.Pattern);
        var absoluteUri = keys.Format is not null && YamlExtensions.StringOf(keys.Format) == "uri" && YamlExtensions.StringOf(keys.Type) == "string";
        var constraints = minLength is null && maxLength is null && !exclusiveMinimum && !exclusiveMaximum && minimum is null && maximum is null && pattern is null && !absoluteUri
            ? Constraints.None // the common case: one shared (equal) instance instead of a new one
            : new Constraints
            {
                MinLength = minLength,
                MaxLength = maxLength,
                Pattern = pattern,
                AbsoluteUri = absoluteUri,
                Minimum = minimum,
                ExclusiveMinimum = exclusiveMinimum,
                Maximum = maximum,
                ExclusiveMaximum = exclusiveMaximum,
            };

        return _extensions.ReadValueRules(keys.Decimal, keys.DateTime, constraints);
    }

    private EnumModel? ReadEnum(string name, YamlMap schema)
    {
        var type = schema.GetString("type");
        var isInteger = type == "integer";
        if (type is not ("string" or "integer"))
        {
            _context.Report(DiagnosticDescriptors.UnsupportedConstruct, schema.KeySpan("type"), "The enum " + name + " of type '" + (type ?? "(none)") + "'", "enums must be of type string or integer");
            return null;
        }

        // ReadEnum does not call itself: one set of scratch collections, cleared here, serves every enum of the read.
        var scratch = _enumScratch.Clear();
        var entries = scratch.Entries;
        var entryOrder = scratch.EntryOrder;
        if (schema["x-qiwi-enum"] is YamlNode extension)
        {
            if (extension is not YamlSequence list)
            {
                _context.Report(DiagnosticDescriptors.InvalidExtension, extension.Span, "x-qiwi-enum of " + name, "must be a list of {value, name, description}");
                return null;
            }

            foreach (var item in list.Items)
            {
                if (item is YamlMap entry && entry["value"] is YamlScalar value)
                {
                    entries[value.Value] = entry;
                    entryOrder.Add(entry);
                }
                else
                {
                    _context.Report(DiagnosticDescriptors.InvalidExtension, item.Span, "An x-qiwi-enum entry of " + name, "each entry needs a 'value'");
                }
            }
        }

        var isOpen = !schema.Contains("enum");
        var values = scratch.Values;
        var members = scratch.Members;
        if (!isOpen)
        {
            if (schema["enum"] is not YamlSequence enumValues)
            {
                _context.Report(DiagnosticDescriptors.UnsupportedConstruct, schema["enum"]!.Span, "The 'enum' of " + name, "it must be a list");
                return null;
            }

            foreach (var item in enumValues.Items)
            {
                if (item is YamlScalar scalar)
                {
                    values.Add(scalar);
                }
            }

            foreach (var entry in entryOrder)
            {
                var value = entry.GetString("value")!;
                if (!Lists(values, value))
                {
                    _context.Report(DiagnosticDescriptors.ConflictingExtension, entry["value"]!.Span, "x-qiwi-enum of " + name, "the value '" + value + "' is not in the schema's enum");
                }
            }
        }
        else
        {
            foreach (var entry in entryOrder)
            {
                values.Add((YamlScalar)entry["value"]!);
            }
        }

        using var scope = _names.LocalScope(values.Count + 3, values.Count + 3);
        scope.Reserve(name, new Phrase("the enum ", name, " itself"));
        if (isOpen)
        {
            scope.ReserveAll(OpenEnumMembers, new Phrase("a member the class ", name, " declares or inherits"));
        }

        var wireValues = scratch.WireValues;
        foreach (var value in values)
        {
            var number = 0;
            if (isInteger && !int.TryParse(value.Value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out number))
            {
                _context.Report(DiagnosticDescriptors.UnsupportedConstruct, value.Span, "The value '" + value.Value + "' of the integer enum " + name, "integer enum values must fit in an int");
                continue;
            }

            var wireKey = isInteger ? number.ToString(System.Globalization.CultureInfo.InvariantCulture) : value.Value;
            if (wireValues.TryGetValue(wireKey, out var same))
            {
                _context.Report(DiagnosticDescriptors.DuplicateIdentifier, value.Span, value.Value, name + " value '" + same + "'", name + " value '" + value.Value + "' (each value may be listed once)");
                continue;
            }

            wireValues[wireKey] = value.Value;

            if (!entries.TryGetValue(value.Value, out var entry) || entry.GetString("name") is not string memberName)
            {
                _context.Report(DiagnosticDescriptors.EnumWithoutNames, value.Span, name, value.Value);
                continue;
            }

            if (!Naming.IsValidIdentifier(memberName) || memberName == "Unknown" && !isInteger && !isOpen)
            {
                _context.Report(DiagnosticDescriptors.InvalidIdentifier, entry["name"]!.Span, memberName, "x-qiwi-enum of " + name + (memberName == "Unknown" ? " ('Unknown' is the member for values the spec does not list)" : string.Empty));
                continue;
            }

            if (!scope.Claim(_context, entry["name"]!.Span, new Phrase(name, " value '", value.Value, "'"), memberName))
            {
                continue;
            }

            members.Add(new EnumMemberModel(memberName, value.Value, entry.GetText("description") ?? memberName, ReadFatal(name, entry), _context.Flag(entry, "final", new Phrase("x-qiwi-enum final of ", name)), ReadRole(name, entry)));
        }

        return new EnumModel(name, schema.GetText("description") ?? name, isInteger, isOpen, ReadPattern(schema["pattern"]), new(members.ToArray()),
            isOpen ? null : Naming.EnumExtensions(name), _names.HintName(name));
    }

    /// <summary>The collections <see cref="ReadEnum"/> works in, kept for the next enum of the same read (none reaches the model).</summary>
    private sealed class EnumScratch
    {
        public Dictionary<string, YamlMap> Entries { get; } = new(System.StringComparer.Ordinal);

        public List<YamlMap> EntryOrder { get; } = new();

        public List<YamlScalar> Values { get; } = new();

        public List<EnumMemberModel> Members { get; } = new();

        public Dictionary<string, string> WireValues { get; } = new(System.StringComparer.Ordinal);

        public EnumScratch Clear()
        {
            Entries.Clear();
            EntryOrder.Clear();
            Values.Clear();
            Members.Clear();
            WireValues.Clear();
            return this;
        }
    }

    private static bool Lists(List<YamlScalar> values, string value)
    {
        foreach (var candidate in values)
        {
            if (candidate.Value == value)
            {
                return true;
            }
        }

        return false;
    }

    private Fatality? ReadFatal(string enumName, YamlMap entry)
    {
        if (entry["fatal"] is not YamlScalar fatal)
        {
            return null;
        }

        var value = SpecText.Fatal(fatal.Value);
        if (value is null)
        {
            _context.Report(DiagnosticDescriptors.InvalidExtension, fatal.Span, "x-qiwi-enum fatal of " + enumName, "must be true, false or unknown");
        }

        return value;
    }

    private ReplyRole? ReadRole(string enumName, YamlMap entry)
    {
        if (entry["role"] is not YamlScalar role)
        {
            return null;
        }

        if (SpecText.Role(role.Value) is ReplyRole value)
        {
            return value;
        }

        _context.Report(DiagnosticDescriptors.InvalidExtension, role.Span, "x-qiwi-enum role of " + enumName, "must be success, invalid-request, bad-password, bad-signature or failure");
        return null;
    }

    private ObjectModel ReadObject(string name, YamlMap schema)
    {
        var required = RequiredNames.Of(schema["required"]);

        var propertyMap = schema["properties"] as YamlMap;
        // The list of the last object read (emptied), copied to the model's array at the end; an object read while
        // another is being read (none is today) gets a new one, as the spare is taken until handed back.
        var properties = _spareProperties ?? new List<PropertyModel>(propertyMap?.Entries.Count ?? 0);
        _spareProperties = null;
        properties.Clear();
        using var scope = _names.LocalScope(1 + (2 * (propertyMap?.Entries.Count ?? 0)), 1 + (propertyMap?.Entries.Count ?? 0));
        scope.Reserve(name, new Phrase("the type ", name)).Reserve(_names.Patterns, "the pattern table the record's readers name")
            .ReserveAll(ReservedMemberNames, new Phrase("a member, parameter or local the generated record ", name, " declares itself"));

        if (propertyMap is not null)
        {
            foreach (var entry in propertyMap.Entries)
            {
                var wireName = entry.Key.Value;
                var origin = new Phrase("property '", wireName, "' of ", name);
                if (Resolve(entry.Value, origin) is not { } resolved)
                {
                    continue;
                }

                var propertyName = Naming.Member(wireName, resolved.CSharpName);
                if (!Naming.IsValidIdentifier(propertyName))
                {
                    _context.Report(DiagnosticDescriptors.InvalidIdentifier, entry.Key.Span, propertyName, origin.ToString());
                    continue;
                }

                var stringEnum = resolved.Type.Kind == ValueKind.Enum && !resolved.Type.IntegerEnum && resolved.ConstantValue is null;
                var local = Naming.Local(propertyName);
                var wireValueName = stringEnum ? Naming.WireValueMember(propertyName) : null;
                var wireLocal = stringEnum ? Naming.WireLocal(propertyName) : null;
                var claimed = stringEnum
                    ? scope.Claim(_context, entry.Key.Span, origin, propertyName, local, wireValueName!, wireLocal!)
                    : scope.Claim(_context, entry.Key.Span, origin, propertyName, local);
                if (!claimed)
                {
                    continue;
                }

                properties.Add(new PropertyModel(wireName, propertyName, resolved.Type, required.Contains(wireName), resolved.Description, resolved.Constraints, resolved.ConstantValue,
                    local, wireValueName, wireLocal));
            }
        }

        var keepsUnknown = schema["additionalProperties"] is YamlMap additional && additional.GetString("type") == "string";
        var xmlName = schema.GetMap("xml")?.GetString("name") ?? name;
        var model = new ObjectModel(name, schema.GetText("description") ?? name, xmlName, new(properties.ToArray()), keepsUnknown, _names.HintName(name), _names.HintName(name, "Serialization"));
        _spareProperties = properties;
        return model;
    }

    /// <summary>True when no number lies between the bounds: the minimum above the maximum, or at it with either bound exclusive.</summary>
    private static bool Empty(decimal minimum, decimal maximum, bool exclusive) => minimum > maximum || (minimum == maximum && exclusive);

    /// <summary>A <c>minLength</c> or <c>maxLength</c>: a whole number from 0 up that fits an int; null, after QIWI0015, for anything else.</summary>
    private int? ReadLength(YamlNode? found, string key)
    {
        if (found is not YamlNode node)
        {
            return null;
        }

        if (YamlExtensions.IntOf(node) is int length && length >= 0)
        {
            return length;
        }

        var text = node is YamlScalar { } value ? value.Value : "(a " + (node is YamlMap ? "map" : "sequence") + ")";
        _context.Report(DiagnosticDescriptors.InvalidNumber, node.Span, text, key, "write a whole number from 0 to 2147483647");
        return null;
    }

    /// <summary>
    /// A minimum or maximum as the invariant text of a <see cref="decimal"/> (it becomes a C# <c>...m</c>
    /// literal); null, after QIWI0015, when it is not a plain decimal number that fits.
    /// </summary>
    private string? ReadNumber(YamlNode? found, string key)
    {
        if (found is not YamlNode node)
        {
            return null;
        }

        if (node is YamlScalar scalar && !scalar.IsNull && DecimalText.TryNormalize(scalar.Value, out var normalized))
        {
            return normalized;
        }

        var text = node is YamlScalar { } value ? value.Value : "(a " + (node is YamlMap ? "map" : "sequence") + ")";
        _context.Report(DiagnosticDescriptors.InvalidNumber, node.Span, text, key, "write a decimal number such as 10 or 0.01 (digits, an optional '-', one '.', no exponent beyond what a decimal holds)");
        return null;
    }

    /// <summary>The schema's pattern; null, after QIWI0004, when .NET cannot compile it or it nests groups too deeply.</summary>
    private string? ReadPattern(YamlNode? value)
    {
        if (YamlExtensions.StringOf(value) is not string pattern)
        {
            return null;
        }

        if (!_patternProblems.TryGetValue(pattern, out var problem))
        {
            // A pattern is checked once per spec (compiling it is the cost); each use still reports at its own place.
            problem = GroupDepth(pattern) > MaxPatternDepth ? "it nests groups more than " + MaxPatternDepth + " deep" : !IsValidPattern(pattern) ? "it is not a valid .NET regular expression" : null;
            _patternProblems[pattern] = problem;
        }

        if (problem is null)
        {
            return pattern;
        }

        _context.Report(DiagnosticDescriptors.UnsupportedConstruct, value!.Span, "The pattern '" + (pattern.Length > 100 ? pattern.Substring(0, 100) + "..." : pattern) + "'", problem);
        return null;
    }

    // Regex construction may recurse on nesting (it does on .NET Framework, where Visual Studio runs the
    // generator), so a pattern's nesting is bounded before it is compiled, like the YAML's (QIWI0016).
    private const int MaxPatternDepth = 64;

    private static int GroupDepth(string pattern)
    {
        int depth = 0, max = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '\\':
                    i++;
                    break;
                case '(':
                    max = System.Math.Max(max, ++depth);
                    break;
                case ')':
                    depth--;
                    break;
            }
        }

        return max;
    }

    // Whether .NET compiles a pattern depends on its text alone, and an IDE re-reads the spec on every edit: the
    // answer is remembered across runs, for a bounded number of patterns of bounded length (the rest are compiled each time).
    private static readonly PatternValidityCache KnownPatterns = new(maxCount: 512, maxLength: 4096);

    private static bool IsValidPattern(string pattern)
    {
        if (KnownPatterns.TryGet(pattern, out var known))
        {
            return known;
        }

        bool valid;
        try
        {
            _ = new System.Text.RegularExpressions.Regex(pattern);
            valid = true;
        }
        catch (System.ArgumentException)
        {
            valid = false;
        }

        KnownPatterns.Remember(pattern, valid);
        return valid;
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
}

using System.Collections.Generic;
using System.Globalization;
using Qiwi.Generator.Diagnostics;
using Qiwi.Generator.Model;

namespace Qiwi.Generator.Parsing;

/// <summary>Reads the x-qiwi-* extensions of a node into model values, reporting bad ones.</summary>
internal sealed class ExtensionReader
{
    private readonly ParseContext _context;

    public ExtensionReader(ParseContext context) => _context = context;

    /// <summary>Adds a schema's x-qiwi-decimal and x-qiwi-datetime (its values, null when absent) to <paramref name="constraints"/>.</summary>
    public Constraints ReadValueRules(YamlNode? decimalValue, YamlNode? dateTimeValue, Constraints constraints)
    {
        if (decimalValue is YamlNode decimalNode)
        {
            if (decimalNode is not YamlMap rules || rules.GetInt("scale") is not int scale || scale < 0 || scale > 28)
            {
                _context.Report(DiagnosticDescriptors.InvalidExtension, decimalNode.Span, "x-qiwi-decimal", "'scale' must be an integer from 0 to 28");
            }
            else
            {
                var rounding = SpecText.RoundingOf(rules.GetString("rounding") ?? "down");
                if (rounding is null)
                {
                    _context.Report(DiagnosticDescriptors.InvalidExtension, rules["rounding"]!.Span, "x-qiwi-decimal.rounding", "must be 'down' or 'nearest'");
                }

                constraints = constraints with { DecimalScale = scale, Rounding = rounding ?? Rounding.Down };
            }
        }

        if (dateTimeValue is YamlNode dateNode)
        {
            if (dateNode is not YamlMap rules)
            {
                _context.Report(DiagnosticDescriptors.InvalidExtension, dateNode.Span, "x-qiwi-datetime", "must be a map with 'offset' and 'format'");
                return constraints;
            }

            var offset = ParseOffset(rules.GetString("offset"));
            var format = rules.GetString("format");
            if (offset is null)
            {
                _context.Report(DiagnosticDescriptors.InvalidExtension, rules.KeySpan("offset"), "x-qiwi-datetime.offset", "must be an offset like '+03:00'");
            }

            if (string.IsNullOrEmpty(format))
            {
                _context.Report(DiagnosticDescriptors.InvalidExtension, rules.KeySpan("format"), "x-qiwi-datetime.format", "must be a .NET date and time format such as 'yyyy-MM-ddTHH:mm:ss'");
            }

            constraints = constraints with
            {
                OffsetMinutes = offset ?? 0,
                DateTimeFormat = string.IsNullOrEmpty(format) ? "yyyy-MM-ddTHH:mm:ss" : format,
                MaxDaysAhead = rules.GetInt("maxDaysAhead"),
                AllowPast = _context.Flag(rules, "allowPast", "x-qiwi-datetime.allowPast") ?? true,
            };
        }

        return constraints;
    }

    /// <summary>Reads x-qiwi-signature of an operation, or null when it has none or it is invalid.</summary>
    public SignatureModel? ReadSignature(YamlMap operation)
    {
        if (operation["x-qiwi-signature"] is not YamlNode node)
        {
            return null;
        }

        if (node is not YamlMap map)
        {
            _context.Report(DiagnosticDescriptors.InvalidExtension, node.Span, "x-qiwi-signature", "must be a map");
            return null;
        }

        var valid = true;
        var algorithm = SpecText.Algorithm(map.GetString("algorithm"));
        if (algorithm is null)
        {
            valid = Invalid(map, "algorithm", "must be HMAC-SHA1 or HMAC-SHA256");
        }

        var key = map.GetString("key");
        if (key is not ("apiPassword" or "notificationPassword"))
        {
            valid = Invalid(map, "key", "must be apiPassword or notificationPassword");
        }

        var encoding = SpecText.Encoding(map.GetString("encoding"));
        if (encoding is null)
        {
            valid = Invalid(map, "encoding", "must be hex or base64");
        }

        var target = map.GetString("target");
        if (string.IsNullOrEmpty(target))
        {
            valid = Invalid(map, "target", "must name the parameter or header that carries the signature");
        }

        var allFields = false;
        var fields = new List<string>();
        switch (map["fields"])
        {
            case YamlScalar { Value: "all" }:
                allFields = true;
                break;
            case YamlSequence sequence when ReadStrings(sequence, fields):
                break;
            default:
                valid = Invalid(map, "fields", "must be 'all' or a list of parameter names");
                break;
        }

        var optional = new List<string>();
        if (map["optional"] is YamlNode optionalNode && !(optionalNode is YamlSequence optionalList && ReadStrings(optionalList, optional)))
        {
            valid = Invalid(map, "optional", "must be a list of parameter names");
        }

        return valid
            ? new SignatureModel(algorithm!.Value, key!, target!, allFields, new(fields), new(optional), map.GetString("separator") ?? "|", encoding!.Value)
            : null;
    }

    private bool Invalid(YamlMap map, string key, string rule)
    {
        _context.Report(DiagnosticDescriptors.InvalidExtension, map[key]?.Span ?? map.Span, "x-qiwi-signature." + key, rule);
        return false;
    }

    private static bool ReadStrings(YamlSequence sequence, List<string> into)
    {
        foreach (var item in sequence.Items)
        {
            if (item is not YamlScalar scalar || scalar.IsNull)
            {
                return false;
            }

            into.Add(scalar.Value);
        }

        return true;
    }

    private static int? ParseOffset(string? text)
    {
        if (text is null || text.Length != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':')
        {
            return null;
        }

        if (!int.TryParse(text.Substring(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(text.Substring(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || hours > 14 || minutes > 59)
        {
            return null;
        }

        var total = (hours * 60) + minutes;
        return text[0] == '-' ? -total : total;
    }
}

using System.Collections.Generic;
using Qiwi.Generator.Model;

namespace Qiwi.Generator.Parsing;

/// <summary>Checks an OpenAPI path template: <c>{name}</c> segments, balanced and non-empty.</summary>
internal static class PathTemplate
{
    /// <summary>What is wrong with <paramref name="path"/>, or null when it is a valid template.</summary>
    public static string? Check(string path)
    {
        if (!path.StartsWith("/", System.StringComparison.Ordinal))
        {
            return "it must start with '/'";
        }

        var open = -1;
        for (var i = 0; i < path.Length; i++)
        {
            switch (path[i])
            {
                case '{' when open >= 0:
                    return "'{' at offset " + i + " opens a parameter inside another";
                case '{':
                    open = i;
                    break;
                case '}' when open < 0:
                    return "'}' at offset " + i + " closes no parameter";
                case '}' when i == open + 1:
                    return "'{}' at offset " + open + " names no parameter";
                case '}':
                    open = -1;
                    break;
            }
        }

        return open >= 0 ? "'{' at offset " + open + " is never closed" : null;
    }

    /// <summary>
    /// What does not match between a valid template and an operation's parameters, or null: every <c>{name}</c> needs a
    /// path parameter of that name (else the client would send the braces as they are), and every path parameter must
    /// occur in the template (else its value would be taken and never sent).
    /// </summary>
    public static string? Unmatched(string path, List<ParameterModel> parameters, string display)
    {
        for (var open = path.IndexOf('{'); open >= 0; open = path.IndexOf('{', open + 1))
        {
            var close = path.IndexOf('}', open);
            if (!HasPathParameter(parameters, path, open + 1, close))
            {
                return "'" + path.Substring(open, close - open + 1) + "' is not a path parameter of " + display + "; declare it with 'in: path'";
            }
        }

        foreach (var parameter in parameters)
        {
            if (parameter.Location == ParameterLocation.Path && path.IndexOf("{" + parameter.WireName + "}", System.StringComparison.Ordinal) < 0)
            {
                return "the path parameter '" + parameter.WireName + "' of " + display + " does not occur in it";
            }
        }

        return null;
    }

    private static bool HasPathParameter(List<ParameterModel> parameters, string path, int start, int end)
    {
        foreach (var parameter in parameters)
        {
            if (parameter.Location == ParameterLocation.Path && parameter.WireName.Length == end - start
                && string.CompareOrdinal(parameter.WireName, 0, path, start, end - start) == 0)
            {
                return true;
            }
        }

        return false;
    }
}

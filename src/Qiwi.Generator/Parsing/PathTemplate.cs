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
}

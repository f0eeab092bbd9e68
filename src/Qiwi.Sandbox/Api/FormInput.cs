using Microsoft.AspNetCore.Http;
using Qiwi.Sandbox.Contract;

namespace Qiwi.Sandbox.Api;

/// <summary>
/// Reads a request's form into the model generated for it. A missing required field is 341, a value that
/// does not parse or breaks the spec's rules is 5, as the docs define those codes.
/// </summary>
internal static class FormInput
{
    public static async Task<(T? Form, ResultCode Code)> ReadAsync<T>(HttpRequest request, Func<List<KeyValuePair<string, string>>, T> parse)
        where T : class
    {
        if (!request.HasFormContentType)
        {
            return (null, ResultCode.RequiredParameterInvalid);
        }

        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var fields = form.Select(f => new KeyValuePair<string, string>(f.Key, f.Value.ToString())).ToList();
        try
        {
            return (parse(fields), ResultCode.Success);
        }
        catch (FormatException exception)
        {
            return (null, exception.Message.Contains("is missing", StringComparison.Ordinal) ? ResultCode.RequiredParameterInvalid : ResultCode.IncorrectData);
        }
    }
}

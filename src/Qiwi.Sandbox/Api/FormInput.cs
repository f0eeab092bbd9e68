using Microsoft.AspNetCore.Http;
using Qiwi.Runtime;
using Qiwi.Sandbox.Contract;

namespace Qiwi.Sandbox.Api;

/// <summary>
/// Reads a request's form with the reader generated for its model, which applies every rule of the spec and says
/// which field breaks which rule. The docs' codes for it: a missing required field is 341, a malformed phone number
/// (<c>user</c>) 303, any other broken rule 5; the description names the field and the rule.
/// </summary>
internal static class FormInput
{
    /// <summary>The wire name of the payer's phone number, whose malformed values get 303 (Wrong phone number).</summary>
    private const string PhoneField = "user";

    public static async Task<(T? Form, ResultCode Code, string? Description)> ReadAsync<T>(HttpRequest request, Func<List<KeyValuePair<string, string>>, TimeProvider, QiwiFormResult<T>> read, TimeProvider time)
        where T : class
    {
        if (!request.HasFormContentType)
        {
            return (null, ResultCode.RequiredParameterInvalid, Describe(ResultCode.RequiredParameterInvalid, "the parameters must be sent as application/x-www-form-urlencoded form data."));
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (Exception exception) when (Qiwi.Shared.UnreadableForm.Is(exception) && !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return (null, ResultCode.IncorrectData, Describe(ResultCode.IncorrectData, "the body is not a readable form (" + exception.Message.TrimEnd('.') + ")."));
        }

        var fields = new List<KeyValuePair<string, string>>(form.Count);
        foreach (var field in form)
        {
            fields.Add(new(field.Key, field.Value.ToString()));
        }

        var result = read(fields, time);
        if (result.Problem is not { } problem)
        {
            return (result.Value, ResultCode.Success, null);
        }

        var code = CodeOf(problem);
        return (null, code, Describe(code, problem.Description));
    }

    /// <summary>The documented code for a field that breaks a rule of the spec.</summary>
    public static ResultCode CodeOf(QiwiFieldProblem problem) => problem switch
    {
        { Rule: QiwiFieldRule.Missing } => ResultCode.RequiredParameterInvalid,
        { Field: PhoneField, Rule: QiwiFieldRule.Pattern or QiwiFieldRule.Length } => ResultCode.WrongPhoneNumber,
        _ => ResultCode.IncorrectData,
    };

    /// <summary>The code's description followed by the detail: <c>Incorrect data in the request parameters: 'amount' must be ...</c>.</summary>
    public static string Describe(ResultCode code, string detail) => (code.GetDescription() ?? code.ToString()).TrimEnd('.') + ": " + detail;
}

using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace Qiwi.Samples.Shop.Web;

/// <summary>Forms: the antiforgery token to put in them, and the check of a posted one.</summary>
internal static class Forms
{
    public static string Token(HttpContext context, IAntiforgery antiforgery) => antiforgery.GetAndStoreTokens(context).RequestToken ?? "";

    /// <summary>
    /// Reads a posted form whose antiforgery token is valid; null (the caller answers 400) otherwise, also for a body
    /// the form reader cannot read (a NUL in a value, over its limits, broken multipart; antiforgery wraps what it met
    /// reading the token in an <see cref="AntiforgeryValidationException"/>): a bad request, not a 500.
    /// </summary>
    public static async Task<IFormCollection?> ReadValidAsync(HttpContext context, IAntiforgery antiforgery)
    {
        try
        {
            if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
            {
                return null;
            }

            return await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception error) when (error is AntiforgeryValidationException or InvalidDataException or IOException or NotSupportedException && !context.RequestAborted.IsCancellationRequested)
        {
            return null;
        }
    }

    public static IResult Expired() => Results.Content(
        Html.Page("Please try again", "<h1>Please try again</h1>" + Html.Message("This form has expired or did not come from this site. Go back, reload the page and submit it again.", error: true) + "<p><a href=\"/\">Back to the shop</a></p>"),
        "text/html; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);

    public static IResult Page(string html, int status = StatusCodes.Status200OK) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);
}

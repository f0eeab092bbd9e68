namespace Qiwi.Shared;

/// <summary>
/// What ASP.NET Core's form reader throws for a body it cannot read as a form: over its limits (1024 fields, 2 KiB
/// names, 4 MiB values) or a body bound, a NUL, broken multipart, a charset .NET refuses (utf-7). Such a body is a
/// malformed request, not a server error. <c>BadHttpRequestException</c> is an <see cref="IOException"/>; a caller
/// also checks that the request was not aborted, which ends a read with an IOException too. Compiled into the
/// notification endpoint and the sandbox.
/// </summary>
internal static class UnreadableForm
{
    public static bool Is(Exception exception) => exception is InvalidDataException or IOException or NotSupportedException;
}

namespace Qiwi.Sandbox.Persistence;

/// <summary>
/// One sandbox per data file: the store holds <c>&lt;data file&gt;.lock</c> open without sharing from its first use of
/// the file until it is disposed (an advisory <c>flock</c> on Linux and macOS, a share mode on Windows), so a second
/// sandbox on the same file, in this process or another, is refused instead of loading the same rows and overwriting
/// the first one's (two ledgers writing one file lose refunds and payments and count them twice). The lock is on a file
/// of its own, not on the data file, so SQLite and a reader such as the <c>sqlite3</c> shell still open the data file
/// while the sandbox runs. The lock file is left in place when the sandbox stops: the lock is the open handle, not the
/// file's existence, and deleting it could let two later sandboxes lock two different files of one name.
/// </summary>
internal static class DataFileLock
{
    /// <summary>
    /// The HResult of the IOException .NET throws when the lock is held: Windows' ERROR_SHARING_VIOLATION and
    /// ERROR_LOCK_VIOLATION; on Unix the errno of a <c>flock</c> refused without waiting, EWOULDBLOCK (11 on Linux, 35 on macOS).
    /// </summary>
    private static bool IsHeld(IOException exception)
        => exception.HResult is unchecked((int)0x80070020) or unchecked((int)0x80070021) || (!OperatingSystem.IsWindows() && exception.HResult is 11 or 35);

    /// <summary>The lock file's path for the data file at <paramref name="path"/>.</summary>
    public static string PathFor(string path) => path + ".lock";

    /// <summary>
    /// Takes the lock, or throws <see cref="IOException"/> naming the data file (held by another sandbox, or the lock file
    /// cannot be made); a setting that is no file path (<c>:memory:</c>, a <c>file:</c> URI) is refused first with
    /// <see cref="InvalidOperationException"/>.
    /// </summary>
    public static FileStream Acquire(string path)
    {
        // SQLite takes these for an in-memory database (or a URI naming one): a sandbox on it would lose everything at its stop.
        if (path is ":memory:" || path.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Sandbox:DataFile '{path}' is not a file path: SQLite would take it for an in-memory database or a URI, and nothing "
                + "would outlive the sandbox. Give a path such as 'sandbox.db', or no DataFile to keep state in memory.");
        }

        var lockPath = PathFor(path);
        try
        {
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
        }
        catch (IOException exception) when (IsHeld(exception))
        {
            throw new IOException(
                $"The data file '{path}' is in use by another sandbox (it holds '{lockPath}'). Stop that sandbox, or give this one "
                + "another data file (Sandbox:DataFile): two sandboxes on one file would overwrite each other's invoices.",
                exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new IOException(
                $"The data file '{path}' could not be used: its lock file '{lockPath}' cannot be opened ({exception.Message}). "
                + "The sandbox did not start, and the data file was not opened; this is not a sign that the file is damaged.",
                exception);
        }
    }
}

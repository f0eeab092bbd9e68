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
            // The file locked must still be the one the path names: one deleted or replaced between the open and the
            // lock would be a lock nobody else sees. Tried again a few times; a path that keeps changing is left as is.
            for (var attempt = 0; ; attempt++)
            {
                var stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
                if (StillNamed(stream, path) || attempt == 3)
                {
                    return stream;
                }

                stream.Dispose();
            }
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

    /// <summary>
    /// Whether <paramref name="held"/> is still the file <c>&lt;data file&gt;.lock</c> names: not deleted (on Linux, the
    /// handle's <c>/proc/self/fd</c> link does not end in <c>(deleted)</c>, which also tells a file renamed over it), and a
    /// file is at the path. Elsewhere only the second is known, so a lock file replaced by another is not told there.
    /// </summary>
    public static bool StillNamed(FileStream held, string path)
    {
        if (OperatingSystem.IsLinux()
            && new FileInfo("/proc/self/fd/" + held.SafeFileHandle.DangerousGetHandle().ToInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)).LinkTarget is { } target
            && target.EndsWith(" (deleted)", StringComparison.Ordinal))
        {
            return false;
        }

        return File.Exists(PathFor(path));
    }

    /// <summary>
    /// The lock again, after <see cref="StillNamed"/> found the held one no longer named by its path: the file now at the
    /// path, locked (made when none is there). Throws <see cref="Lost"/>'s error when another sandbox holds it, having
    /// started on the data file meanwhile: then this sandbox must not write the file any more.
    /// </summary>
    public static FileStream Reacquire(string path)
    {
        try
        {
            return Acquire(path);
        }
        catch (IOException exception) when (exception.InnerException is IOException inner && IsHeld(inner))
        {
            throw Lost(path, exception);
        }
    }

    /// <summary>The error of a sandbox whose lock file was lost to another sandbox (which holds it, or wrote the file).</summary>
    public static LostException Lost(string path, Exception? inner)
        => new(
            $"The lock file '{PathFor(path)}' of the data file '{path}' was deleted or replaced while this sandbox ran, and another "
            + "sandbox has since started on the data file (it holds the lock file, or wrote the file): this sandbox no longer writes "
            + "the file (what changed here since is not saved). Restart it to load the file as it is.",
            inner);

    /// <summary>The lock file was lost to another sandbox: this one must not write the data file again.</summary>
    internal sealed class LostException(string message, Exception? inner) : IOException(message, inner);
}

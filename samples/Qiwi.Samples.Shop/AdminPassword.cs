using System.Security.Cryptography;

namespace Qiwi.Samples.Shop;

/// <summary>
/// With the embedded sandbox and no <c>Shop:AdminPassword</c>, a random password is generated at start-up and
/// written to <c>admin-password.txt</c> (readable by the owner only), never logged; the console names the file.
/// </summary>
internal static class AdminPassword
{
    public static (string Password, string File) Generate(string directory)
    {
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', 'x').Replace('/', 'y');
        var file = Path.Combine(directory, "admin-password.txt");
        File.WriteAllText(file, password + Environment.NewLine);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return (password, file);
    }
}

using System.Reflection;
using System.Runtime.InteropServices;

namespace Qiwi.Runtime;

/// <summary><c>User-Agent: Qiwi.Toolkit/{version} (.NET {runtime})</c>.</summary>
public sealed class UserAgentPolicy : QiwiPipelinePolicy
{
    /// <summary>The User-Agent value sent.</summary>
    public static string UserAgent { get; } = Create();

    /// <inheritdoc />
    public override ValueTask<HttpResponseMessage> SendAsync(QiwiMessage message, QiwiNextPolicy next)
    {
        message.HttpRequest.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        return next(message);
    }

    private static string Create()
    {
        var version = typeof(UserAgentPolicy).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            version = version[..plus];
        }

        return $"Qiwi.Toolkit/{version} ({RuntimeInformation.FrameworkDescription})";
    }
}

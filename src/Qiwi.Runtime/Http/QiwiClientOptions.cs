namespace Qiwi.Runtime;

/// <summary>Where and how a generated client sends: endpoint, credentials, media type, timeout, clock.</summary>
public sealed class QiwiClientOptions
{
    /// <summary>The API's base URL (<c>https://api.qiwi.com</c>, or a sandbox). A path prefix is kept.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.qiwi.com");

    /// <summary>The API ID (user name of Basic authorization).</summary>
    public string ApiId { get; set; } = string.Empty;

    /// <summary>The API password. A secret: never shown by <see cref="ToString"/>, logs or exception messages.</summary>
    public string ApiPassword { get; set; } = string.Empty;

    /// <summary>The response format to ask for.</summary>
    public QiwiMediaType MediaType { get; set; } = QiwiMediaType.Json;

    /// <summary>How long one attempt may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>When and how failed calls are repeated.</summary>
    public QiwiRetryOptions Retry { get; set; } = new();

    /// <summary>The clock for timeouts, retry delays and lifetime checks.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Checks the options; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public void Validate()
    {
        if (BaseUrl is null || !BaseUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("BaseUrl must be an absolute URL.", nameof(BaseUrl));
        }

        if (string.IsNullOrWhiteSpace(ApiId))
        {
            throw new ArgumentException("ApiId is required.", nameof(ApiId));
        }

        if (string.IsNullOrEmpty(ApiPassword))
        {
            throw new ArgumentException("ApiPassword is required.", nameof(ApiPassword));
        }

        if (ApiId.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("ApiId must not contain ':' (it is the Basic authorization user name).", nameof(ApiId));
        }

        if (Timeout <= TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException("Timeout must be positive.", nameof(Timeout));
        }

        if (TimeProvider is null)
        {
            throw new ArgumentException("TimeProvider is required.", nameof(TimeProvider));
        }

        if (Retry is null)
        {
            throw new ArgumentException("Retry is required.", nameof(Retry));
        }

        Retry.Validate();
    }

    /// <summary>The options without the password.</summary>
    public override string ToString() => $"QiwiClientOptions {{ BaseUrl = {BaseUrl}, ApiId = {ApiId}, ApiPassword = ***, MediaType = {MediaType}, Timeout = {Timeout}, MaxAttempts = {Retry?.MaxAttempts} }}";
}

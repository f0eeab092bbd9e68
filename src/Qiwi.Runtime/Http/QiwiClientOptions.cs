namespace Qiwi.Runtime;

/// <summary>
/// Where and how a generated client sends: endpoint, credentials, media type, timeout, clock, and the
/// environment (production, or a sandbox that then serves the API and every redirect).
/// A generated client derives <c>{Client}ClientOptions</c> from this class for its client-level parameters.
/// </summary>
public class QiwiClientOptions
{
    /// <summary>The API's production base URL (<c>https://api.qiwi.com</c>). A path prefix is kept. <see cref="SandboxBaseUrl"/>, when set, is used instead.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.qiwi.com");

    /// <summary>
    /// The sandbox to talk to instead of production (e.g. <c>http://127.0.0.1:5080/</c>): when set, the API
    /// calls AND every redirect URL the toolkit builds (checkout, legacy checkout, web form) use this base URL.
    /// Null (the default) means production: <see cref="BaseUrl"/> and the spec's servers.
    /// </summary>
    public Uri? SandboxBaseUrl { get; set; }

    /// <summary>The base URL API calls go to: <see cref="SandboxBaseUrl"/> when set, else <see cref="BaseUrl"/>.</summary>
    public Uri ApiBaseUrl => SandboxBaseUrl ?? BaseUrl;

    /// <summary>Points the API and every redirect at a sandbox (sets <see cref="SandboxBaseUrl"/>); returns these options.</summary>
    public QiwiClientOptions UseSandbox(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        SandboxBaseUrl = baseUrl;
        return this;
    }

    /// <summary>The server a redirect builder uses: <paramref name="productionServer"/> (from the spec), or the sandbox when one is set.</summary>
    public string ServerUrl(string productionServer)
    {
        ArgumentNullException.ThrowIfNull(productionServer);
        return SandboxBaseUrl is { } sandbox ? sandbox.AbsoluteUri : productionServer;
    }

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

    /// <summary>
    /// Checks the options; throws an <see cref="ArgumentException"/> when any setting is bad: its message lists every
    /// failure (<see cref="GetErrors"/>), its <see cref="ArgumentException.ParamName"/> is the first bad setting.
    /// Derived options add their checks in <see cref="AddErrors"/>.
    /// </summary>
    public virtual void Validate()
    {
        if (ReferenceEquals(t_settingsPassed, this))
        {
            return; // GetAllErrors found the settings valid a moment ago and runs this only for an override's own checks
        }

        var errors = GetErrors();
        if (errors.Count > 0)
        {
            throw QiwiOptionsError.ToException(errors);
        }
    }

    /// <summary>
    /// Every failed check (empty when the options are valid); never throws for a bad setting. Text that
    /// <see cref="ReadSettings(Func{string, string})"/> could not read comes first, then the checks of the settings in
    /// their order, then the checks of slips of text (<see cref="QiwiSettingText"/>): <see cref="ApiId"/> with white space
    /// or a control character, <see cref="ApiPassword"/> with a control character or outer white space, whatever set
    /// them; <see cref="Timeout"/>, <c>Retry.BaseDelay</c> or <c>Retry.MaxDelay</c> of a day or more when
    /// <see cref="ReadSettings(Func{string, string})"/> read it from text (a bare number is days there; in code
    /// <c>TimeSpan.FromDays(2)</c> says what it means, and is kept).
    /// </summary>
    public IReadOnlyList<QiwiOptionsError> GetErrors()
    {
        var errors = new List<QiwiOptionsError>();
        AddSettingErrors(errors);
        AddTextErrors(errors, everySettingAsText: false);
        return errors;
    }

    /// <summary>
    /// Every failure a host reports at start-up (Qiwi.Extensions.DependencyInjection does), in one list: those of the
    /// settings as <see cref="GetErrors"/> finds them; when those pass (slips of text aside), the failure an override of
    /// <see cref="Validate"/> throws (options of an app's own type may check there, the one API before
    /// <see cref="GetErrors"/>), with the settings not checked a second time; then the slips of text. With
    /// <paramref name="everySettingAsText"/>, every setting is checked as text whatever set it (a binder the options
    /// cannot see, such as .NET's <c>Bind</c>, may have), and a white-space-only <see cref="ApiId"/> is named a slip as
    /// well as missing.
    /// </summary>
    public IReadOnlyList<QiwiOptionsError> GetAllErrors(bool everySettingAsText)
    {
        var errors = new List<QiwiOptionsError>();
        AddSettingErrors(errors);
        if (errors.Count == 0)
        {
            var outer = t_settingsPassed;
            t_settingsPassed = this;
            try
            {
                Validate();
            }
            catch (ArgumentException exception)
            {
                errors.Add(QiwiOptionsError.From(exception));
            }
            finally
            {
                t_settingsPassed = outer;
            }
        }

        AddTextErrors(errors, everySettingAsText);
        return errors;
    }

    /// <summary>The options <see cref="GetAllErrors"/> is running <see cref="Validate"/> for, their settings found valid (on this thread).</summary>
    [ThreadStatic]
    private static QiwiClientOptions? t_settingsPassed;

    /// <summary>The text that could not be read, then the checks of the settings (<see cref="AddErrors"/>).</summary>
    private void AddSettingErrors(List<QiwiOptionsError> errors)
    {
        if (_unreadable is not null)
        {
            errors.AddRange(_unreadable);
        }

        AddErrors(errors);
    }

    /// <summary>The slips of text (<see cref="QiwiSettingText"/>): the credentials whatever set them, the durations when read from text (or <paramref name="everySettingAsText"/>).</summary>
    private void AddTextErrors(List<QiwiOptionsError> errors, bool everySettingAsText)
    {
        // A white-space-only ApiId is reported as missing; start-up has always named it a slip of text too.
        if ((everySettingAsText || !string.IsNullOrWhiteSpace(ApiId)) && QiwiSettingText.ApiId(ApiId) is { } apiId)
        {
            errors.Add(apiId);
        }

        if (QiwiSettingText.ApiPassword(ApiPassword) is { } apiPassword)
        {
            errors.Add(apiPassword);
        }

        if ((everySettingAsText || Timeout == _timeoutText) && QiwiSettingText.Duration(Timeout, nameof(Timeout)) is { } timeout)
        {
            errors.Add(timeout);
        }

        Retry?.AddTextErrors(errors, everySettingAsText);
    }

    /// <summary>The <see cref="Timeout"/> read from text, if any: while the setting holds it, it is checked as text.</summary>
    private TimeSpan? _timeoutText;

    private List<QiwiOptionsError>? _unreadable;

    /// <summary>
    /// Sets every setting that <paramref name="settings"/> has text for (a configuration section: <c>key =>
    /// section[key]</c>, keys like <c>Retry:MaxAttempts</c>), with no reflection, so it works trimmed and compiled ahead
    /// of time. A setting whose text is not of its type keeps its value and becomes a failure of <see cref="GetErrors"/>
    /// (and of <see cref="Validate"/>), reported with the others; the failures of this read are also returned.
    /// </summary>
    public IReadOnlyList<QiwiOptionsError> ReadSettings(Func<string, string?> settings)
    {
        var reader = new QiwiSettingsReader(settings);
        ReadSettings(reader);
        if (reader.Errors.Count > 0)
        {
            (_unreadable ??= new()).AddRange(reader.Errors);
        }

        return reader.Errors;
    }

    /// <summary>
    /// Reads every setting that can come from configuration text: the endpoint, the sandbox, the credentials, the media
    /// type, the timeout and the retry settings (not the clock or the jitter). Derived options (a generated client's)
    /// call this first, then read their client-level settings.
    /// </summary>
    protected virtual void ReadSettings(QiwiSettingsReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.Uri(nameof(BaseUrl)) is { } baseUrl)
        {
            BaseUrl = baseUrl;
        }

        if (reader.Uri(nameof(SandboxBaseUrl)) is { } sandboxBaseUrl)
        {
            SandboxBaseUrl = sandboxBaseUrl;
        }

        if (reader.String(nameof(ApiId)) is { } apiId)
        {
            ApiId = apiId;
        }

        if (reader.String(nameof(ApiPassword)) is { } apiPassword)
        {
            ApiPassword = apiPassword;
        }

        if (reader.Enum<QiwiMediaType>(nameof(MediaType)) is { } mediaType)
        {
            MediaType = mediaType;
        }

        if (reader.TimeSpan(nameof(Timeout)) is { } timeout)
        {
            Timeout = timeout;
            _timeoutText = timeout;
        }

        Retry ??= new();
        Retry.ReadSettings(reader);
    }

    /// <summary>
    /// Adds a failure for each bad setting. Derived options (a generated client's) call this first, then add theirs:
    /// each setting is checked whatever the others are, so one look at the list shows every mistake.
    /// </summary>
    protected virtual void AddErrors(ICollection<QiwiOptionsError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (BaseUrl is null || !BaseUrl.IsAbsoluteUri)
        {
            errors.Add(new(nameof(BaseUrl), "BaseUrl must be an absolute URL."));
        }
        else
        {
            CheckEndpoint(BaseUrl, nameof(BaseUrl), errors);
        }

        if (SandboxBaseUrl is { IsAbsoluteUri: false })
        {
            errors.Add(new(nameof(SandboxBaseUrl), "SandboxBaseUrl must be an absolute URL (e.g. http://127.0.0.1:5080/)."));
        }
        else if (SandboxBaseUrl is not null)
        {
            CheckEndpoint(SandboxBaseUrl, nameof(SandboxBaseUrl), errors);
        }

        if (string.IsNullOrWhiteSpace(ApiId))
        {
            errors.Add(new(nameof(ApiId), "ApiId is required."));
        }
        else if (ApiId.Contains(':', StringComparison.Ordinal))
        {
            errors.Add(new(nameof(ApiId), "ApiId must not contain ':' (it is the Basic authorization user name)."));
        }

        if (string.IsNullOrEmpty(ApiPassword))
        {
            errors.Add(new(nameof(ApiPassword), "ApiPassword is required."));
        }

        if (!Enum.IsDefined(MediaType))
        {
            // Configuration reads a number as an enum value: "MediaType": "2" would silently ask for JSON.
            errors.Add(new(nameof(MediaType), "MediaType must be Json or Xml."));
        }

        if (Timeout <= TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            errors.Add(new(nameof(Timeout), "Timeout must be positive."));
        }

        if (TimeProvider is null)
        {
            errors.Add(new(nameof(TimeProvider), "TimeProvider is required."));
        }

        if (Retry is null)
        {
            errors.Add(new(nameof(Retry), "Retry is required."));
        }
        else
        {
            Retry.AddErrors(errors);
        }
    }

    /// <summary>
    /// An http(s) URL that paths can be appended to: a query or fragment would swallow every request's path (all calls
    /// would go to the root), and credentials in it would reach <see cref="ToString"/> (the message never quotes the URL).
    /// </summary>
    private static void CheckEndpoint(Uri url, string name, ICollection<QiwiOptionsError> errors)
    {
        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add(new(name, $"{name} must be an http or https URL."));
        }
        else if (url.Query.Length > 0 || url.Fragment.Length > 0 || url.UserInfo.Length > 0)
        {
            errors.Add(new(name, $"{name} must have no query, fragment or user info: request paths are appended to it."));
        }
    }

    /// <summary>The options without the password.</summary>
    public override string ToString() => $"{GetType().Name} {{ BaseUrl = {BaseUrl}, SandboxBaseUrl = {SandboxBaseUrl}, ApiId = {ApiId}, ApiPassword = ***, MediaType = {MediaType}, Timeout = {Timeout}, MaxAttempts = {Retry?.MaxAttempts} }}";
}

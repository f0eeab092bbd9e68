using Microsoft.Extensions.Options;
using Qiwi.Runtime;

namespace Qiwi.Extensions.DependencyInjection;

/// <summary>
/// Turns every failure of <see cref="QiwiClientOptions.GetAllErrors"/> (a generated client's options add their settings;
/// an override of <c>Validate</c> in options of the app's own type runs once the settings pass) into options validation
/// (run at start-up): one start shows every mistake. Every setting is checked as configuration text whatever set it
/// (<c>Bind</c>, the options' own <c>ReadSettings</c>, code): the validator cannot tell which. A failure names the client
/// and the setting, each bad setting once (its messages joined), never a secret's value.
/// </summary>
internal sealed class QiwiClientOptionsValidator<TOptions>(string name, Type clientType) : IValidateOptions<TOptions>, IQiwiClientRegistration
    where TOptions : QiwiClientOptions
{
    /// <summary>The name of the options (and of the client) this validator checks.</summary>
    public string Name { get; } = name;

    /// <inheritdoc />
    public Type OptionsType => typeof(TOptions);

    /// <inheritdoc />
    public Type ClientType { get; } = clientType;

    public ValidateOptionsResult Validate(string? optionsName, TOptions options)
    {
        if (optionsName != Name)
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = options.GetAllErrors(everySettingAsText: true).GroupBy(static error => error.Option, StringComparer.Ordinal)
            .Select(setting => $"QIWI client '{Name}': " + string.Join(" ", setting.Select(static error => error.Message).Distinct(StringComparer.Ordinal)))
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>A registered QIWI client: its name, client type and options type (the registration's validator is one).</summary>
internal interface IQiwiClientRegistration
{
    /// <summary>The client's name: of its options, its named HttpClient and its keyed service.</summary>
    string Name { get; }

    /// <summary>The type of its options.</summary>
    Type OptionsType { get; }

    /// <summary>The type of the client registered under the name.</summary>
    Type ClientType { get; }
}

using Microsoft.Extensions.Options;
using Qiwi.Runtime;

namespace Qiwi.Extensions.DependencyInjection;

/// <summary>
/// Turns <see cref="QiwiClientOptions.Validate"/> (a generated client's options add their settings) into options
/// validation (run at start-up), plus the checks of values that came from configuration text
/// (<see cref="QiwiConfigurationChecks"/>). A failure names the client and the setting, never a secret's value.
/// </summary>
internal sealed class QiwiClientOptionsValidator<TOptions>(string name) : IValidateOptions<TOptions>, IQiwiClientRegistration
    where TOptions : QiwiClientOptions
{
    /// <summary>The name of the options (and of the client) this validator checks.</summary>
    public string Name { get; } = name;

    /// <inheritdoc />
    public Type OptionsType => typeof(TOptions);

    public ValidateOptionsResult Validate(string? optionsName, TOptions options)
    {
        if (optionsName != Name)
        {
            return ValidateOptionsResult.Skip;
        }

        try
        {
            options.Validate();
        }
        catch (ArgumentException exception)
        {
            return ValidateOptionsResult.Fail($"QIWI client '{Name}': {exception.Message}");
        }

        var failures = QiwiConfigurationChecks.Check(options).Select(failure => $"QIWI client '{Name}': {failure}").ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>A registered QIWI client's name and options type, whatever the type (the registration's validator is one).</summary>
internal interface IQiwiClientRegistration
{
    /// <summary>The client's name: of its options, its named HttpClient and its keyed service.</summary>
    string Name { get; }

    /// <summary>The type of its options.</summary>
    Type OptionsType { get; }
}

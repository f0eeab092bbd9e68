using Microsoft.Extensions.Options;
using Qiwi.Runtime;

namespace Qiwi.Extensions.DependencyInjection;

/// <summary>
/// Turns every failure of <see cref="QiwiClientOptions.GetErrors"/> (a generated client's options add their settings),
/// and of the checks of values that came from configuration text (<see cref="QiwiConfigurationChecks"/>), into options
/// validation (run at start-up): one start shows every mistake. A failure names the client and the setting, each bad
/// setting once (its messages joined), never a secret's value.
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

        var errors = new List<QiwiOptionsError>(options.GetErrors());
        if (errors.Count == 0)
        {
            // Options of the app's own type may still check in an override of Validate (the one API before GetErrors).
            try
            {
                options.Validate();
            }
            catch (ArgumentException exception)
            {
                errors.Add(QiwiOptionsError.From(exception));
            }
        }

        errors.AddRange(QiwiConfigurationChecks.Check(options));
        var failures = errors.GroupBy(static error => error.Option, StringComparer.Ordinal)
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

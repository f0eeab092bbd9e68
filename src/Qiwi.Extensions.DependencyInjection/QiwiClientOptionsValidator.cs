using Microsoft.Extensions.Options;
using Qiwi.Runtime;

namespace Qiwi.Extensions.DependencyInjection;

/// <summary>Turns <see cref="QiwiClientOptions.Validate"/> (a generated client's options add their settings) into options validation (run at start-up).</summary>
internal sealed class QiwiClientOptionsValidator<TOptions>(string name) : IValidateOptions<TOptions>
    where TOptions : QiwiClientOptions
{
    public ValidateOptionsResult Validate(string? optionsName, TOptions options)
    {
        if (optionsName != name)
        {
            return ValidateOptionsResult.Skip;
        }

        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException exception)
        {
            return ValidateOptionsResult.Fail($"QIWI client '{name}': {exception.Message}");
        }
    }
}

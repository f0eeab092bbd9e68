using Microsoft.Extensions.Options;
using Qiwi.Runtime;

namespace Qiwi.Extensions.DependencyInjection;

/// <summary>Turns <see cref="QiwiClientOptions.Validate"/> into options validation (run at start-up).</summary>
internal sealed class QiwiClientOptionsValidator(string name) : IValidateOptions<QiwiClientOptions>
{
    public ValidateOptionsResult Validate(string? optionsName, QiwiClientOptions options)
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

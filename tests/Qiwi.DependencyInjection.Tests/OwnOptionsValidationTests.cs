using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qiwi.DependencyInjection.Tests.Generated;
using Qiwi.Extensions.DependencyInjection;
using Qiwi.Runtime;

namespace Qiwi.DependencyInjection.Tests;

/// <summary>
/// Options of an app's own type, checked in an override of <c>Validate</c> (the one API before <c>GetErrors</c>) or of
/// <c>AddErrors</c>: start-up still runs those checks, with the runtime's and the configuration text's.
/// </summary>
public sealed class OwnOptionsValidationTests
{
    [Fact]
    public void A_check_in_an_override_of_validate_still_fails_the_start_once_the_runtimes_checks_pass()
    {
        var exception = Start<ValidateOverride>(o => (o.ApiId, o.ApiPassword) = ("1", "pw"));

        Assert.Equal(["QIWI client 'Own': Region is required."], exception.Failures);
    }

    [Fact]
    public void A_check_in_an_override_of_add_errors_is_reported_with_every_other_failure()
    {
        var exception = Start<AddErrorsOverride>(o => (o.ApiId, o.ApiPassword, o.Timeout) = ("1", "pw\n", TimeSpan.Zero));

        Assert.Equal(
            ["QIWI client 'Own': Timeout must be positive.", "QIWI client 'Own': Region is required.", "QIWI client 'Own': " + ConfigurationPasswordMessage],
            exception.Failures);
    }

    private const string ConfigurationPasswordMessage = "ApiPassword must not contain control characters or start or end with white space (a line break at the end of a secret file, or a space copied with it?); its value is not shown.";

    private static OptionsValidationException Start<TOptions>(Action<TOptions> configure)
        where TOptions : QiwiClientOptions, new()
    {
        var services = new ServiceCollection();
        services.AddQiwiClient<QiwiPullClient, TOptions>("Own", static pipeline => new QiwiPullClient(pipeline), QiwiPullResultCodes.Instance, configure);
        using var provider = services.BuildServiceProvider();
        return Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
    }

    private sealed class ValidateOverride : QiwiClientOptions
    {
        public string? Region { get; set; }

        public override void Validate()
        {
            base.Validate();
            if (Region is null)
            {
                throw new ArgumentException("Region is required.", nameof(Region));
            }
        }
    }

    private sealed class AddErrorsOverride : QiwiClientOptions
    {
        public string? Region { get; set; }

        protected override void AddErrors(ICollection<QiwiOptionsError> errors)
        {
            base.AddErrors(errors);
            if (Region is null)
            {
                errors.Add(new QiwiOptionsError(nameof(Region), "Region is required."));
            }
        }
    }
}

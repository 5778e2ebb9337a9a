using Microsoft.Extensions.Options;

namespace LinkMatch.Api.Http;

public static class StartupChecks
{
    /// <summary>Validates every options class registered with ValidateOnStart before anything uses them, so that
    /// missing configuration stops start-up with a plain message instead of a stack trace later.</summary>
    public static bool ConfigurationIsValid(this WebApplication app)
    {
        try
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            return true;
        }
        catch (OptionsValidationException e)
        {
            foreach (var failure in e.Failures)
            {
                app.Logger.LogCritical("Configuration error: {Failure}", failure);
            }

            return false;
        }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is OptionsValidationException))
        {
            foreach (var failure in e.InnerExceptions.OfType<OptionsValidationException>().SelectMany(x => x.Failures))
            {
                app.Logger.LogCritical("Configuration error: {Failure}", failure);
            }

            return false;
        }
    }
}

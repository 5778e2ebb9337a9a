using LinkMatch.Api.Database;
using LinkMatch.Api.Matching;
using LinkMatch.Api.Matching.Models;
using Microsoft.Extensions.Options;

namespace LinkMatch.Api.Http;

/// <summary>Start-up that fails says why in one log line and exits with code 1: never a stack trace and a crash code
/// (an exception escaping <c>Main</c> aborts the runtime: 134, or 139 as a container's process 1).</summary>
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
        catch (InvalidOperationException e)
        {
            // A value the binder cannot convert, e.g. a word where a number belongs.
            app.Logger.LogCritical("Configuration error: {Failure}", OneLine(e));
            return false;
        }
    }

    /// <summary>The binary carries the migrations and the baseline model it serves on a new database (the build
    /// fails without them; this catches a binary built some other way).</summary>
    public static bool EmbeddedResourcesArePresent(this WebApplication app)
    {
        if (Migrator.Embedded.Count == 0)
        {
            app.Logger.LogCritical("Start-up failed: no migration (db/*.sql) is embedded in the binary; rebuild it with db/ in place");
            return false;
        }

        var baseline = app.Services.GetRequiredService<IOptions<MatchingOptions>>().Value.BaselineModel;
        if (typeof(BaselineModel).Assembly.GetManifestResourceInfo(BaselineModel.ResourceName(baseline)) is null)
        {
            app.Logger.LogCritical(
                "Start-up failed: the baseline model {Resource} is not embedded in the binary (Matching:BaselineModel); rebuild it with ml-models/ in place",
                BaselineModel.ResourceName(baseline));
            return false;
        }

        return true;
    }

    /// <summary>Serves until stopped: 0 after a clean stop (SIGTERM, Ctrl+C), 1 with one log line when the host
    /// does not start (a start-up step that cannot reach the database, say).</summary>
    public static async Task<int> ServeAsync(this WebApplication app)
    {
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            app.Logger.LogCritical("Start-up failed: {Reason}", OneLine(e));
            return await app.StartupFailedAsync();
        }
    }

    /// <summary>Exit code 1, after the log lines written so far reach the console (the console logger writes from
    /// a queue that a returning <c>Main</c> would drop).</summary>
    public static async Task<int> StartupFailedAsync(this WebApplication app)
    {
        await app.DisposeAsync();
        return 1;
    }

    /// <summary>An exception and its causes on one line, without stack traces.</summary>
    public static string OneLine(Exception e)
    {
        var parts = new List<string>();
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x is not AggregateException && !parts.Contains(x.Message))
            {
                parts.Add(x.Message.ReplaceLineEndings(" "));
            }
        }

        return string.Join(": ", parts);
    }
}

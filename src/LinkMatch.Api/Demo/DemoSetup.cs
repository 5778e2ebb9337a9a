using LinkMatch.Api.Commands;
using Microsoft.Extensions.Options;

namespace LinkMatch.Api.Demo;

public static class DemoSetup
{
    public static IHostApplicationBuilder AddDemo(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().BindConfiguration("Demo");
        builder.Services.AddSingleton<DemoLoader>();
        CommandLine.Register("seed-demo", "load the demo world into the database (once) with its demo accounts",
            async (app, _) =>
            {
                await app.Services.GetRequiredService<Database.Migrator>().MigrateAsync(CancellationToken.None);
                var options = app.Services.GetRequiredService<IOptions<DemoOptions>>().Value;
                var loaded = await app.Services.GetRequiredService<DemoLoader>().LoadOnceAsync(options, CancellationToken.None);
                Console.WriteLine(loaded ? "Loaded the demo world." : "The demo world was already loaded.");
                return 0;
            });
        return builder;
    }

    /// <summary>In demo mode, loads the demo world the first time the service starts on a database. False, after
    /// one log line, when it could not.</summary>
    public static async Task<bool> LoadDemoIfEnabledAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DemoOptions>>().Value;
        if (!options.Enabled)
        {
            return true;
        }

        try
        {
            await app.Services.GetRequiredService<DemoLoader>().LoadOnceAsync(options, CancellationToken.None);
            return true;
        }
        catch (Npgsql.NpgsqlException e)
        {
            app.Logger.LogCritical("Cannot load the demo world: {Reason}", Http.StartupChecks.OneLine(e));
            return false;
        }
    }
}

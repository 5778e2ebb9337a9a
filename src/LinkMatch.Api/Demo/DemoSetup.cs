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

    /// <summary>In demo mode, loads the demo world the first time the service starts on a database.</summary>
    public static async Task LoadDemoIfEnabledAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DemoOptions>>().Value;
        if (options.Enabled)
        {
            await app.Services.GetRequiredService<DemoLoader>().LoadOnceAsync(options, CancellationToken.None);
        }
    }
}

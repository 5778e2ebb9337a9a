using LinkMatch.Api.Database;

namespace LinkMatch.Api.Commands;

/// <summary>One-off commands of the same binary: <c>LinkMatch.Api migrate</c>, <c>create-admin</c>, …
/// Without a command the binary serves the API.</summary>
public static class CommandLine
{
    private static readonly Dictionary<string, (string Help, Func<WebApplication, string[], Task<int>> Run)> Commands = new()
    {
        ["migrate"] = ("apply pending database migrations and exit", Migrate),
        ["create-admin"] = ("create a provincial admin: create-admin --user NAME [--display-name TEXT]; " +
            "the password comes from LINKMATCH_ADMIN_PASSWORD or standard input", AdminCommands.CreateAdminAsync),
        ["routes"] = ("print every route with its policy, handler and file as JSON (--markdown: as the README's table)", RoutesCommand.RunAsync),
    };

    /// <summary>Adds a command; features register theirs at start-up.</summary>
    public static void Register(string name, string help, Func<WebApplication, string[], Task<int>> run) =>
        Commands[name] = (help, run);

    /// <summary>The command named by the first argument that is not an option, if any.</summary>
    public static string? CommandName(string[] args) =>
        args.FirstOrDefault(a => !a.StartsWith('-') && !a.Contains('=', StringComparison.Ordinal)) is { } name
        && (Commands.ContainsKey(name) || name == "help") ? name : null;

    public static async Task<int> RunAsync(WebApplication app, string name, string[] args)
    {
        if (name == "help" || !Commands.TryGetValue(name, out var command))
        {
            await Console.Error.WriteLineAsync("usage: LinkMatch.Api [command] [--Section:Key=value ...]\n" +
                "  (no command)  serve the API\n" +
                string.Join("\n", Commands.Select(c => $"  {c.Key,-13} {c.Value.Help}")));
            return name == "help" ? 0 : 2;
        }

        try
        {
            return await command.Run(app, args);
        }
        catch (Npgsql.NpgsqlException e)
        {
            await Console.Error.WriteLineAsync($"{name} failed: {DatabaseSetup.Unreachable(e)}");
            return 1;
        }
    }

    /// <summary>The value after <c>--name</c> in the arguments.</summary>
    public static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, $"--{name}");
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static async Task<int> Migrate(WebApplication app, string[] args)
    {
        IReadOnlyList<string> applied;
        try
        {
            applied = await app.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
        }
        catch (MigrationFailedException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }

        Console.WriteLine(applied.Count == 0 ? "The database is up to date." : $"Applied {applied.Count} migrations: {string.Join(", ", applied)}");
        return 0;
    }
}

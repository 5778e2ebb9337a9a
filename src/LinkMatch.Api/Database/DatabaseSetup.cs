using Npgsql;

namespace LinkMatch.Api.Database;

/// <summary>Keys of the data sources besides the default one (requests).</summary>
public static class DataSources
{
    /// <summary>For background jobs: the same database, with a command timeout for whole-snapshot work.</summary>
    public const string Background = "background";
}

public static class DatabaseSetup
{
    /// <summary>One <see cref="NpgsqlDataSource"/> for the process; handlers open a connection per operation.</summary>
    public static IHostApplicationBuilder AddDatabase(this IHostApplicationBuilder builder)
    {
        DapperTypeHandlers.Register();
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration("ConnectionStrings")
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<MigrationOptions>().BindConfiguration("Migrations");
        // Requests fail fast when the database is unreachable or hangs, so callers get a 503 rather than a hung
        // request: a timed-out command costs its timeout plus Npgsql's cancellation attempt (up to twice the connect
        // timeout), about 11 s with these defaults against 40 s with Npgsql's (30 s + 2 × 5 s). Background jobs load
        // and write whole snapshots and get their own data source with a long command timeout. Connection strings
        // that set either value keep it.
        builder.Services.AddSingleton(sp => Build(sp, commandTimeout: 5));
        builder.Services.AddKeyedSingleton(DataSources.Background, (sp, _) => Build(sp, commandTimeout: 600));
        builder.Services.AddSingleton<Migrator>();
        return builder;
    }

    private static NpgsqlDataSource Build(IServiceProvider sp, int commandTimeout)
    {
        var options = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value;
        var csb = new NpgsqlConnectionStringBuilder(options.Default) { ApplicationName = "linkmatch" };
        if (csb.Timeout == 15)
        {
            csb.Timeout = 3;
        }

        if (csb.CommandTimeout == 30)
        {
            csb.CommandTimeout = commandTimeout;
        }

        var dataSource = new NpgsqlDataSourceBuilder(WithDefaults(csb.ConnectionString));
        dataSource.UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>());
        return dataSource.Build();
    }

    /// <summary>Defaults every connection of the service gets unless its connection string says otherwise: no GSS
    /// (Kerberos) encryption. Npgsql's default, Prefer, first tries to load libgssapi_krb5, which slim and container
    /// images lack, and logs its absence on every start; PostgreSQL deployments of this service use passwords over
    /// TCP (SSL Mode for encryption), so the attempt only costs a log line and a round trip. A connection string
    /// with <c>GSS Encryption Mode=Prefer</c> or <c>Require</c> keeps its value.</summary>
    public static string WithDefaults(string connectionString)
    {
        var csb = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("gss", StringComparison.OrdinalIgnoreCase))
        {
            csb.GssEncryptionMode = GssEncryptionMode.Disable;
        }

        return csb.ConnectionString;
    }

    /// <summary>Applies pending migrations, or with <c>Migrations:ApplyOnStart</c> false checks that none is
    /// pending. False, after one log line, when one failed or is pending: the service must not start on a missing or
    /// half-migrated schema (an instance started before the deployment's <c>migrate</c> finished stops, and its
    /// restart policy starts it again).</summary>
    public static async Task<bool> MigrateDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MigrationOptions>>().Value;
        try
        {
            if (!options.ApplyOnStart)
            {
                return await SchemaIsCurrentAsync(app);
            }

            await app.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
            return true;
        }
        catch (MigrationFailedException e)
        {
            app.Logger.LogCritical("{Message}", e.Message);
            return false;
        }
        catch (NpgsqlException e)
        {
            app.Logger.LogCritical("Cannot migrate the database: {Reason}", Unreachable(e));
            return false;
        }
    }

    private static async Task<bool> SchemaIsCurrentAsync(WebApplication app)
    {
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        var pending = await Migrator.PendingAsync(conn, CancellationToken.None);
        if (pending.Count == 0)
        {
            return true;
        }

        app.Logger.LogCritical(
            "The database lacks {Count} of the {Total} migrations this version ships (first: {First}) and Migrations:ApplyOnStart is false: run the migrate command first",
            pending.Count, Migrator.Embedded.Count, pending[0]);
        return false;
    }

    /// <summary>Why a connection failed, on one line: Npgsql's message and its cause (refused, unknown host, bad
    /// password).</summary>
    public static string Unreachable(NpgsqlException e) =>
        e.InnerException is { } inner && inner.Message != e.Message ? $"{e.Message}: {inner.Message}" : e.Message;
}

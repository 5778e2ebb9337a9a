using Dapper;
using LinkMatch.Api.Database;
using LinkMatch.Api.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LinkMatch.Api.Tests.Platform;

/// <summary>The migration runner and the database's own rules. Raw SQL is the point here: these tests run against a
/// bare database with no service in front of it (or one that must refuse to start), and the facts — which files
/// were recorded, what a failed file left behind, what the runtime role may do to the audit log — are the
/// database's, which no API shows.</summary>
public class MigrationTests
{
    private static Migrator NewMigrator(TestDatabase db) => new(
        Options.Create(new DatabaseOptions { Default = db.OwnerConnectionString }), NullLogger<Migrator>.Instance);

    [Fact]
    public async Task Applies_every_file_in_name_order_once_and_a_rerun_changes_nothing()
    {
        await using var db = await TestDatabase.CreateAsync("migrate");
        var first = await NewMigrator(db).MigrateAsync(CancellationToken.None);
        Assert.Equal(Migrator.Embedded.Select(m => m.Name), first);
        Assert.Equal(first.Order(StringComparer.Ordinal), first);

        var second = await NewMigrator(db).MigrateAsync(CancellationToken.None);
        Assert.Empty(second);

        await using var conn = db.OpenOwnerConnection();
        var recorded = (await conn.QueryAsync<string>("select name from schema_migrations order by name")).ToList();
        Assert.Equal(first, recorded);
        Assert.True(await conn.ExecuteScalarAsync<long>("select count(*) from regions") > 0);
    }

    [Fact]
    public async Task Two_instances_migrating_at_once_apply_each_file_exactly_once()
    {
        await using var db = await TestDatabase.CreateAsync("migrate_race");
        var results = await Task.WhenAll(Enumerable.Range(0, 4)
            .Select(_ => Task.Run(() => NewMigrator(db).MigrateAsync(CancellationToken.None))));
        Assert.Equal(Migrator.Embedded.Count, results.Sum(r => r.Count));
        Assert.Single(results, r => r.Count > 0);
    }

    [Fact]
    public async Task A_failing_migration_rolls_back_whole_and_names_the_file()
    {
        await using var db = await TestDatabase.CreateAsync("migrate_fail");
        var migrations = new[]
        {
            new Migration("0001_good.sql", "create table good (id int);"),
            new Migration("0002_bad.sql", "create table half (id int);\ninsert into half values (1);\nselect * from missing_table;"),
        };
        var error = await Assert.ThrowsAsync<MigrationFailedException>(() =>
            NewMigrator(db).MigrateAsync(db.OwnerConnectionString, migrations, CancellationToken.None));
        Assert.Contains("db/0002_bad.sql", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing_table", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Contains("line 3", StringComparison.Ordinal), error.Message);

        await using var conn = db.OpenOwnerConnection();
        Assert.True(await conn.ExecuteScalarAsync<bool>("select to_regclass('good') is not null"));
        Assert.False(await conn.ExecuteScalarAsync<bool>("select to_regclass('half') is not null"));
        Assert.Equal(["0001_good.sql"], await conn.QueryAsync<string>("select name from schema_migrations"));
    }

    [Fact]
    public async Task An_edited_migration_is_refused()
    {
        await using var db = await TestDatabase.CreateAsync("migrate_edit");
        await NewMigrator(db).MigrateAsync(db.OwnerConnectionString, [new Migration("0001_a.sql", "create table a (id int);")],
            CancellationToken.None);
        var error = await Assert.ThrowsAsync<MigrationFailedException>(() => NewMigrator(db).MigrateAsync(
            db.OwnerConnectionString, [new Migration("0001_a.sql", "create table a (id bigint);")], CancellationToken.None));
        Assert.Contains("changed after it was applied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_service_refuses_to_start_on_a_failing_migration_and_says_which()
    {
        await using var db = await TestDatabase.CreateAsync("migrate_start");
        await using (var conn = db.OpenOwnerConnection())
        {
            // A stray table makes the first migration fail.
            await conn.ExecuteAsync("create table regions (code text)");
        }

        var environment = ServiceProcess.EnvironmentFor(db, ServiceProcess.NewKeys());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServiceProcess.StartAsync(environment));
        Assert.Contains("db/0001_registry.sql", error.Message, StringComparison.Ordinal);
        Assert.Contains("regions", error.Message, StringComparison.Ordinal);

        var (code, output) = await ServiceProcess.RunCommandAsync(environment, "migrate");
        Assert.Equal(1, code);
        Assert.Contains("db/0001_registry.sql", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instance_that_may_not_migrate_stops_with_one_line_until_migrated_and_the_app_login_can_then_create_the_first_admin()
    {
        // As a deployment's API instance or worker started before its migrate step has finished: exit 1 and say
        // what to do, never a crash (the demo load used to fail on the missing tables with an unhandled exception).
        await using var db = await TestDatabase.CreateAsync("migrate_pending");
        var environment = ServiceProcess.EnvironmentFor(db, ServiceProcess.NewKeys());
        environment["Migrations__ApplyOnStart"] = "false";
        environment["Demo__Enabled"] = "true";
        foreach (var arguments in new[] { Array.Empty<string>(), ["worker"] })
        {
            var (code, output) = await ServiceProcess.RunCommandAsync(environment, arguments);
            Assert.True(code == 1, $"exit {code}:\n{output}");
            Assert.Contains($"The database lacks {Migrator.Embedded.Count} of the {Migrator.Embedded.Count} migrations",
                output, StringComparison.Ordinal);
            Assert.Contains("run the migrate command first", output, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        }

        await NewMigrator(db).MigrateAsync(CancellationToken.None);
        await using var service = await ServiceProcess.StartAsync(environment);
        Assert.False(service.HasExited);

        // On the migrated database the app login alone (no owner's connection string) can run create-admin, which
        // migrates first: there is nothing to create.
        var appLoginOnly = new Dictionary<string, string>(environment) { ["LINKMATCH_ADMIN_PASSWORD"] = "first-admin-password-2026" };
        appLoginOnly.Remove("ConnectionStrings__Migrations");
        var (adminCode, adminOutput) = await ServiceProcess.RunCommandAsync(appLoginOnly,
            "create-admin", "--user", "first.admin", "--display-name", "First Admin");
        Assert.True(adminCode == 0, $"exit {adminCode}:\n{adminOutput}");
    }

    [Fact]
    public async Task The_runtime_role_cannot_alter_or_erase_the_audit_log()
    {
        await using var db = await TestDatabase.CreateAsync("migrate_audit");
        await NewMigrator(db).MigrateAsync(CancellationToken.None);
        // Raw SQL as the service's own role: the audit log's immutability is a grant of the database, and no API
        // offers to change the log, so only a statement can try.
        await using var conn = new NpgsqlConnection(db.AppConnectionString);
        await conn.OpenAsync();
        await conn.ExecuteAsync("""
            insert into audit_log (actor_kind, actor_name, action, entity) values ('system', 'test', 'test', 'test')
            """);
        var update = await Assert.ThrowsAsync<PostgresException>(() => conn.ExecuteAsync("update audit_log set action = 'x'"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, update.SqlState);
        var delete = await Assert.ThrowsAsync<PostgresException>(() => conn.ExecuteAsync("delete from audit_log"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, delete.SqlState);
        var truncate = await Assert.ThrowsAsync<PostgresException>(() => conn.ExecuteAsync("truncate audit_log"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, truncate.SqlState);
    }
}

/// <summary>A database from before the ranking models became ML.NET zips: its JSON models turn obsolete and the
/// shipped baseline serves. Raw SQL: the old model has to be written as the former version stored it (no API of
/// this version can), and which model serves after the upgrade is read back the same way.</summary>
public class RankingModelUpgradeTests
{
    [Fact]
    public async Task Json_models_of_the_former_trainer_become_obsolete_and_the_shipped_baseline_serves()
    {
        await using var db = await TestDatabase.CreateAsync("migrate_models");
        var migrator = new Migrator(Options.Create(new DatabaseOptions { Default = db.OwnerConnectionString }),
            NullLogger<Migrator>.Instance);
        var before = Migrator.Embedded.Where(m => string.CompareOrdinal(m.Name, "0016") < 0).ToList();
        await migrator.MigrateAsync(db.OwnerConnectionString, before, CancellationToken.None);
        await using (var conn = db.OpenOwnerConnection())
        {
            await conn.ExecuteAsync("""
                insert into ranking_models (name, source, status, model_json, model_sha256, feature_names, parameters,
                                            trained_at, promoted_at, promoted_by)
                values ('retrain-old', 'retrain', 'serving', '{"format":"linkmatch-ranking-model","version":1}',
                        repeat('a', 64), array['mandatory_coverage'], '{}', now(), now(), 'schedule')
                """);
        }

        var environment = ServiceProcess.EnvironmentFor(db, ServiceProcess.NewKeys());
        await using (await ServiceProcess.StartAsync(environment))
        {
            await using var conn = db.OpenOwnerConnection();
            var models = (await conn.QueryAsync<(string Name, string Status, string? Decision, bool HasZip)>(
                "select name, status, decision, model_zip is not null from ranking_models order by version")).ToList();
            Assert.Equal(2, models.Count);
            Assert.Equal("obsolete", models[0].Status);
            Assert.Contains("cannot serve", models[0].Decision, StringComparison.Ordinal);
            Assert.False(models[0].HasZip);
            Assert.Equal(("baseline", "serving", true), (models[1].Name, models[1].Status, models[1].HasZip));
        }
    }
}

using Dapper;
using LinkMatch.Jobs;
using Npgsql;
using NpgsqlTypes;

namespace LinkMatch.Api.Matching.Refresh;

/// <summary>A refresh in parts as stored: its state and model, and its parts.</summary>
public sealed record RefreshRun(long Id, int ModelVersion, string State, int Parts);

public sealed class RefreshPartRow
{
    public int Part { get; init; }
    public long[] VacancyIds { get; init; } = [];
    public string? SeenIn { get; init; }
}

/// <summary>A staged pair by ids, as a part writes it.</summary>
public readonly record struct StagedRow(long VacancyId, long SeekerId, double Score);

/// <summary>The SQL of refreshes in parts (db/0020): planning, a part's result, joining.</summary>
public static class RefreshStore
{
    public const string PartJob = "matching.refresh-part";
    public const string FinishJob = "matching.refresh-finish";

    public sealed record PartArgs(long RefreshId, int Part);

    public sealed record FinishArgs(long RefreshId);

    /// <summary>Records a new refresh and its parts and queues a job per part, superseding any refresh still
    /// running (its jobs then do nothing but clear what they staged).</summary>
    public static async Task<long> PlanAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IJobQueue jobs,
        int modelVersion, IReadOnlyList<PlannedPart> parts, CancellationToken ct)
    {
        var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
            update matching_refreshes set state = 'superseded', finished_at = now()
            where state in ('scoring', 'writing');
            delete from matching_refreshes where finished_at < now() - interval '30 days';
            insert into matching_refreshes (model_version, parts) values (@modelVersion, @count) returning id;
            """, new { modelVersion, count = parts.Count }, tx, cancellationToken: ct));
        foreach (var part in parts)
        {
            await conn.ExecuteAsync(new CommandDefinition("""
                insert into matching_refresh_parts (refresh_id, part, regions, vacancy_ids)
                values (@id, @Part, @Regions, @VacancyIds)
                """, new { id, part.Part, part.Regions, part.VacancyIds }, tx, cancellationToken: ct));
            await jobs.EnqueueAsync(conn, tx, new JobRequest(PartJob)
            {
                Args = new PartArgs(id, part.Part),
                UniqueKey = $"refresh:{id}:part:{part.Part}",
            }, ct);
        }

        return id;
    }

    public static Task<RefreshRun?> RunAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, bool forUpdate,
        CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<RefreshRun>(new CommandDefinition($"""
            select id, model_version, state, parts from matching_refreshes where id = @id {(forUpdate ? "for update" : "")}
            """, new { id }, tx, cancellationToken: ct));

    public static async Task<List<RefreshPartRow>> PartsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id,
        CancellationToken ct) =>
        (await conn.QueryAsync<RefreshPartRow>(new CommandDefinition("""
            select part, vacancy_ids, seen_in from matching_refresh_parts where refresh_id = @id order by part
            """, new { id }, tx, cancellationToken: ct))).AsList();

    public static Task<RefreshPartRow?> PartAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, int part,
        CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<RefreshPartRow>(new CommandDefinition("""
            select part, vacancy_ids, seen_in from matching_refresh_parts where refresh_id = @id and part = @part
            """, new { id, part }, tx, cancellationToken: ct));

    /// <summary>Stores a part's pairs and marks it done (a part run again replaces what it staged); when it is the
    /// last, the refresh goes on to writing and the joining job is queued. Call with the refresh row locked.</summary>
    public static async Task<bool> CompletePartAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IJobQueue jobs,
        long id, int part, string seenIn, double seconds, IReadOnlyList<StagedRow> pairs, CancellationToken ct)
    {
        await ClearPartAsync(conn, tx, id, part, ct);
        await using (var writer = await conn.BeginBinaryImportAsync("""
            copy matching_refresh_pairs (refresh_id, part, vacancy_id, seeker_id, score) from stdin (format binary)
            """, ct))
        {
            foreach (var p in pairs)
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(id, NpgsqlDbType.Bigint, ct);
                await writer.WriteAsync(part, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(p.VacancyId, NpgsqlDbType.Bigint, ct);
                await writer.WriteAsync(p.SeekerId, NpgsqlDbType.Bigint, ct);
                await writer.WriteAsync(p.Score, NpgsqlDbType.Double, ct);
            }

            await writer.CompleteAsync(ct);
        }

        var last = await conn.ExecuteScalarAsync<bool>(new CommandDefinition("""
            update matching_refresh_parts set seen_in = @seenIn, done_at = now(), seconds = @seconds
            where refresh_id = @id and part = @part;
            select not exists (select 1 from matching_refresh_parts where refresh_id = @id and done_at is null);
            """, new { id, part, seenIn, seconds }, tx, cancellationToken: ct));
        if (last)
        {
            await conn.ExecuteAsync(new CommandDefinition(
                "update matching_refreshes set state = 'writing' where id = @id", new { id }, tx, cancellationToken: ct));
            await jobs.EnqueueAsync(conn, tx, new JobRequest(FinishJob)
            {
                Args = new FinishArgs(id),
                UniqueKey = $"refresh:{id}:finish",
            }, ct);
        }

        return last;
    }

    public static async Task<List<StagedRow>> PairsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id,
        CancellationToken ct) =>
        (await conn.QueryAsync<StagedRow>(new CommandDefinition("""
            select vacancy_id, seeker_id, score from matching_refresh_pairs where refresh_id = @id
            order by vacancy_id, seeker_id
            """, new { id }, tx, cancellationToken: ct))).AsList();

    public static Task ClearPartAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, int part,
        CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(
            "delete from matching_refresh_pairs where refresh_id = @id and part = @part", new { id, part }, tx,
            cancellationToken: ct));

    public static Task FinishAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, int stored,
        CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            update matching_refreshes set state = 'done', finished_at = now(), stored = @stored
            where id = @id and state = 'writing'
            """, new { id, stored }, tx, cancellationToken: ct));
}

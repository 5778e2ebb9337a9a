using System.Text.Json;
using Dapper;
using LinkMatch.Api.Matching.Candidates;
using LinkMatch.Api.Workflow;
using Npgsql;
using NpgsqlTypes;

namespace LinkMatch.Api.Matching.Suggestions;

/// <summary>A seeker's (or a vacancy's) proposed suggestions elsewhere: how many, and the weakest of them, which a
/// better pair may displace.</summary>
public readonly record struct Exposure(int Count, long WeakestId, double WeakestScore, long WeakestVacancyId,
    long WeakestSeekerId);

/// <summary>Writes suggestions. Every write runs under one advisory lock, so the exposure counts a recompute reads
/// are still true when it writes; only 'proposed' rows are ever replaced or deleted by matching. Inserts check,
/// in the same statement, that the vacancy is still open and the seeker still active with open consent, so a
/// refresh computed on an older snapshot cannot bring back someone who withdrew meanwhile.
/// Lock order, which keeps writers free of deadlocks: a business transaction locks its vacancy or seeker rows
/// (FOR UPDATE) and then the advisory lock; a job first locks the parents of the rows it will insert (FOR KEY
/// SHARE, which inserting a child would take anyway), then the advisory lock, and from then on touches only
/// suggestion rows. Anything else that writes suggestions (the staff workflow) must follow the same order: the
/// workflow locks the vacancy and seeker rows, then this lock, and only then the suggestion row itself, so a
/// suggestion row is only ever locked under this lock.</summary>
public static class SuggestionStore
{
    private const long LockKey = 0x4C4D_5355_4747;

    /// <summary>Takes the suggestions' write lock, and makes the transaction's list of the proposed rows it deletes
    /// (<c>retired_suggestions</c>), so that a pair it proposes again keeps its id: a recompute does not change the
    /// ids on a staff member's screen for the pairs it keeps. Every writer calls this first.</summary>
    public static Task LockAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            select pg_advisory_xact_lock(@LockKey);
            create temp table if not exists retired_suggestions (
                id bigint not null, kind text not null, vacancy_id bigint not null, seeker_id bigint not null
            ) on commit drop;
            """, new { LockKey }, tx, cancellationToken: ct));

    /// <summary>A job's first step: the parent rows of the suggestions it may insert (in id order), then the
    /// advisory lock.</summary>
    public static async Task LockForJobAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IEnumerable<long> vacancyIds,
        IEnumerable<long> seekerIds, CancellationToken ct)
    {
        await conn.ExecuteAsync(new CommandDefinition("""
            select 1 from vacancies where id = any(@vacancies) order by id for key share;
            select 1 from seekers where id = any(@seekers) order by id for key share;
            """, new { vacancies = vacancyIds.Distinct().ToArray(), seekers = seekerIds.Distinct().ToArray() }, tx,
            cancellationToken: ct));
        await LockAsync(conn, tx, ct);
    }

    /// <summary>Inserts the drafts (ranks: their places among the drafts, per vacancy and per seeker; renumbering
    /// after corrects only those other rows shift), a pair deleted earlier in the transaction under its old id; pairs that
    /// already have a row, or whose vacancy or seeker is no longer matchable, are skipped. Returns how many were
    /// inserted.</summary>
    public static async Task<int> InsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        IReadOnlyList<SuggestionDraft> drafts, DateOnly today, CancellationToken ct)
    {
        if (drafts.Count == 0)
        {
            return 0;
        }

        await conn.ExecuteAsync(new CommandDefinition("""
            create temp table suggestion_rows (
                kind text not null, vacancy_id bigint not null, seeker_id bigint not null,
                score double precision not null, model_version integer not null, features real[] not null,
                contributions double precision[] not null, base_value double precision not null,
                explanation jsonb not null, summary text not null, summary_indonesian text not null
            ) on commit drop
            """, transaction: tx, cancellationToken: ct));
        await using (var writer = await conn.BeginBinaryImportAsync("""
            copy suggestion_rows (kind, vacancy_id, seeker_id, score, model_version, features, contributions,
                                  base_value, explanation, summary, summary_indonesian) from stdin (format binary)
            """, ct))
        {
            foreach (var d in drafts)
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(d.Kind, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(d.VacancyId, NpgsqlDbType.Bigint, ct);
                await writer.WriteAsync(d.SeekerId, NpgsqlDbType.Bigint, ct);
                await writer.WriteAsync(d.Score, NpgsqlDbType.Double, ct);
                await writer.WriteAsync(d.ModelVersion, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(d.Features, NpgsqlDbType.Array | NpgsqlDbType.Real, ct);
                await writer.WriteAsync(d.Contributions, NpgsqlDbType.Array | NpgsqlDbType.Double, ct);
                await writer.WriteAsync(d.BaseValue, NpgsqlDbType.Double, ct);
                await writer.WriteAsync(ExplanationJson(d), NpgsqlDbType.Jsonb, ct);
                await writer.WriteAsync(d.Summary, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(d.SummaryIndonesian, NpgsqlDbType.Text, ct);
            }

            await writer.CompleteAsync(ct);
        }

        // The seekers suggested are recorded for the equal-opportunity report in the same statement.
        return await conn.ExecuteScalarAsync<int>(new CommandDefinition($"""
            with stored as (
            insert into suggestions (id, kind, vacancy_id, seeker_id, score, rank, seeker_rank, model_version,
                                     features, contributions, base_value, explanation, summary,
                                     summary_indonesian)
            overriding system value
            select coalesce(r.id, nextval(pg_get_serial_sequence('suggestions', 'id'))),
                   t.kind, t.vacancy_id, t.seeker_id, t.score,
                   row_number() over (partition by t.vacancy_id order by t.score desc, t.seeker_id),
                   row_number() over (partition by t.seeker_id order by t.score desc, t.vacancy_id),
                   t.model_version, t.features, t.contributions, t.base_value, t.explanation, t.summary,
                   t.summary_indonesian
            from suggestion_rows t
            left join (select kind, vacancy_id, seeker_id, max(id) as id from retired_suggestions
                       group by kind, vacancy_id, seeker_id) r
                   on r.kind = t.kind and r.vacancy_id = t.vacancy_id and r.seeker_id = t.seeker_id
            join vacancies v on v.id = t.vacancy_id and {VacancyLoader.Open}
            join seekers s on s.id = t.seeker_id and {SeekerLoader.Matchable}
            on conflict (kind, vacancy_id, seeker_id) do nothing
            returning seeker_id, model_version
            ), exposed as (
                insert into seeker_exposures (seeker_id, month, model_version)
                select distinct seeker_id, date_trunc('month', @today::date)::date, model_version from stored
                order by 1, 3
                on conflict do nothing
            )
            select count(*)::int from stored
            """, new { today }, tx, cancellationToken: ct));
    }

    /// <summary>Proposed suggestions of the given vacancies (null: all) that are no longer open become 'expired'
    /// (kept as outcomes).</summary>
    public static Task<int> ExpireEndedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, DateOnly today,
        long[]? vacancyIds, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            update suggestions g set status = @Expired, seeker_rank = null
            from vacancies v
            where v.id = g.vacancy_id and g.status = @Proposed
              and (@vacancyIds::bigint[] is null or g.vacancy_id = any(@vacancyIds))
              and (v.status <> 'open' or v.closes_on < @today)
            """, new { today, vacancyIds, SuggestionStatuses.Expired, SuggestionStatuses.Proposed }, tx, cancellationToken: ct));

    /// <summary>Deletes proposed suggestions of some vacancies, of a seeker, or (both null) all of them; returns the
    /// (vacancy, seeker) pairs deleted. With <paramref name="seenIn"/> (a recompute's reading snapshot) only the rows
    /// written by transactions that snapshot saw: a concurrent recompute's newer rows stay.</summary>
    public static async Task<List<(long VacancyId, long SeekerId)>> DeleteProposedAsync(NpgsqlConnection conn,
        NpgsqlTransaction tx, long[]? vacancyIds, long? seekerId, CancellationToken ct, string? seenIn = null)
    {
        return (await conn.QueryAsync<(long, long)>(new CommandDefinition("""
            with gone as (
                delete from suggestions
                where status = @Proposed
                  and (@vacancyIds::bigint[] is null or vacancy_id = any(@vacancyIds))
                  and (@seekerId::bigint is null or seeker_id = @seekerId)
                  and (@seenIn::text is null or pg_visible_in_snapshot(computed_xid, @seenIn::text::pg_snapshot))
                returning id, kind, vacancy_id, seeker_id
            ), kept as (
                insert into retired_suggestions select id, kind, vacancy_id, seeker_id from gone
            )
            select vacancy_id, seeker_id from gone
            """, new { vacancyIds, seekerId, seenIn, SuggestionStatuses.Proposed }, tx, cancellationToken: ct))).AsList();
    }

    /// <summary>The snapshot a recompute reads in (<c>pg_current_snapshot()</c> as text), to pass as
    /// <c>seenIn</c> when it replaces rows: a row written by a transaction that snapshot did not see stays.</summary>
    public static async Task<string> SnapshotAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct) =>
        await conn.ExecuteScalarAsync<string>(new CommandDefinition("select pg_current_snapshot()::text",
            transaction: tx, cancellationToken: ct)) ?? throw new InvalidOperationException("no snapshot");

    public static async Task DeleteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long[] ids, CancellationToken ct)
    {
        await conn.ExecuteAsync(new CommandDefinition("""
            with gone as (
                delete from suggestions where id = any(@ids) and status = @Proposed
                returning id, kind, vacancy_id, seeker_id
            )
            insert into retired_suggestions select id, kind, vacancy_id, seeker_id from gone
            """, new { ids, SuggestionStatuses.Proposed }, tx, cancellationToken: ct));
    }

    /// <summary>The vacancies that have proposed suggestions: a full refresh replaces their lists even when it
    /// proposes nothing for them now.</summary>
    public static async Task<long[]> ProposedVacanciesAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        CancellationToken ct) =>
        [.. await conn.QueryAsync<long>(new CommandDefinition(
            "select distinct vacancy_id from suggestions where status = @Proposed",
            new { SuggestionStatuses.Proposed }, tx, cancellationToken: ct))];

    /// <summary>Pairs a person has acted on (any status but proposed and expired): never proposed again.</summary>
    public static async Task<HashSet<(long VacancyId, long SeekerId)>> ActedPairsAsync(NpgsqlConnection conn,
        NpgsqlTransaction tx, long? vacancyId, long? seekerId, CancellationToken ct) =>
        (await conn.QueryAsync<(long, long)>(new CommandDefinition("""
            select vacancy_id, seeker_id from suggestions
            where status <> all(@ByMatching)
              and (@vacancyId::bigint is null or vacancy_id = @vacancyId)
              and (@seekerId::bigint is null or seeker_id = @seekerId)
            """, new { vacancyId, seekerId, SuggestionStatuses.ByMatching }, tx, cancellationToken: ct))).ToHashSet();

    /// <summary>Pairs of the given vacancies a person has acted on.</summary>
    public static async Task<HashSet<(long VacancyId, long SeekerId)>> ActedPairsAsync(NpgsqlConnection conn,
        NpgsqlTransaction tx, long[] vacancyIds, CancellationToken ct) =>
        (await conn.QueryAsync<(long, long)>(new CommandDefinition("""
            select vacancy_id, seeker_id from suggestions
            where status <> all(@ByMatching) and vacancy_id = any(@vacancyIds)
            """, new { vacancyIds, SuggestionStatuses.ByMatching }, tx, cancellationToken: ct))).ToHashSet();

    /// <summary>Proposed suggestions per seeker (or per vacancy, <paramref name="bySeeker"/> false) among the given
    /// ids, with the weakest of each.</summary>
    public static async Task<Dictionary<long, Exposure>> ExposureAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        long[] ids, bool bySeeker, CancellationToken ct)
    {
        var key = bySeeker ? "seeker_id" : "vacancy_id";
        var rows = await conn.QueryAsync<(long Key, int Count, long Id, double Score, long VacancyId, long SeekerId)>(
            new CommandDefinition($"""
                select distinct on (g.{key}) g.{key}, count(*) over (partition by g.{key})::int, g.id, g.score,
                       g.vacancy_id, g.seeker_id
                from suggestions g join unnest(@ids) as i (id) on i.id = g.{key}
                where g.status = @Proposed
                order by g.{key}, g.score, g.id
                """, new { ids, SuggestionStatuses.Proposed }, tx, cancellationToken: ct));
        return rows.ToDictionary(r => r.Key, r => new Exposure(r.Count, r.Id, r.Score, r.VacancyId, r.SeekerId));
    }

    /// <summary>Numbers suggestions by score: <c>rank</c> within each vacancy, <c>seeker_rank</c> within each
    /// seeker's current (not expired) list. Null ids renumber everything. Rows a person acted on keep the ranks they
    /// had then: matching never writes them.</summary>
    public static Task RenumberAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long[]? vacancyIds,
        long[]? seekerIds, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            update suggestions g set rank = r.n
            from (select id, row_number() over (partition by vacancy_id order by score desc, seeker_id)::int as n
                  from suggestions where status = any(@ByMatching)
                    and (@vacancies::bigint[] is null or vacancy_id = any(@vacancies))) r
            where g.id = r.id and g.rank <> r.n;
            update suggestions g set seeker_rank = r.n
            from (select id, case when status = @Expired then null
                                  else row_number() over (partition by seeker_id, status = @Expired
                                                          order by score desc, vacancy_id)::int end as n
                  from suggestions where status = any(@ByMatching)
                    and (@seekers::bigint[] is null or seeker_id = any(@seekers))) r
            where g.id = r.id and g.seeker_rank is distinct from r.n;
            """, new
        {
            vacancies = vacancyIds,
            seekers = seekerIds,
            SuggestionStatuses.Expired,
            SuggestionStatuses.ByMatching,
        }, tx, cancellationToken: ct));

    private static string ExplanationJson(SuggestionDraft d) => JsonSerializer.Serialize(
        new StoredExplanation(d.BaseValue, d.Factors), JsonOptions);

    private sealed record StoredExplanation(double BaseValue, IReadOnlyList<ExplanationFactor> Factors);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}

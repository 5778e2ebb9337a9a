using Dapper;
using LinkMatch.Api.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Mous;

/// <summary>Reading an MoU's commitments and activities, for whoever may read the MoU.</summary>
public static class CommitmentQueries
{
    public static async Task<Results<Ok<IReadOnlyList<Commitment>>, NotFound>> List(long id, Caller caller,
        NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        if (await MouQueries.FindAsync(conn, null, id, caller, ct) is null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await ListAsync(conn, null, id, ct));
    }

    public static async Task<Results<Ok<Commitment>, NotFound>> Get(long id, long cid, Caller caller,
        NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        if (await MouQueries.FindAsync(conn, null, id, caller, ct) is null)
        {
            return TypedResults.NotFound();
        }

        return await FindAsync(conn, null, id, cid, ct) is { } commitment
            ? TypedResults.Ok(commitment)
            : TypedResults.NotFound();
    }

    public static async Task<Results<Ok<IReadOnlyList<Activity>>, NotFound>> Activities(long id, long cid,
        Caller caller, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        if (await MouQueries.FindAsync(conn, null, id, caller, ct) is null
            || await FindAsync(conn, null, id, cid, ct) is null)
        {
            return TypedResults.NotFound();
        }

        var activities = await conn.QueryAsync<Activity>(new CommandDefinition("""
            select id, commitment_id, occurred_on, quantity, note, evidence, recorded_by, created_at
            from mou_activities where commitment_id = @cid
            order by occurred_on desc, id desc
            """, new { cid }, cancellationToken: ct));
        return TypedResults.Ok<IReadOnlyList<Activity>>(activities.AsList());
    }

    internal static async Task<IReadOnlyList<Commitment>> ListAsync(NpgsqlConnection conn, NpgsqlTransaction? tx,
        long mouId, CancellationToken ct) =>
        (await conn.QueryAsync<Commitment>(new CommandDefinition(
            $"select {CommitmentsApi.Columns} {CommitmentsApi.From} where c.mou_id = @mouId order by c.starts_on, c.id",
            new { mouId }, tx, cancellationToken: ct))).AsList();

    internal static Task<Commitment?> FindAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long mouId, long cid,
        CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<Commitment?>(new CommandDefinition(
            $"select {CommitmentsApi.Columns} {CommitmentsApi.From} where c.id = @cid and c.mou_id = @mouId",
            new { mouId, cid }, tx, cancellationToken: ct));
}

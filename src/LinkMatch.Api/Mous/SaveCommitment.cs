using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Http;
using LinkMatch.Api.Reports.MouScorecard;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Mous;

/// <summary>Adding, changing and removing an MoU's commitments: admins, and staff of the MoU's office (another
/// office's MoU answers 404). Each write is audited and enqueues the recompute of the office's scorecard in the same
/// transaction.</summary>
public static class SaveCommitment
{
    public static async Task<Results<Created<Commitment>, NotFound, ValidationProblem>> Create(long id,
        CommitmentRequest request, Caller caller, NpgsqlDataSource db, MouScorecardRefresh refresh,
        CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await LockMouAsync(conn, tx, id, caller, ct) is not { } mou)
        {
            return TypedResults.NotFound();
        }

        var (period, invalid) = Period(request, mou);
        if (invalid is not null)
        {
            return invalid;
        }

        var cid = await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
            insert into mou_commitments (mou_id, kind, target, starts_on, ends_on, owed_by, description)
            values (@id, @Kind, @Target, @StartsOn, @EndsOn, @OwedBy, @Description)
            returning id
            """, Row(id, 0, request, period), tx, cancellationToken: ct));
        var commitment = (await CommitmentQueries.FindAsync(conn, tx, id, cid, ct))!;
        await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("mou.commitment.create", "mou_commitment", cid,
            Details: new { mouId = id, commitment.Kind, commitment.Target, commitment.StartsOn, commitment.EndsOn }), ct);
        await refresh.EnqueueAsync(conn, tx, mou.OfficeId, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/mous/{id}/commitments/{cid}", commitment);
    }

    public static async Task<Results<Ok<Commitment>, NotFound, ValidationProblem>> Update(long id, long cid,
        CommitmentRequest request, Caller caller, NpgsqlDataSource db, MouScorecardRefresh refresh,
        CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await LockMouAsync(conn, tx, id, caller, ct) is not { } mou
            || await CommitmentQueries.FindAsync(conn, tx, id, cid, ct) is null)
        {
            return TypedResults.NotFound();
        }

        var (period, invalid) = Period(request, mou);
        if (invalid is not null)
        {
            return invalid;
        }

        await conn.ExecuteAsync(new CommandDefinition("""
            update mou_commitments
            set kind = @Kind, target = @Target, starts_on = @StartsOn, ends_on = @EndsOn, owed_by = @OwedBy,
                description = @Description
            where id = @cid
            """, Row(id, cid, request, period), tx, cancellationToken: ct));
        var commitment = (await CommitmentQueries.FindAsync(conn, tx, id, cid, ct))!;
        await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("mou.commitment.update", "mou_commitment", cid,
            Details: new { mouId = id, commitment.Kind, commitment.Target, commitment.StartsOn, commitment.EndsOn }), ct);
        await refresh.EnqueueAsync(conn, tx, mou.OfficeId, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(commitment);
    }

    /// <summary>A commitment with activities is a record of work done: it stays (409).</summary>
    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(long id, long cid, Caller caller,
        NpgsqlDataSource db, MouScorecardRefresh refresh, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await LockMouAsync(conn, tx, id, caller, ct) is not { } mou
            || await CommitmentQueries.FindAsync(conn, tx, id, cid, ct) is null)
        {
            return TypedResults.NotFound();
        }

        if (await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "select exists (select from mou_activities where commitment_id = @cid)", new { cid }, tx,
                cancellationToken: ct)))
        {
            return Problems.Conflict("Activities are recorded under this commitment; it stays as their record.");
        }

        await conn.ExecuteAsync(new CommandDefinition("delete from mou_commitments where id = @cid", new { cid }, tx,
            cancellationToken: ct));
        await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("mou.commitment.delete", "mou_commitment", cid,
            Details: new { mouId = id }), ct);
        await refresh.EnqueueAsync(conn, tx, mou.OfficeId, ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    internal sealed record LockedMou(long OfficeId, DateOnly SignedOn, DateOnly ValidUntil);

    /// <summary>The MoU, if the caller may write its commitments (admins: any; staff: their office's), share-locked
    /// so that its term cannot change under the write.</summary>
    internal static Task<LockedMou?> LockMouAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, Caller caller,
        CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<LockedMou?>(new CommandDefinition("""
            select office_id, signed_on, valid_until from mous
            where id = @id and (@ScopeOfficeId::bigint is null or office_id = @ScopeOfficeId)
            for share
            """, new { id, ScopeOfficeId = caller.IsAdmin ? (long?)null : caller.OfficeId ?? -1 }, tx,
            cancellationToken: ct));

    private sealed record CommitmentPeriod(DateOnly StartsOn, DateOnly EndsOn);

    /// <summary>The row's values as the insert and the update take them (the description trimmed).</summary>
    private static object Row(long id, long cid, CommitmentRequest request, CommitmentPeriod period) => new
    {
        id,
        cid,
        request.Kind,
        request.Target,
        period.StartsOn,
        period.EndsOn,
        request.OwedBy,
        Description = request.Description.Trim(),
    };

    /// <summary>The period asked for, the MoU's term where a date is left out; it lies within the term.</summary>
    private static (CommitmentPeriod Period, ValidationProblem? Invalid) Period(CommitmentRequest request, LockedMou mou)
    {
        var starts = request.StartsOn ?? mou.SignedOn;
        var ends = request.EndsOn ?? mou.ValidUntil;
        var errors = new FieldErrors()
            .AddIf(ends < starts, "endsOn", "A commitment cannot end before it starts.")
            .AddIf(starts < mou.SignedOn, "startsOn", $"The MoU runs from {Day(mou.SignedOn)}; a commitment starts within its term.")
            .AddIf(ends > mou.ValidUntil && ends >= starts, "endsOn", $"The MoU runs until {Day(mou.ValidUntil)}; a commitment ends within its term.");
        return (new CommitmentPeriod(starts, ends), errors.Any ? errors.ToProblem() : null);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Http;
using LinkMatch.Api.Reports.MouScorecard;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Mous;

/// <summary>Recording an activity under a commitment: admins, and staff of the MoU's office.</summary>
public static class SaveActivity
{
    public static async Task<Results<Created<Activity>, NotFound, ValidationProblem>> Create(long id, long cid,
        ActivityRequest request, Caller caller, NpgsqlDataSource db, TimeProvider time, MouScorecardRefresh refresh,
        CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await SaveCommitment.LockMouAsync(conn, tx, id, caller, ct) is not { } mou
            || await CommitmentQueries.FindAsync(conn, tx, id, cid, ct) is not { } commitment)
        {
            return TypedResults.NotFound();
        }

        var errors = new FieldErrors()
            .AddIf(request.OccurredOn > Wita.Today(time), "occurredOn", "An activity is recorded once it took place.")
            .AddIf(request.OccurredOn < commitment.StartsOn || request.OccurredOn > commitment.EndsOn, "occurredOn",
                "The activity falls outside the commitment's period.");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var activity = await conn.QuerySingleAsync<Activity>(new CommandDefinition("""
            insert into mou_activities (commitment_id, occurred_on, quantity, note, evidence, recorded_by)
            values (@cid, @OccurredOn, @Quantity, @Note, @Evidence, @RecordedBy)
            returning id, commitment_id, occurred_on, quantity, note, evidence, recorded_by, created_at
            """, new
        {
            cid,
            request.OccurredOn,
            request.Quantity,
            Note = request.Note.Trim(),
            Evidence = request.Evidence?.Trim() is { Length: > 0 } evidence ? evidence : null,
            RecordedBy = caller.Name,
        }, tx, cancellationToken: ct));
        await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("mou.activity.create", "mou_activity", activity.Id,
            Details: new { mouId = id, commitmentId = cid, activity.OccurredOn, activity.Quantity }), ct);
        await refresh.EnqueueAsync(conn, tx, mou.OfficeId, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/mous/{id}/commitments/{cid}/activities", activity);
    }
}

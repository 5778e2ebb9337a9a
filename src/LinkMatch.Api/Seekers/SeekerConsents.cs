using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Database;
using LinkMatch.Api.Http;
using LinkMatch.Api.Matching.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Seekers;

/// <summary>Persetujuan (UU 27/2022): consent to matching is recorded with its time, channel, proof and the staff
/// member who recorded it; a withdrawal likewise. Matching considers only seekers with open consent
/// (<c>consentToMatching</c>). One open consent per seeker at a time.</summary>
internal static class SeekerConsents
{
    private const string Columns = """
        id, purpose, granted_at, channel, evidence, recorded_by, withdrawn_at, withdrawal_channel,
        withdrawal_recorded_by
        """;

    public static async Task<Results<Created<SeekerConsent>, NotFound, ValidationProblem, ProblemHttpResult>> Grant(
        long id, ConsentRequest request, Caller caller, NpgsqlDataSource db, TimeProvider time, MatchingTriggers matching,
        CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var at = request.At ?? now;
        if (at > now.AddMinutes(5))
        {
            return Problems.Field("at", "Consent cannot be recorded for the future.");
        }

        await using var live = await LiveSeeker.FindAsync(db, caller, id, forUpdate: true, ct);
        if (!live.Found)
        {
            return live.Gone is { } gone ? gone : TypedResults.NotFound();
        }

        var (conn, tx, row) = (live.Conn, live.Tx, live.Row);

        try
        {
            var consent = await conn.QuerySingleAsync<SeekerConsent>(new CommandDefinition($"""
                insert into seeker_consents (seeker_id, purpose, granted_at, channel, evidence, recorded_by)
                values (@id, 'matching', @at, @Channel, @Evidence, @recordedBy)
                returning {Columns}
                """, new
            {
                id,
                at,
                request.Channel,
                Evidence = string.IsNullOrWhiteSpace(request.Evidence) ? null : request.Evidence.Trim(),
                recordedBy = caller.Name,
            }, tx, cancellationToken: ct));
            await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("seeker.consent.grant", "seeker_consent",
                consent.Id, id, new { request.Channel }), ct);
            await matching.SeekerChangedAsync(conn, tx, id, ct);
            await tx.CommitAsync(ct);
            return TypedResults.Created($"/api/v1/seekers/{id}", consent);
        }
        catch (PostgresException e) when (e.IsUniqueViolation("seeker_consents_one_open"))
        {
            return Problems.Conflict("The seeker's consent to matching is already recorded; withdraw it first.");
        }
    }

    public static async Task<Results<Ok<SeekerConsent>, NotFound, ValidationProblem, ProblemHttpResult>> Withdraw(
        long id, WithdrawalRequest request, Caller caller, NpgsqlDataSource db, TimeProvider time, MatchingTriggers matching,
        CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var at = request.At ?? now;
        if (at > now.AddMinutes(5))
        {
            return Problems.Field("at", "A withdrawal cannot be recorded for the future.");
        }

        await using var live = await LiveSeeker.FindAsync(db, caller, id, forUpdate: true, ct);
        if (!live.Found)
        {
            return live.Gone is { } gone ? gone : TypedResults.NotFound();
        }

        var (conn, tx, row) = (live.Conn, live.Tx, live.Row);

        var consent = await conn.QuerySingleOrDefaultAsync<SeekerConsent>(new CommandDefinition($"""
            update seeker_consents
            set withdrawn_at = greatest(@at, granted_at), withdrawal_channel = @Channel,
                withdrawal_recorded_by = @recordedBy
            where seeker_id = @id and purpose = 'matching' and withdrawn_at is null
            returning {Columns}
            """, new { id, at, request.Channel, recordedBy = caller.Name }, tx, cancellationToken: ct));
        if (consent is null)
        {
            return Problems.Conflict("The seeker has no consent to matching to withdraw.");
        }

        await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("seeker.consent.withdraw", "seeker_consent",
            consent.Id, id, new { request.Channel }), ct);
        // Withdrawal stops matching now: the proposed suggestions go in this transaction.
        await matching.SeekerLeftAsync(conn, tx, id, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(consent);
    }
}

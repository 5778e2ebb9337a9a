using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Matching.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Seekers;

/// <summary>Hak penghapusan (UU 27/2022): removes a seeker's personal data, leaving an anonymous tombstone with what
/// aggregate statistics need (office, region, education level, registration date, and the ids that placements and
/// enrolments point at). Preferences, competencies, consents, suggestions and the record of having been suggested go; certificate numbers on enrolments go. The
/// audit log keeps its rows: they name the seeker only by id. Afterwards every seeker endpoint answers 410.</summary>
internal static class SeekerErasure
{
    private const string EraseSql = """
        delete from seeker_preferred_occupations where seeker_id = @id;
        delete from seeker_preferred_regions where seeker_id = @id;
        delete from seeker_competencies where seeker_id = @id;
        delete from seeker_consents where seeker_id = @id;
        delete from seeker_exposures where seeker_id = @id;
        delete from matching_refresh_pairs where seeker_id = @id;
        update enrolments set certificate_number = null, certificate_issued_on = null
        where seeker_id = @id and certificate_number is not null;
        update seekers set
            status = 'erased', erased_at = now(), ak1_number = null, nik_cipher = null, nik_hash = null,
            nik_region = null, full_name = null, birth_date = null, sex = null, education_major = null,
            phone_cipher = null, phone_hash = null, email_cipher = null, email_hash = null, disability = null,
            expected_wage = null, willing_to_relocate = false, last_reported_on = null
        where id = @id;
        """;

    private const string Tombstone = """
        select id, office_id, region_code, education_level, registered_on, status, erased_at
        from seekers where id = @id
        """;

    public static async Task<Results<Ok<SeekerTombstone>, NotFound, ProblemHttpResult>> Erase(long id,
        ErasureRequest request, Caller caller, NpgsqlDataSource db, MatchingTriggers matching,
        CancellationToken ct)
    {
        await using var live = await LiveSeeker.FindAsync(db, caller, id, forUpdate: true, ct);
        if (!live.Found)
        {
            return live.Gone is { } gone ? gone : TypedResults.NotFound();
        }

        var (conn, tx, row) = (live.Conn, live.Tx, live.Row);

        await matching.SeekerErasedAsync(conn, tx, id, ct);
        await conn.ExecuteAsync(new CommandDefinition(EraseSql, new { id }, tx, cancellationToken: ct));
        await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("seeker.erase", "seeker", id, id,
            new { request.Reason, request.Note }), ct);
        var tombstone = await conn.QuerySingleAsync<SeekerTombstone>(new CommandDefinition(Tombstone, new { id }, tx,
            cancellationToken: ct));
        await tx.CommitAsync(ct);
        return TypedResults.Ok(tombstone);
    }
}

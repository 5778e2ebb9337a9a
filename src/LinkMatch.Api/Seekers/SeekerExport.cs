using System.Data;
using System.Text.Json;
using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.PersonalData;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Seekers;

/// <summary>Everything held about one seeker: the readable record (whole NIK, phone, e-mail) and every stored row
/// about them, table by table, including the audit trail of who processed their data.</summary>
public sealed record SeekerExportDocument(long SeekerId, DateTimeOffset ExportedAt, string ExportedBy,
    IReadOnlyList<string> Purposes, Seeker Seeker, IReadOnlyDictionary<string, JsonElement> Tables);

/// <summary>Hak akses (UU 27/2022): a copy of a person's data and how it was processed, for staff of the seeker's
/// office or an admin acting on the person's request.</summary>
internal static class SeekerExport
{
    /// <summary>Every table holding data about a seeker, with the query for one seeker's rows (as a JSON array).
    /// A test lists every table with a <c>seeker_id</c> column and fails until it appears here: add new ones.
    /// Ciphertexts and blind indexes are left out of the rows; the decrypted values are in <c>seeker</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string> Tables = new Dictionary<string, string>
    {
        ["seekers"] = """
            select to_jsonb(t) - array['nik_cipher', 'nik_hash', 'phone_cipher', 'phone_hash', 'email_cipher',
                                       'email_hash', 'matching_xid']
            from seekers t where t.id = @id
            """,
        ["seeker_preferred_occupations"] = "select to_jsonb(t) from seeker_preferred_occupations t where t.seeker_id = @id",
        ["seeker_preferred_regions"] = "select to_jsonb(t) from seeker_preferred_regions t where t.seeker_id = @id",
        ["seeker_competencies"] = """
            select to_jsonb(t) || jsonb_build_object('competency_code', c.code, 'competency_title', c.title)
            from seeker_competencies t join competencies c on c.id = t.competency_id where t.seeker_id = @id
            """,
        ["seeker_consents"] = "select to_jsonb(t) from seeker_consents t where t.seeker_id = @id",
        ["enrolments"] = "select to_jsonb(t) from enrolments t where t.seeker_id = @id",
        ["enrolment_assessments"] = """
            select to_jsonb(t) from enrolment_assessments t join enrolments e on e.id = t.enrolment_id
            where e.seeker_id = @id
            """,
        ["placements"] = "select to_jsonb(t) from placements t where t.seeker_id = @id",
        // Suggestions made about the person, with the features and explanation behind each.
        ["suggestions"] = "select to_jsonb(t) - 'computed_xid' from suggestions t where t.seeker_id = @id",
        // The months in which matching suggested the person, and by which model (equal-opportunity monitoring).
        ["seeker_exposures"] = "select to_jsonb(t) from seeker_exposures t where t.seeker_id = @id",
        // Pairs a full refresh in parts is still joining (scores, gone when its suggestions are written).
        ["matching_refresh_pairs"] = "select to_jsonb(t) from matching_refresh_pairs t where t.seeker_id = @id",
        // What staff and employers decided on those suggestions, with their reasons and notes (Workflow/).
        ["suggestion_events"] = "select to_jsonb(t) from suggestion_events t where t.seeker_id = @id",
        // Who processed the data and how; the staff's own addresses and request ids are theirs, not the seeker's.
        ["audit_log"] = """
            select to_jsonb(t) - array['remote_address', 'request_id'] from audit_log t where t.seeker_id = @id
            """,
    };

    private static readonly string[] Purposes =
    [
        "Registration as a job seeker (AK/1) and placement services by the Disnaker office.",
        "Matching with vacancies and training, only while consent to matching is recorded and not withdrawn.",
        "Anonymous labour-market statistics (IPK) and equal-opportunity monitoring of the matching (aggregates only).",
    ];

    public static async Task<Results<Ok<SeekerExportDocument>, NotFound, ProblemHttpResult>> Export(long id,
        Caller caller, NpgsqlDataSource db, PersonalDataProtector protector, TimeProvider time, CancellationToken ct)
    {
        // One snapshot for every table, so the document is consistent.
        await using var live = await LiveSeeker.FindAsync(db, caller, id, forUpdate: false, ct,
            IsolationLevel.RepeatableRead);
        if (!live.Found)
        {
            return live.Gone is { } gone ? gone : TypedResults.NotFound();
        }

        var (conn, tx, row) = (live.Conn, live.Tx, live.Row);

        // Written first, so the export lists itself among the processing of the person's data.
        await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("seeker.export", "seeker", id, id,
            new { view = SeekerViews.Full }), ct);
        var seeker = await SeekerData.DetailAsync(conn, tx, row, SeekerViews.Full, protector,
            SeekerInput.Today(time), ct);
        var tables = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (table, query) in Tables)
        {
            var json = await conn.ExecuteScalarAsync<string>(new CommandDefinition(
                $"select coalesce(jsonb_agg(r.item), '[]'::jsonb)::text from ({query}) as r (item)", new { id }, tx,
                cancellationToken: ct));
            using var doc = JsonDocument.Parse(json!);
            tables[table] = doc.RootElement.Clone();
        }

        await tx.CommitAsync(ct);
        return TypedResults.Ok(new SeekerExportDocument(id, time.GetUtcNow(), caller.Name, Purposes, seeker, tables));
    }
}

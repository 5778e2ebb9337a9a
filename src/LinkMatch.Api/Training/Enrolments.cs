using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Http;
using Npgsql;

namespace LinkMatch.Api.Training;

/// <summary>A seeker's place in a cohort: enrolled, then completed or dropped; the outcome of the competency
/// assessment (uji kompetensi) per unit; and the certificate an LSP issued.</summary>
public sealed record Enrolment(long Id, long CohortId, long CourseId, long TrainingCentreId, EnrolledSeeker Seeker,
    string Status, DateOnly? CompletedOn, Certificate? Certificate, IReadOnlyList<Assessment> Assessments,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>Who is enrolled: the seeker's id and name only (null once the seeker's data was erased).</summary>
public sealed record EnrolledSeeker(long Id, string? FullName);

/// <summary>Sertifikat kompetensi: number, scheme, issuing LSP (licensed by BNSP) and date.</summary>
public sealed record Certificate(string Number, string Scheme, string Lsp, DateOnly IssuedOn);

/// <summary>Uji kompetensi of one unit: kompeten (competent) or belum kompeten (not yet competent).</summary>
public sealed record Assessment(long CompetencyId, string CompetencyCode, string CompetencyTitle, string Outcome,
    DateOnly AssessedOn);

public sealed record CreateEnrolmentRequest([property: Id] long CohortId,
    [property: Id] long SeekerId);

/// <summary>Filters: cohort, course, BLK, office, seeker, status, completion date range, with or without certificate.</summary>
public sealed record EnrolmentFilter(
    [property: Id] long? CohortId = null,
    [property: Id] long? CourseId = null,
    [property: Id] long? TrainingCentreId = null,
    [property: Id] long? OfficeId = null,
    [property: Id] long? SeekerId = null,
    [property: OneOf("enrolled", "completed", "dropped")] string? Status = null,
    DateOnly? CompletedFrom = null,
    DateOnly? CompletedTo = null,
    bool? Certified = null);

/// <summary>Reads enrolments with their assessments, and records that the seekers' names were shown.</summary>
internal static class EnrolmentReader
{
    public const string Columns = """
        e.id, e.cohort_id, c.course_id, cr.training_centre_id, e.seeker_id, s.full_name as seeker_name, e.status,
        e.completed_on, e.certificate_number, e.certificate_scheme, e.certificate_lsp, e.certificate_issued_on,
        e.created_at, e.updated_at
        """;

    public const string Scoped = $"""
        from enrolments e
        join cohorts c on c.id = e.cohort_id
        join courses cr on cr.id = c.course_id
        join training_centres tc on tc.id = cr.training_centre_id
        join seekers s on s.id = e.seeker_id
        where {TrainingScope.Filter}
        """;

    private sealed record Row(long Id, long CohortId, long CourseId, long TrainingCentreId, long SeekerId,
        string? SeekerName, string Status, DateOnly? CompletedOn, string? CertificateNumber, string? CertificateScheme,
        string? CertificateLsp, DateOnly? CertificateIssuedOn, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    private sealed record AssessmentRow(long EnrolmentId, long CompetencyId, string Code, string Title, string Outcome,
        DateOnly AssessedOn);

    /// <summary>Runs a query selecting <see cref="Columns"/>, then loads the assessments of the rows it returned.</summary>
    public static async Task<List<Enrolment>> ReadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql,
        object parameters, CancellationToken ct)
    {
        var rows = (await conn.QueryAsync<Row>(new CommandDefinition(sql, parameters, tx, cancellationToken: ct))).AsList();
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = rows.Select(r => r.Id).ToArray();
        var assessments = (await conn.QueryAsync<AssessmentRow>(new CommandDefinition("""
            select a.enrolment_id, a.competency_id, k.code, k.title, a.outcome, a.assessed_on
            from enrolment_assessments a join competencies k on k.id = a.competency_id
            where a.enrolment_id = any(@ids) order by k.code
            """, new { ids }, tx, cancellationToken: ct))).ToLookup(a => a.EnrolmentId);
        return rows.Select(r => new Enrolment(r.Id, r.CohortId, r.CourseId, r.TrainingCentreId,
            new EnrolledSeeker(r.SeekerId, r.SeekerName), r.Status, r.CompletedOn,
            r.CertificateNumber is null
                ? null
                : new Certificate(r.CertificateNumber, r.CertificateScheme!, r.CertificateLsp!, r.CertificateIssuedOn!.Value),
            assessments[r.Id].Select(a => new Assessment(a.CompetencyId, a.Code, a.Title, a.Outcome, a.AssessedOn)).ToList(),
            r.CreatedAt, r.UpdatedAt)).ToList();
    }

    /// <summary>Reads one enrolment inside a write, after the change.</summary>
    public static async Task<Enrolment> ReadOneAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id,
        CancellationToken ct) =>
        (await ReadAsync(conn, tx, $"""
            select {Columns} {Scoped} and e.id = @id
            """, new { id, ScopeCentreId = (long?)null, ScopeOfficeId = (long?)null }, ct)).Single();

    /// <summary>A seeker's name is personal data: one audit row per seeker whose name a response shows.</summary>
    public static Task AuditShownAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Caller caller,
        IEnumerable<Enrolment> shown, CancellationToken ct) =>
        AuditLog.WriteManyAsync(conn, tx, caller, shown
            .Where(e => e.Seeker.FullName is not null)
            .GroupBy(e => e.Seeker.Id)
            .Select(g => new AuditEntry("seeker.read.enrolment", "enrolment", g.Count() == 1 ? g.First().Id : null,
                g.Key, new { EnrolmentIds = g.Select(e => e.Id).ToArray() })), ct);
}

/// <summary>The enrolment a write works on, locked for the rest of the transaction.</summary>
internal sealed record LockedEnrolment(long Id, long CohortId, long CourseId, long SeekerId, string Status,
    DateOnly? CompletedOn, string? CertificateNumber, DateOnly CohortStartsOn, int Capacity)
{
    public static Task<LockedEnrolment?> LockAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id,
        TrainingScope scope, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<LockedEnrolment>(new CommandDefinition($"""
            select e.id, e.cohort_id, c.course_id, e.seeker_id, e.status, e.completed_on, e.certificate_number,
                   c.starts_on as cohort_starts_on, c.capacity
            {EnrolmentReader.Scoped} and e.id = @id
            for update of e
            """, new { id, ScopeCentreId = scope.CentreId, ScopeOfficeId = scope.OfficeId }, tx, cancellationToken: ct));
}

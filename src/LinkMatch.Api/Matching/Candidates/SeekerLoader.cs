using Dapper;
using LinkMatch.Api.Matching.Features;
using Npgsql;

namespace LinkMatch.Api.Matching.Candidates;

/// <summary>Loads the profiles of the seekers matching may consider: active, with open consent to matching (erased
/// and placed seekers are never active); all of them, or those of given ids. The birth date is read only to test
/// vacancies' age ranges and never leaves the process.</summary>
public static class SeekerLoader
{
    public const string Matchable = """
        s.status = 'active'
        and exists (select 1 from seeker_consents sc
                    where sc.seeker_id = s.id and sc.purpose = 'matching' and sc.withdrawn_at is null)
        """;

    private sealed class Row
    {
        public long Id { get; init; }
        public long OfficeId { get; init; }
        public string RegionCode { get; init; } = "";
        public bool WillingToRelocate { get; init; }
        public string EducationLevel { get; init; } = "";
        public long? ExpectedWage { get; init; }
        public DateOnly RegisteredOn { get; init; }
        public DateOnly? BirthDate { get; init; }
        public string[] PreferredOccupations { get; init; } = [];
        public string[] PreferredRegions { get; init; } = [];
    }

    public static Task<List<SeekerProfile>> LoadAllAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        CourseCatalog courses, CancellationToken ct) =>
        LoadAsync(conn, tx, "", new DynamicParameters(), courses, ct);

    public static Task<List<SeekerProfile>> LoadByIdsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long[] ids,
        CourseCatalog courses, CancellationToken ct) =>
        LoadAsync(conn, tx, "and s.id = any(@ids)", new DynamicParameters(new { ids }), courses, ct);

    private static async Task<List<SeekerProfile>> LoadAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        string selection, DynamicParameters parameters, CourseCatalog courses, CancellationToken ct)
    {
        var rows = (await conn.QueryAsync<Row>(new CommandDefinition($"""
            select s.id, s.office_id, s.region_code, s.willing_to_relocate, s.education_level, s.expected_wage,
                   s.registered_on, s.birth_date,
                   array(select p.occupation_code from seeker_preferred_occupations p where p.seeker_id = s.id)
                       as preferred_occupations,
                   array(select p.region_code from seeker_preferred_regions p where p.seeker_id = s.id)
                       as preferred_regions
            from seekers s
            where {Matchable} {selection}
            order by s.id
            """, parameters, tx, cancellationToken: ct))).AsList();
        var ids = rows.Select(r => r.Id).ToArray();
        var held = await UnitsAsync(conn, tx, ids, ct);
        var completed = await CoursesAsync(conn, tx, ids, courses, ct);
        var apprenticeships = await ApprenticeshipsAsync(conn, tx, ids, ct);
        return rows.Select(r => new SeekerProfile
        {
            Id = r.Id,
            OfficeId = r.OfficeId,
            RegionCode = r.RegionCode,
            WillingToRelocate = r.WillingToRelocate,
            EducationLevel = r.EducationLevel,
            ExpectedWage = r.ExpectedWage,
            RegisteredOn = r.RegisteredOn,
            BirthDate = r.BirthDate,
            PreferredOccupations = r.PreferredOccupations,
            PreferredRegions = r.PreferredRegions,
            Units = held.TryGetValue(r.Id, out var h) ? SeekerProfile.Sorted(h) : [],
            Courses = completed.TryGetValue(r.Id, out var c) ? [.. c.OrderByDescending(x => x.CompletedOn)] : [],
            Apprenticeships = apprenticeships.TryGetValue(r.Id, out var a) ? [.. a] : [],
        }).ToList();
    }

    private static async Task<Dictionary<long, List<HeldUnit>>> UnitsAsync(NpgsqlConnection conn,
        NpgsqlTransaction tx, long[] ids, CancellationToken ct)
    {
        var rows = await conn.QueryAsync<(long SeekerId, long CompetencyId, short Level, string Evidence, decimal Years)>(
            new CommandDefinition("""
                select sc.seeker_id, sc.competency_id, sc.level, sc.evidence, sc.years
                from seeker_competencies sc join unnest(@ids) as i (id) on i.id = sc.seeker_id
                """, new { ids }, tx, cancellationToken: ct));
        var result = new Dictionary<long, List<HeldUnit>>();
        foreach (var r in rows)
        {
            if (!result.TryGetValue(r.SeekerId, out var list))
            {
                result[r.SeekerId] = list = [];
            }

            list.Add(new HeldUnit(r.CompetencyId, r.Level, EvidenceWeights.Parse(r.Evidence), (float)r.Years));
        }

        return result;
    }

    private static async Task<Dictionary<long, List<CompletedCourse>>> CoursesAsync(NpgsqlConnection conn,
        NpgsqlTransaction tx, long[] ids, CourseCatalog catalog, CancellationToken ct)
    {
        var rows = await conn.QueryAsync<(long SeekerId, long CourseId, DateOnly CompletedOn)>(new CommandDefinition("""
            select e.seeker_id, c.course_id, e.completed_on
            from enrolments e join unnest(@ids) as i (id) on i.id = e.seeker_id
            join cohorts c on c.id = e.cohort_id
            where e.status = 'completed'
            """, new { ids }, tx, cancellationToken: ct));
        var result = new Dictionary<long, List<CompletedCourse>>();
        foreach (var r in rows)
        {
            if (catalog.Completed(r.CourseId, r.CompletedOn) is not { } course)
            {
                continue;
            }

            if (!result.TryGetValue(r.SeekerId, out var list))
            {
                result[r.SeekerId] = list = [];
            }

            list.Add(course);
        }

        return result;
    }

    private static async Task<Dictionary<long, List<PastApprenticeship>>> ApprenticeshipsAsync(NpgsqlConnection conn,
        NpgsqlTransaction tx, long[] ids, CancellationToken ct)
    {
        var rows = await conn.QueryAsync<(long SeekerId, long EmployerId, string OccupationCode, DateOnly StartDate)>(
            new CommandDefinition("""
                select p.seeker_id, p.employer_id, v.occupation_code, p.start_date
                from placements p join unnest(@ids) as i (id) on i.id = p.seeker_id
                join vacancies v on v.id = p.vacancy_id
                where p.type = 'apprenticeship'
                """, new { ids }, tx, cancellationToken: ct));
        return rows.GroupBy(r => r.SeekerId).ToDictionary(g => g.Key,
            g => g.Select(r => new PastApprenticeship(r.EmployerId, r.OccupationCode, r.StartDate)).ToList());
    }
}

using Dapper;
using LinkMatch.Api.Matching.Candidates;
using LinkMatch.Api.Matching.Features;
using Npgsql;

namespace LinkMatch.Api.Matching.Training;

/// <summary>Loads seeker histories for training: every seeker who is not erased and whose consent to matching is
/// open today (training is matching's purpose; people who withdrew or never consented are left out, and so are
/// erased ones). When each unit became known:
/// <list type="bullet">
/// <item>units that came from a BLK enrolment (the seeker's enrolment assessed that unit, and the unit is held as
/// trained, assessed or certified): assessed on the assessment day, certified on the certificate's issue day,
/// trained (not yet competent) on the assessment day;</item>
/// <item>other units (experience, self-declared, certificates from elsewhere): the registration day when the row was
/// written together with the registration (within a day of the seeker's row: the AK/1 form, an import, the demo
/// load), otherwise the day the row was written.</item>
/// </list>
/// What cannot be reconstructed: a unit whose evidence was later raised by staff counts at its current evidence
/// from the day it was first written; experience a BLK assessment later superseded counts only from the
/// assessment.</summary>
public static class TrainingHistoryLoader
{
    private sealed class SeekerRow
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

    private sealed class UnitRow
    {
        public long SeekerId { get; init; }
        public long CompetencyId { get; init; }
        public short Level { get; init; }
        public string Evidence { get; init; } = "";
        public decimal Years { get; init; }
        public DateOnly WrittenOn { get; init; }
        public bool WithRegistration { get; init; }
        public DateOnly? AssessedOn { get; init; }
        public bool Competent { get; init; }
        public DateOnly? CertifiedOn { get; init; }
    }

    private sealed class CourseRow
    {
        public long SeekerId { get; init; }
        public long CourseId { get; init; }
        public DateOnly CompletedOn { get; init; }
    }

    private sealed class PlacementRow
    {
        public long SeekerId { get; init; }
        public long VacancyId { get; init; }
        public long EmployerId { get; init; }
        public string Type { get; init; } = "";
        public string OccupationCode { get; init; } = "";
        public DateOnly StartDate { get; init; }
    }

    public static async Task<List<SeekerHistory>> LoadAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        CourseCatalog catalog, CancellationToken ct)
    {
        const string consenting = """
            s.status <> 'erased'
            and exists (select 1 from seeker_consents sc
                        where sc.seeker_id = s.id and sc.purpose = 'matching' and sc.withdrawn_at is null)
            """;
        var seekers = await conn.QueryAsync<SeekerRow>(new CommandDefinition($"""
            select s.id, s.office_id, s.region_code, s.willing_to_relocate, s.education_level, s.expected_wage,
                   s.registered_on, s.birth_date,
                   array(select p.occupation_code from seeker_preferred_occupations p where p.seeker_id = s.id)
                       as preferred_occupations,
                   array(select p.region_code from seeker_preferred_regions p where p.seeker_id = s.id)
                       as preferred_regions
            from seekers s where {consenting} order by s.id
            """, transaction: tx, cancellationToken: ct));
        // One row per held unit, with the earliest assessment of that unit in the seeker's enrolments and the
        // earliest certificate covering it, when the unit is held as BLK evidence.
        var units = (await conn.QueryAsync<UnitRow>(new CommandDefinition($"""
            select sc.seeker_id, sc.competency_id, sc.level, sc.evidence, sc.years,
                   sc.created_at::date as written_on,
                   sc.created_at <= s.created_at + interval '1 day' as with_registration,
                   a.assessed_on, coalesce(a.competent, false) as competent, a.certified_on
            from seeker_competencies sc join seekers s on s.id = sc.seeker_id
            left join lateral (
                select min(ea.assessed_on) as assessed_on, bool_or(ea.outcome = 'competent') as competent,
                       min(e.certificate_issued_on) filter (where ea.outcome = 'competent') as certified_on
                from enrolment_assessments ea join enrolments e on e.id = ea.enrolment_id
                where e.seeker_id = sc.seeker_id and ea.competency_id = sc.competency_id
            ) a on sc.evidence in ('trained', 'assessed', 'certified')
            where {consenting}
            """, transaction: tx, cancellationToken: ct))).ToLookup(u => u.SeekerId);
        var courses = (await conn.QueryAsync<CourseRow>(new CommandDefinition($"""
            select e.seeker_id, c.course_id, e.completed_on
            from enrolments e join cohorts c on c.id = e.cohort_id join seekers s on s.id = e.seeker_id
            where e.status = 'completed' and {consenting}
            """, transaction: tx, cancellationToken: ct))).ToLookup(c => c.SeekerId);
        var placements = (await conn.QueryAsync<PlacementRow>(new CommandDefinition($"""
            select p.seeker_id, p.vacancy_id, p.employer_id, p.type, v.occupation_code, p.start_date
            from placements p join vacancies v on v.id = p.vacancy_id join seekers s on s.id = p.seeker_id
            where {consenting}
            """, transaction: tx, cancellationToken: ct))).ToLookup(p => p.SeekerId);

        return seekers.Select(s => new SeekerHistory
        {
            Current = new SeekerProfile
            {
                Id = s.Id,
                OfficeId = s.OfficeId,
                RegionCode = s.RegionCode,
                WillingToRelocate = s.WillingToRelocate,
                EducationLevel = s.EducationLevel,
                ExpectedWage = s.ExpectedWage,
                RegisteredOn = s.RegisteredOn,
                BirthDate = s.BirthDate,
                PreferredOccupations = s.PreferredOccupations,
                PreferredRegions = s.PreferredRegions,
                Courses = [.. courses[s.Id].Select(c => catalog.Completed(c.CourseId, c.CompletedOn))
                    .OfType<CompletedCourse>().OrderByDescending(c => c.CompletedOn)],
            },
            Units = [.. units[s.Id].SelectMany(u => Dated(u, s.RegisteredOn))],
            Placements = [.. placements[s.Id].Select(p => new PastPlacement(p.VacancyId, p.EmployerId, p.Type,
                p.OccupationCode, p.StartDate))],
        }).ToList();
    }

    /// <summary>The dated facts behind one held unit (see the class summary).</summary>
    public static IEnumerable<DatedUnit> Dated(UnitFacts u, DateOnly registeredOn)
    {
        var evidence = EvidenceWeights.Parse(u.Evidence);
        var years = (float)u.Years;
        if (u.AssessedOn is { } assessed && evidence >= Evidence.Trained)
        {
            if (evidence == Evidence.Trained || !u.Competent)
            {
                yield return new DatedUnit(new HeldUnit(u.CompetencyId, u.Level, Evidence.Trained, years), assessed);
                yield break;
            }

            yield return new DatedUnit(new HeldUnit(u.CompetencyId, evidence == Evidence.Assessed ? u.Level : (short)2,
                Evidence.Assessed, years), assessed);
            if (evidence == Evidence.Certified)
            {
                // A certificate from the enrolment dates itself; one recorded otherwise counts from when it was written.
                var certified = u.CertifiedOn ?? (u.WrittenOn > assessed ? u.WrittenOn : assessed);
                yield return new DatedUnit(new HeldUnit(u.CompetencyId, u.Level, Evidence.Certified, years), certified);
            }

            yield break;
        }

        var since = u.WithRegistration ? registeredOn : u.WrittenOn;
        yield return new DatedUnit(new HeldUnit(u.CompetencyId, u.Level, evidence, years), since);
    }

    private static IEnumerable<DatedUnit> Dated(UnitRow u, DateOnly registeredOn) => Dated(new UnitFacts(
        u.CompetencyId, u.Level, u.Evidence, u.Years, u.WrittenOn, u.WithRegistration, u.AssessedOn, u.Competent,
        u.CertifiedOn), registeredOn);
}

/// <summary>What the registry holds about one unit of one seeker, for dating it.</summary>
public sealed record UnitFacts(long CompetencyId, short Level, string Evidence, decimal Years, DateOnly WrittenOn,
    bool WithRegistration, DateOnly? AssessedOn, bool Competent, DateOnly? CertifiedOn);

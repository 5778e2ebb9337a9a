using System.ComponentModel.DataAnnotations;
using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Http;
using LinkMatch.Api.Seekers;
using LinkMatch.Api.Training;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Reports.TrainingGaps;

/// <summary>Saran peningkatan keterampilan: which BLK courses would let the seeker meet the mandatory requirements
/// of more open vacancies. Computed on request (it is about one person).</summary>
/// <param name="SeekerId">The seeker.</param>
/// <param name="AsOf">The day it was computed for.</param>
/// <param name="OpenVacancies">Open vacancies (any office) with unfilled openings that have not closed.</param>
/// <param name="VacanciesMetNow">Those whose mandatory units the seeker already holds at the minimum level.</param>
/// <param name="Suggestions">The courses with the largest gain first.</param>
public sealed record UpskillingReport(long SeekerId, DateOnly AsOf, int OpenVacancies, int VacanciesMetNow,
    IReadOnlyList<UpskillingSuggestion> Suggestions);

/// <param name="CourseId">The course.</param>
/// <param name="Code">Its code.</param>
/// <param name="Title">Its title.</param>
/// <param name="TrainingCentreId">Its BLK.</param>
/// <param name="TrainingCentreName">The BLK's name.</param>
/// <param name="AdditionalVacancies">Open vacancies whose mandatory requirements the seeker does not meet now and
/// would meet after completing the course (its units at the level BLK courses train to).</param>
/// <param name="UnitsGained">Units the course teaches that open vacancies require and the seeker lacks.</param>
/// <param name="NextCohortStartsOn">The start of the course's next planned cohort, if any.</param>
/// <param name="Explanation">The suggestion in one sentence, for the officer and the seeker.</param>
public sealed record UpskillingSuggestion(long CourseId, string Code, string Title, long TrainingCentreId,
    string TrainingCentreName, int AdditionalVacancies, IReadOnlyList<string> UnitsGained,
    DateOnly? NextCohortStartsOn, string Explanation);

/// <summary><c>top</c>: how many courses (1–20, default 5); <c>trainingCentreId</c>: only that BLK's courses.</summary>
public sealed record UpskillingQuery([property: Range(1, 20)] int? Top = null, [property: Id] long? TrainingCentreId = null);

/// <summary>Staff of the seeker's office and admins; another office's seeker answers 404, an erased one 410. The
/// answer reveals the seeker's competencies, so each call is audited as a read of the seeker.</summary>
internal static class Upskilling
{
    private const string Sql = """
        with held as (
            select competency_id, level from seeker_competencies where seeker_id = @id
        ),
        open_vacancies as (
            select v.id from vacancies v
            where v.status = 'open' and v.filled < v.openings and v.closes_on >= @Today
        ),
        missing as (
            select vc.vacancy_id, vc.competency_id, vc.min_level
            from open_vacancies ov
            join vacancy_competencies vc on vc.vacancy_id = ov.id and vc.mandatory
            left join held h on h.competency_id = vc.competency_id and h.level >= vc.min_level
            where h.competency_id is null
        ),
        missing_per_vacancy as (
            select vacancy_id, count(*) as missing from missing group by vacancy_id
        ),
        covered as (
            select cc.course_id, m.vacancy_id, count(*) as covered
            from missing m
            join course_competencies cc on cc.competency_id = m.competency_id
            where m.min_level <= @TrainedLevel
            group by cc.course_id, m.vacancy_id
        ),
        gains as (
            select c.course_id, count(*)::int as additional_vacancies
            from covered c
            join missing_per_vacancy mv on mv.vacancy_id = c.vacancy_id and mv.missing = c.covered
            group by c.course_id
        )
        select g.course_id, cr.code, cr.title, tc.id as training_centre_id, tc.name as training_centre_name,
               g.additional_vacancies,
               array(select distinct k.code from missing m
                     join course_competencies cc on cc.competency_id = m.competency_id and cc.course_id = g.course_id
                     join competencies k on k.id = m.competency_id
                     where m.min_level <= @TrainedLevel order by k.code) as units_gained,
               (select min(c.starts_on) from cohorts c where c.course_id = g.course_id and c.starts_on > @Today)
                   as next_cohort_starts_on
        from gains g
        join courses cr on cr.id = g.course_id
        join training_centres tc on tc.id = cr.training_centre_id
        where @TrainingCentreId::bigint is null or tc.id = @TrainingCentreId
        order by g.additional_vacancies desc, next_cohort_starts_on nulls last, cr.code, g.course_id
        limit @Top;

        select (select count(*) from vacancies v
                where v.status = 'open' and v.filled < v.openings and v.closes_on >= @Today)::int as open_vacancies,
               (select count(*) from vacancies v
                where v.status = 'open' and v.filled < v.openings and v.closes_on >= @Today
                  and not exists (select from vacancy_competencies vc
                                  left join seeker_competencies sc on sc.seeker_id = @id
                                       and sc.competency_id = vc.competency_id and sc.level >= vc.min_level
                                  where vc.vacancy_id = v.id and vc.mandatory and sc.seeker_id is null))::int
                   as vacancies_met_now;
        """;

    private sealed record Row(long CourseId, string Code, string Title, long TrainingCentreId,
        string TrainingCentreName, int AdditionalVacancies, string[] UnitsGained, DateOnly? NextCohortStartsOn);

    private sealed record Counts(int OpenVacancies, int VacanciesMetNow);

    public static void MapUpskilling(this IEndpointRouteBuilder api)
    {
        api.MapGet("/seekers/{id:long}/upskilling", Get).WithTags("Reports")
            .RequireAuthorization(Policies.Staff).ProducesProblem(StatusCodes.Status410Gone).ProducesValidationProblem()
            .WithSummary("Upskilling for one seeker: the BLK courses after which they would meet the mandatory " +
                "requirements of the most additional open vacancies (top 5, or top=1..20; trainingCentreId for one BLK's " +
                "courses). Audited as a read of the seeker.");
    }

    public static async Task<Results<Ok<UpskillingReport>, NotFound, ProblemHttpResult>> Get(long id,
        [AsParameters] UpskillingQuery query, Caller caller, NpgsqlDataSource db, TimeProvider time,
        CancellationToken ct)
    {
        await using var live = await LiveSeeker.FindAsync(db, caller, id, forUpdate: false, ct,
            System.Data.IsolationLevel.RepeatableRead);
        if (!live.Found)
        {
            return live.Gone is { } gone ? gone : TypedResults.NotFound();
        }

        var (conn, tx) = (live.Conn, live.Tx);
        var today = TrainingCalendar.Today(time);
        List<UpskillingSuggestion> suggestions;
        Counts counts;
        await using (var multi = await conn.QueryMultipleAsync(new CommandDefinition(Sql, new
        {
            id,
            Today = today,
            Training.SeekerCompetencies.TrainedLevel,
            Top = query.Top ?? 5,
            query.TrainingCentreId,
        }, tx, cancellationToken: ct)))
        {
            suggestions = (await multi.ReadAsync<Row>()).Select(r => new UpskillingSuggestion(r.CourseId, r.Code,
                r.Title, r.TrainingCentreId, r.TrainingCentreName, r.AdditionalVacancies, r.UnitsGained,
                r.NextCohortStartsOn,
                $"With course {r.Code} ({r.Title}) at {r.TrainingCentreName} you would meet the mandatory " +
                $"requirements of {r.AdditionalVacancies} more open {(r.AdditionalVacancies == 1 ? "vacancy" : "vacancies")}."))
                .ToList();
            counts = await multi.ReadSingleAsync<Counts>();
        }

        await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("seeker.read", "seeker", id, id,
            new { via = "upskilling", fields = new[] { "competencies" } }), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new UpskillingReport(id, today, counts.OpenVacancies, counts.VacanciesMetNow,
            suggestions));
    }
}

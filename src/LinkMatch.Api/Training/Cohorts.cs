using System.ComponentModel.DataAnnotations;
using LinkMatch.Api.Http;

namespace LinkMatch.Api.Training;

/// <summary>Angkatan: one run of a course. Status follows from the dates: planned, running or finished.
/// Enrolled counts the places taken (enrolled and completed; dropped enrolments free their place).</summary>
public sealed record Cohort(long Id, long CourseId, long TrainingCentreId, string Name, DateOnly StartsOn,
    DateOnly EndsOn, int Capacity, string InstructorName, string Status, int Enrolled, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record CreateCohortRequest(
    [property: Id] long CourseId,
    [property: Required, StringLength(100, MinimumLength = 1)] string Name,
    DateOnly StartsOn,
    DateOnly EndsOn,
    [property: Range(1, 1000)] int Capacity,
    [property: Required, StringLength(200, MinimumLength = 2)] string InstructorName);

/// <summary>Replaces a cohort's fields; a cohort stays with its course. Capacity cannot drop below the places
/// already taken.</summary>
public sealed record UpdateCohortRequest(
    [property: Required, StringLength(100, MinimumLength = 1)] string Name,
    DateOnly StartsOn,
    DateOnly EndsOn,
    [property: Range(1, 1000)] int Capacity,
    [property: Required, StringLength(200, MinimumLength = 2)] string InstructorName);

/// <summary>Filters: course, BLK, office, region, KBJI occupation (or group) of the course, status on today's date,
/// and cohorts running at any time between <c>from</c> and <c>to</c>.</summary>
public sealed record CohortFilter(
    [property: Id] long? CourseId = null,
    [property: Id] long? TrainingCentreId = null,
    [property: Id] long? OfficeId = null,
    [property: StringLength(5), RegularExpression(@"^[0-9]{2}(\.[0-9]{2})?$", ErrorMessage = "Use '64' or '64.71'.")] string? RegionCode = null,
    [property: StringLength(7), RegularExpression(@"^[0-9]{1,4}(\.[0-9]{2})?$", ErrorMessage = "Use a KBJI code such as '7212'.")]
    string? OccupationCode = null,
    [property: OneOf("planned", "running", "finished")] string? Status = null,
    DateOnly? From = null,
    DateOnly? To = null);

internal static class CohortSql
{
    public const string Columns = $"""
        c.id, c.course_id, cr.training_centre_id, c.name, c.starts_on, c.ends_on, c.capacity, c.instructor_name,
        {TrainingCalendar.CohortStatus} as status,
        (select count(*)::int from enrolments e where e.cohort_id = c.id and e.status <> 'dropped') as enrolled,
        c.created_at, c.updated_at
        """;

    public const string Scoped = $"""
        from cohorts c
        join courses cr on cr.id = c.course_id
        join training_centres tc on tc.id = cr.training_centre_id
        where {TrainingScope.Filter}
        """;

    public static FieldErrors CheckDates(DateOnly startsOn, DateOnly endsOn) => new FieldErrors()
        .AddIf(endsOn < startsOn, "endsOn", "A cohort cannot end before it starts.")
        .AddIf(endsOn.DayNumber - startsOn.DayNumber > 3 * 366, "endsOn", "A cohort runs at most three years.");
}

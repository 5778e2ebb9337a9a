using Dapper;
using LinkMatch.Api.Auth;

namespace LinkMatch.Api.Seekers;

/// <summary>Which seekers a caller may see, as a condition on <c>seekers s</c>: admins all, staff their office's,
/// instructors those enrolled in a cohort of a course of their BLK, employers none (the policies already keep them
/// out). The condition is chosen by role; the ids go in as parameters.</summary>
internal static class SeekerScope
{
    private const string Office = "s.office_id = @ScopeOfficeId";

    private const string TrainingCentre = """
        exists (select 1 from enrolments e
                join cohorts c on c.id = e.cohort_id
                join courses co on co.id = c.course_id
                where e.seeker_id = s.id and co.training_centre_id = @ScopeTrainingCentreId)
        """;

    public static string Sql(Caller caller) => caller.Role switch
    {
        Roles.Admin => "true",
        Roles.Staff => Office,
        Roles.Instructor => TrainingCentre,
        _ => "false",
    };

    /// <summary>The scope's parameters, to which a query adds its own.</summary>
    public static DynamicParameters Parameters(Caller caller, object? more = null)
    {
        var parameters = new DynamicParameters(new
        {
            ScopeOfficeId = caller.IsStaff ? caller.OfficeId : null,
            ScopeTrainingCentreId = caller.IsInstructor ? caller.TrainingCentreId : null,
        });
        if (more is not null)
        {
            parameters.AddDynamicParams(more);
        }

        return parameters;
    }

    /// <summary>How much personal data the caller gets: whole values only for staff of the seeker's office reading
    /// it; instructors the restricted view; everyone else masked.</summary>
    public static string ViewFor(Caller caller, long officeId, bool reading) =>
        caller.IsInstructor ? SeekerViews.Restricted
        : reading && caller.IsStaff && caller.OfficeId == officeId ? SeekerViews.Full
        : SeekerViews.Masked;
}

using LinkMatch.Api.Auth;

namespace LinkMatch.Api.Training;

/// <summary>What part of the training registry a caller reaches: admins every BLK, staff the BLKs of their office,
/// instructors their own BLK. Handlers put <see cref="Filter"/> into their SQL (training centre alias <c>tc</c>), so
/// another owner's object is simply not found.</summary>
public sealed record TrainingScope(long? CentreId, long? OfficeId)
{
    // A signed-in user without the id their role needs matches nothing rather than everything.
    private const long Nothing = -1;

    public const string Filter = """
        (@ScopeCentreId::bigint is null or tc.id = @ScopeCentreId)
        and (@ScopeOfficeId::bigint is null or tc.office_id = @ScopeOfficeId)
        """;

    public static TrainingScope Of(Caller caller) => caller.Role switch
    {
        Roles.Admin => new TrainingScope(null, null),
        Roles.Instructor => new TrainingScope(caller.TrainingCentreId ?? Nothing, null),
        Roles.Staff => new TrainingScope(null, caller.OfficeId ?? Nothing),
        _ => new TrainingScope(Nothing, Nothing),
    };
}

/// <summary>Dates the training lists derive status from, in the office's calendar (<see cref="Http.Wita"/>).</summary>
internal static class TrainingCalendar
{
    public static DateOnly Today(TimeProvider time) => Http.Wita.Today(time);

    /// <summary>SQL for a cohort's status (alias <c>c</c>) on <c>@Today</c>.</summary>
    public const string CohortStatus = """
        case when @Today < c.starts_on then 'planned' when @Today > c.ends_on then 'finished' else 'running' end
        """;
}

using LinkMatch.Api.Auth;
using LinkMatch.Api.Matching;

namespace LinkMatch.Api.Workflow;

/// <summary>The staff workflow on suggestions (README.md here): staff of the seeker's office approve (refer) or
/// reject proposed suggestions and ratify apprenticeship agreements; the employer the candidate was referred to,
/// or staff on its behalf, records the interview and the hire or not. Instructors have no access.</summary>
public static class WorkflowApi
{
    public static IEndpointRouteBuilder MapWorkflowApi(this IEndpointRouteBuilder app)
    {
        var suggestions = app.MapGroup("/api/v1/suggestions").WithTags("Workflow");
        suggestions.MapGet("/", WorkflowQueries.List).RequireAuthorization(Policies.Staff)
            .WithSummary("Suggestions of the office's seekers, filtered by vacancy, seeker, kind and status (repeat "
                + "status for several: ?status=approved&status=interview_scheduled).");
        suggestions.MapGet("/{id:long}", WorkflowQueries.Get).RequireAuthorization(Policies.StaffOrEmployer)
            .WithDescription(MatchingApi.ExplanationLanguageNote);
        suggestions.MapPost("/{id:long}/approve", ReviewSuggestion.Approve).RequireAuthorization(Policies.Staff)
            .ProducesProblem(StatusCodes.Status409Conflict);
        suggestions.MapPost("/{id:long}/reject", ReviewSuggestion.Reject).RequireAuthorization(Policies.Staff)
            .ProducesProblem(StatusCodes.Status409Conflict);
        suggestions.MapPost("/{id:long}/interview", ReferralOutcomes.Interview)
            .RequireAuthorization(Policies.StaffOrEmployer).ProducesProblem(StatusCodes.Status409Conflict);
        suggestions.MapPost("/{id:long}/hire", HireCandidate.Hire).RequireAuthorization(Policies.StaffOrEmployer)
            .ProducesProblem(StatusCodes.Status409Conflict);
        suggestions.MapPost("/{id:long}/not-hired", ReferralOutcomes.NotHired)
            .RequireAuthorization(Policies.StaffOrEmployer).ProducesProblem(StatusCodes.Status409Conflict);
        suggestions.MapPost("/{id:long}/ratify", HireCandidate.Ratify).RequireAuthorization(Policies.Staff)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGroup("/api/v1/referrals").WithTags("Workflow")
            .MapGet("/", WorkflowQueries.ListReferrals).RequireAuthorization(Policies.StaffOrEmployer);
        return app;
    }
}

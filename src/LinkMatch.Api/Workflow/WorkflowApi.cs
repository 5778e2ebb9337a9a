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
            .WithSummary("A suggestion with its explanation and history: who did what, when and why.")
            .WithDescription(MatchingApi.ExplanationLanguageNote);

        // Every action may be refused by the workflow's state (409).
        var review = suggestions.MapGroup("").RequireAuthorization(Policies.Staff)
            .ProducesProblem(StatusCodes.Status409Conflict);
        review.MapPost("/{id:long}/approve", ReviewSuggestion.Approve)
            .WithSummary("Approve the suggestion and refer the candidate to the employer.");
        review.MapPost("/{id:long}/reject", ReviewSuggestion.Reject)
            .WithSummary("Reject the suggestion with a reason (and a note for 'other').");
        review.MapPost("/{id:long}/ratify", HireCandidate.Ratify)
            .WithSummary("Ratify the apprenticeship agreement of a hired apprentice.");
        var outcome = suggestions.MapGroup("").RequireAuthorization(Policies.StaffOrEmployer)
            .ProducesProblem(StatusCodes.Status409Conflict);
        outcome.MapPost("/{id:long}/interview", ReferralOutcomes.Interview)
            .WithSummary("Record the interview date of a referred candidate.");
        outcome.MapPost("/{id:long}/hire", HireCandidate.Hire)
            .WithSummary("Hire the candidate: the placement is made and the vacancy has one opening fewer.");
        outcome.MapPost("/{id:long}/not-hired", ReferralOutcomes.NotHired)
            .WithSummary("Record that the referred candidate was not hired, with the reason.");

        app.MapGroup("/api/v1/referrals").WithTags("Workflow").RequireAuthorization(Policies.StaffOrEmployer)
            .MapGet("/", WorkflowQueries.ListReferrals)
            .WithSummary("Candidates referred to the employer (or the office's referrals), with their contacts.");
        return app;
    }
}

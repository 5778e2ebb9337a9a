using LinkMatch.Api.Auth;

namespace LinkMatch.Api.Worklist;

/// <summary>The staff worklist behind the console's home page (Beranda), open to API clients too.</summary>
public static class WorklistApi
{
    public static IEndpointRouteBuilder MapWorklistApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/worklist").WithTags("Workflow").RequireAuthorization(Policies.Staff)
            .MapGet("/", WorklistQuery.Get)
            .WithSummary("What needs action today: vacancies with unreviewed suggestions, referrals waiting for the " +
                "employer's outcome, MoUs ending within 60 days, new registrations (staff: their office; admins: " +
                "every office or officeId).");
        return app;
    }
}

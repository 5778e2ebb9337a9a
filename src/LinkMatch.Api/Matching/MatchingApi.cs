using LinkMatch.Api.Auth;
using LinkMatch.Api.Matching.Jobs;
using LinkMatch.Api.Matching.Models;
using LinkMatch.Api.Matching.Suggestions;
using LinkMatch.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LinkMatch.Api.Matching;

/// <summary>Suggestions (saran) for staff and admins, the full refresh on demand, and the ranking models for
/// admins. Employers and instructors have no access: employers will see only candidates staff refer to them.</summary>
public static class MatchingApi
{
    /// <summary>What the suggestion lists say about the language of their explanations.</summary>
    public const string ExplanationLanguageNote =
        "Explanations (`explanation.summary` and each factor's `text`) are written in the language of the " +
        "`Accept-Language` header: Bahasa Indonesia for `id` (e.g. `id`, `id-ID`), English for `en` and by default " +
        "(no header, or neither language named). `explanation.language` says which one was given: a suggestion " +
        "computed before Indonesian explanations existed is in English until a recompute or the nightly refresh " +
        "rewrites it (one a person already acted on keeps its English explanation). Numbers and money follow the " +
        "language: \"Rp 4,5 jt\", \"Rp 750.000\" in Indonesian; \"Rp 4.5 jt\", \"Rp 750,000\" in English.";

    public static IEndpointRouteBuilder MapMatchingApi(this IEndpointRouteBuilder app)
    {
        var suggestions = app.MapGroup("/api/v1").WithTags("Suggestions").RequireAuthorization(Policies.Staff);
        suggestions.MapGet("/vacancies/{id:long}/suggestions", SuggestionQueries.ListForVacancy)
            .WithSummary("The seekers suggested for a vacancy, best first, with score, rank, model version and explanation.")
            .WithDescription(ExplanationLanguageNote);
        suggestions.MapGet("/seekers/{id:long}/suggestions", SuggestionQueries.ListForSeeker)
            .ProducesProblem(StatusCodes.Status410Gone)
            .WithSummary("The vacancies and apprenticeships suggested for a seeker, best first.")
            .WithDescription(ExplanationLanguageNote);

        var matching = app.MapGroup("/api/v1/matching").WithTags("Suggestions").RequireAuthorization(Policies.Admin);
        matching.MapPost("/refresh", Refresh)
            .WithSummary("Recompute every suggestion now (a background job; the nightly refresh does it at 02:00 WITA).");

        var models = app.MapGroup("/api/v1/models").WithTags("Ranking models").RequireAuthorization(Policies.Admin);
        models.MapGet("/", ModelsApi.List).WithSummary("Ranking models, newest first, with their held-out metrics.");
        models.MapGet("/{version:int}", ModelsApi.Get).WithSummary("A ranking model with its features and parameters.");
        models.MapPost("/{version:int}/promote", ModelsApi.Promote).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Make this model serve (atomically); suggestions are recomputed with it.");
        models.MapPost("/rollback", ModelsApi.Rollback).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Make the previously serving model serve again.");
        models.MapPost("/retrain", ModelsApi.Retrain)
            .WithSummary("Train a new model on the outcomes now; it serves only if it does at least as well on held-out vacancies.");
        return app;
    }

    public static async Task<Accepted<EnqueuedJob>> Refresh(IJobQueue jobs, CancellationToken ct)
    {
        var result = await jobs.EnqueueAsync(new JobRequest(MatchingTriggers.RefreshJob) { UniqueKey = "matching:refresh" }, ct);
        return TypedResults.Accepted($"/api/v1/jobs/{result.Id}", new EnqueuedJob(result.Id, result.Created));
    }
}

using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Intents;

/// <summary>Suggestions in states no request can reach, in raw SQL saying why.</summary>
public static class SuggestionChecks
{
    /// <summary>A suggestion of the seeker for the job vacancy, already approved (referred), scored by the serving
    /// model. Raw SQL: a suggestion the matching jobs cannot replace — a proposed one, which approval needs first,
    /// may be rewritten by any refresh the test's own writes enqueue.</summary>
    public static Task<long> InsertApprovedSuggestionAsync(this TestApp app, long vacancyId, long seekerId) =>
        app.ScalarAsync<long>("""
            insert into suggestions (kind, vacancy_id, seeker_id, status, score, rank, model_version, features,
                                     contributions, base_value, explanation, summary, referred_at)
            select 'job', @vacancyId, @seekerId, 'approved', 0.5, 1, version, '{}', '{}', 0,
                   '{"baseValue": 0, "factors": []}', 'Fixture', now()
            from ranking_models where status = 'serving'
            returning id
            """, new { vacancyId, seekerId });
}

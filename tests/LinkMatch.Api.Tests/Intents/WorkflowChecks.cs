using System.Text.Json;
using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Intents;

/// <summary>A suggestion as matching and the workflow leave it: its status, its rank in its vacancy's list and in
/// its seeker's, and when it last changed.</summary>
public sealed record SuggestionStanding(long Id, string Status, int Rank, int? SeekerRank, DateTimeOffset UpdatedAt);

/// <summary>Facts about suggestions, their outcomes and what a hire leaves behind: through the API as an admin where a
/// read or a list shows them, in raw SQL (each saying why) where none can.</summary>
public static class WorkflowChecks
{
    /// <summary>How many suggestions there are of the vacancy, of the seeker or of the pair, in any status or in the
    /// one given: the total of the admin's suggestion list.</summary>
    public static async Task<long> SuggestionCountAsync(this TestApp app, long? vacancyId = null, long? seekerId = null,
        string? status = null)
    {
        var query = "pageSize=1";
        query += vacancyId is { } v ? $"&vacancyId={v}" : "";
        query += seekerId is { } s ? $"&seekerId={s}" : "";
        query += status is { } st ? $"&status={Uri.EscapeDataString(st)}" : "";
        var admin = await app.SharedAdminAsync();
        return (await (await admin.GetAsync($"/api/v1/suggestions?{query}")).ReadAsync<JsonElement>())
            .GetProperty("total").GetInt64();
    }

    /// <summary>Each suggestion's standing, by id: status, rank and last change from its read, its rank among its
    /// seeker's suggestions from the seeker's list.</summary>
    public static async Task<List<SuggestionStanding>> StandingsAsync(this TestApp app, params long[] ids)
    {
        var admin = await app.SharedAdminAsync();
        var standings = new List<SuggestionStanding>();
        foreach (var id in ids.Order())
        {
            var detail = await admin.SuggestionAsync(id);
            var ofSeeker = await admin.SeekerSuggestionsAsync(detail.Candidate.SeekerId);
            standings.Add(new SuggestionStanding(id, detail.Status, detail.Rank, ofSeeker.Single(s => s.Id == id).Rank,
                detail.UpdatedAt));
        }

        return standings;
    }

    /// <summary>The actions of the suggestion's workflow rows in the record of processing ('suggestion.approve',
    /// 'suggestion.hire' …), oldest first; reads of the candidate are rows about the seeker and not among them.</summary>
    public static async Task<List<string>> WorkflowAuditActionsAsync(this TestApp app, long suggestionId) =>
        [.. (await app.AuditRowsOfAsync("suggestion", suggestionId)).Select(r => r.Action)
            .Where(a => a.StartsWith("suggestion.", StringComparison.Ordinal))];

    /// <summary>A placement as the caller's read shows it.</summary>
    public static async Task<PlacementDto> PlacementAsync(this HttpClient client, long placementId) =>
        await (await client.GetAsync($"/api/v1/placements/{placementId}")).ReadAsync<PlacementDto>();

    /// <summary>How many events of suggestions about the seeker are stored. Raw SQL: once the seeker is erased they
    /// answer 410 and their suggestions 404, so no request can show that none of their events remains.</summary>
    public static Task<long> StoredSuggestionEventsOfAsync(this TestApp app, long seekerId) =>
        app.ScalarAsync<long>("select count(*) from suggestion_events where seeker_id = @seekerId", new { seekerId });

    /// <summary>Marks the seeker's consent withdrawn by phone and changes nothing else. Raw SQL: a withdrawal through
    /// the API deletes the seeker's proposed suggestions in its own transaction, so no request reaches a withdrawn
    /// consent beside a proposed suggestion — the state of a withdrawal landing while staff look at the list.</summary>
    public static Task WithdrawConsentBehindTheApiAsync(this TestApp app, long seekerId) =>
        app.ExecuteAsync("""
            update seeker_consents set withdrawn_at = now(), withdrawal_channel = 'phone', withdrawal_recorded_by = 'test'
            where seeker_id = @seekerId and withdrawn_at is null
            """, new { seekerId });
}

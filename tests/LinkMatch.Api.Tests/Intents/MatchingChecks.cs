using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Intents;

/// <summary>Facts about ranking models, matching's jobs and suggestions: through the model admin API, the jobs API
/// and the suggestion lists as an admin, in raw SQL (each saying why) where none can.</summary>
public static class MatchingChecks
{
    private static readonly string[] Pending = ["scheduled", "available", "retryable"];

    /// <summary>A ranking model as the model admin API shows it.</summary>
    public static async Task<ModelDetailDto> RankingModelAsync(this TestApp app, int version) =>
        await (await (await app.SharedAdminAsync()).GetAsync($"/api/v1/models/{version}")).ReadAsync<ModelDetailDto>();

    /// <summary>Every ranking model (of the status, when given), newest first.</summary>
    public static async Task<List<ModelDto>> RankingModelsAsync(this TestApp app, string? status = null)
    {
        var filter = status is null ? "" : $"&status={status}";
        var page = await (await (await app.SharedAdminAsync()).GetAsync($"/api/v1/models?pageSize=200{filter}"))
            .ReadAsync<SeekerIntents.PageOf<ModelDto>>();
        Assert.True(page.Total <= 200, "more ranking models than one page");
        return page.Items;
    }

    /// <summary>How many ranking models are stored (of the status, when given).</summary>
    public static async Task<long> RankingModelCountAsync(this TestApp app, string? status = null)
    {
        var filter = status is null ? "" : $"&status={status}";
        return (await (await (await app.SharedAdminAsync()).GetAsync($"/api/v1/models?pageSize=1{filter}"))
            .ReadAsync<SeekerIntents.PageOf<ModelDto>>()).Total;
    }

    /// <summary>The version of the shipped baseline model as first stored: the oldest model named and sourced
    /// 'baseline'.</summary>
    public static async Task<int> BaselineModelVersionAsync(this TestApp app) =>
        (await app.RankingModelsAsync()).Where(m => m is { Source: "baseline", Name: "baseline" }).Min(m => m.Version);

    /// <summary>The version of the newest model a retraining stored, whatever became of it.</summary>
    public static async Task<int> NewestRetrainedModelVersionAsync(this TestApp app) =>
        (await app.RankingModelsAsync()).Where(m => m.Source == "retrain").Max(m => m.Version);

    /// <summary>The model as stored, its ML.NET zip. Raw SQL: the model admin API shows a model's features, trees and
    /// SHA-256 but not the model itself, and the fact here is that the stored file is an ML.NET model that scores as
    /// the service does.</summary>
    public static Task<byte[]> StoredModelZipAsync(this TestApp app, int version) =>
        app.ScalarAsync<byte[]>("select model_zip from ranking_models where version = @version", new { version });

    /// <summary>The recomputes of a vacancy (<c>vacancy:{id}</c>) or a seeker (<c>seeker:{id}</c>) that are waiting
    /// to run: scheduled, available or retryable.</summary>
    public static async Task<List<(long Id, string State, string? UniqueKey)>> PendingRecomputesAsync(this TestApp app, string key)
    {
        var kind = key.StartsWith("vacancy:", StringComparison.Ordinal) ? "matching.vacancy" : "matching.seeker";
        return [.. (await app.JobsOfKindAsync(kind)).Where(j => j.UniqueKey == key && Pending.Contains(j.State))];
    }

    /// <summary>Cancels, through the jobs API, the recomputes of the vacancy or seeker that are waiting to run.</summary>
    public static async Task CancelPendingRecomputesAsync(this TestApp app, string key)
    {
        var admin = await app.SharedAdminAsync();
        foreach (var job in await app.PendingRecomputesAsync(key))
        {
            (await admin.PostAsJsonAsync($"/api/v1/jobs/{job.Id}/cancel", new { reason = "test" })).EnsureSuccessStatusCode();
        }
    }

    /// <summary>The id of the newest job of any kind (0 when there is none): it stays the same while no job is
    /// written.</summary>
    public static async Task<long> NewestJobIdAsync(this TestApp app)
    {
        var page = await (await app.SharedAdminAsync()).GetFromJsonAsync<JsonElement>("/api/v1/jobs?limit=1");
        return page.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("id").GetInt64()).FirstOrDefault();
    }

    /// <summary>How many proposed suggestions the seeker is in, from the seeker's suggestion list.</summary>
    public static async Task<long> ProposedSuggestionsOfSeekerAsync(this TestApp app, long seekerId) =>
        await app.TotalAsync($"/api/v1/seekers/{seekerId}/suggestions?status=proposed");

    /// <summary>How many proposed suggestions the vacancy has, from the vacancy's suggestion list.</summary>
    public static async Task<long> ProposedSuggestionsOfVacancyAsync(this TestApp app, long vacancyId) =>
        await app.TotalAsync($"/api/v1/vacancies/{vacancyId}/suggestions?status=proposed");

    /// <summary>How many placements there are, of every office, from the admin's list.</summary>
    public static async Task<long> PlacementCountAsync(this TestApp app) => await app.TotalAsync("/api/v1/placements");

    /// <summary>Rewrites a stored suggestion as rows were stored before db/0014: no Indonesian summary, factors with
    /// the English text only. Raw SQL: no request writes a suggestion of that old shape.</summary>
    public static Task StoreAsBeforeIndonesianTextsAsync(this TestApp app, long suggestionId) =>
        app.ExecuteAsync("""
            update suggestions
            set summary_indonesian = null,
                explanation = jsonb_set(explanation, '{factors}', coalesce(
                    (select jsonb_agg(f - 'textIndonesian') from jsonb_array_elements(explanation -> 'factors') f),
                    '[]'))
            where id = @suggestionId
            """, new { suggestionId });

    /// <summary>A unit the demo world's history certified: the first (by enrolment) certified enrolment with a unit
    /// judged competent that its seeker, not erased and with a consent open, holds as certified; with the day of the
    /// assessment and of the certificate.</summary>
    public static async Task<(long SeekerId, long CompetencyId, DateOnly AssessedOn, DateOnly IssuedOn)>
        FirstCertifiedUnitAsync(this TestApp app)
    {
        var admin = await app.SharedAdminAsync();
        var enrolments = await admin.AllPagesAsync<EnrolmentDto>("/api/v1/enrolments?status=completed&certified=true");
        foreach (var enrolment in enrolments.OrderBy(e => e.Id))
        {
            using var response = await admin.GetAsync($"/api/v1/seekers/{enrolment.Seeker.Id}");
            if (response.StatusCode == HttpStatusCode.Gone)
            {
                continue;
            }

            var seeker = await response.ReadAsync<SeekerDto>();
            var certified = seeker.Competencies.Where(c => c.Evidence == "certified").Select(c => c.CompetencyId).ToHashSet();
            var unit = enrolment.Assessments.FirstOrDefault(a => a.Outcome == "competent" && certified.Contains(a.CompetencyId));
            if (unit is not null && enrolment.Certificate is { } certificate && seeker.Consents.Any(c => c.WithdrawnAt is null))
            {
                return (seeker.Id, unit.CompetencyId, unit.AssessedOn, certificate.IssuedOn);
            }
        }

        throw new InvalidOperationException("no certified unit in the demo world's history");
    }

    /// <summary>Every item of a paged list, page by page (the url has a query already).</summary>
    internal static async Task<List<T>> AllPagesAsync<T>(this HttpClient client, string url)
    {
        var all = new List<T>();
        for (var page = 1; ; page++)
        {
            var items = (await (await client.GetAsync($"{url}&pageSize=200&page={page}"))
                .ReadAsync<SeekerIntents.PageOf<T>>()).Items;
            all.AddRange(items);
            if (items.Count < 200)
            {
                return all;
            }
        }
    }

    private static async Task<long> TotalAsync(this TestApp app, string url)
    {
        var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        using var response = await (await app.SharedAdminAsync()).GetAsync($"{url}{separator}pageSize=1");
        return (await response.ReadAsync<JsonElement>(HttpStatusCode.OK)).GetProperty("total").GetInt64();
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Intents;

public sealed record FactorDto(string Feature, double? Value, double Contribution, string Text);

public sealed record ExplanationDto(string Summary, double BaseValue, List<FactorDto> Factors,
    Dictionary<string, double?> Features, Dictionary<string, double> Contributions);

public sealed record SuggestedSeekerDto(long Id, string FullName, string Nik, long OfficeId, string RegionCode,
    string EducationLevel);

public sealed record SuggestionDto(long Id, string Kind, string Status, int Rank, double Score, int ModelVersion,
    SuggestedSeekerDto Seeker, ExplanationDto Explanation, DateTimeOffset ComputedAt);

public sealed record SuggestedVacancyDto(long Id, string Title, string Type, long EmployerId, string EmployerName,
    string OccupationCode, string WorkRegionCode, int Openings, DateOnly ClosesOn, string Status);

public sealed record SeekerSuggestionDto(long Id, string Kind, string Status, int? Rank, int VacancyRank, double Score,
    int ModelVersion, SuggestedVacancyDto Vacancy, ExplanationDto Explanation);

public sealed record ModelDto(int Version, string Name, string Source, string Status,
    System.Text.Json.JsonElement Metrics, string? Decision, DateTimeOffset TrainedAt, DateTimeOffset? PromotedAt,
    string? PromotedBy, DateTimeOffset? RetiredAt, System.Text.Json.JsonElement? Fairness = null);

public sealed record ModelDetailDto(ModelDto Model, List<string> FeatureNames, int? Trees, string Sha256);

public sealed record EnqueuedJobDto(long JobId, bool Created);

/// <summary>Intent methods for matching: seekers who can be matched, waiting for background recomputes, reading
/// suggestions and models.</summary>
public static class MatchingIntents
{
    /// <summary>A consenting seeker of the staff member's office holding the given units (code, level, evidence),
    /// preferring the occupation; aged 25 so that no age range excludes them by accident.</summary>
    public static async Task<SeekerDto> MatchableSeekerAsync(this HttpClient staff,
        (string Code, int Level, string Evidence)[] units, string occupation, string region = "64.71",
        long expectedWage = 4_500_000, bool consent = true)
    {
        var random = Random.Shared;
        var sex = random.Next(2) == 0 ? "female" : "male";
        var birth = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-25).AddDays(-random.Next(0, 300));
        var person = new Person(Unique.Nik("6471", birth, sex == "female"), birth, sex);
        var body = SeekerIntents.NewSeeker(person) with
        {
            RegionCode = region,
            PreferredOccupations = [occupation],
            PreferredRegions = [region],
            ExpectedWage = expectedWage,
            WillingToRelocate = false,
        };
        var seeker = await staff.RegisterAsync(body);
        var items = new List<object>();
        foreach (var (code, level, evidence) in units)
        {
            items.Add(new { competencyId = await staff.CompetencyIdAsync(code), level, evidence, years = 2.0 });
        }

        (await staff.PutAsJsonAsync($"/api/v1/seekers/{seeker.Id}/competencies", new { items })).EnsureSuccessStatusCode();
        if (consent)
        {
            (await staff.PostAsJsonAsync($"/api/v1/seekers/{seeker.Id}/consent", new { channel = "paper_form" }))
                .EnsureSuccessStatusCode();
        }

        return seeker;
    }

    /// <summary>A job vacancy body asking for the units (mandatory unless listed in <paramref name="optional"/>),
    /// with no age range.</summary>
    public static async Task<Dictionary<string, object?>> VacancyBodyAsync(this TestApp app, string occupation,
        string[] mandatory, string[]? optional = null, int openings = 2)
    {
        var body = EmployerIntents.JobVacancy(openings);
        body["occupationCode"] = occupation;
        body["ageMin"] = null;
        body["ageMax"] = null;
        body["minExperienceYears"] = 0m;
        var competencies = new List<object>();
        foreach (var code in mandatory)
        {
            competencies.Add(new { competencyId = await app.CompetencyIdAsync(code), mandatory = true, minLevel = 2 });
        }

        foreach (var code in optional ?? [])
        {
            competencies.Add(new { competencyId = await app.CompetencyIdAsync(code), mandatory = false, minLevel = 1 });
        }

        body["competencies"] = competencies;
        return body;
    }

    public static async Task<List<SuggestionDto>> SuggestionsAsync(this HttpClient client, long vacancyId)
    {
        var page = await (await client.GetAsync($"/api/v1/vacancies/{vacancyId}/suggestions?pageSize=200"))
            .ReadAsync<SeekerIntents.PageOf<SuggestionDto>>();
        return page.Items;
    }

    public static async Task<List<SeekerSuggestionDto>> SeekerSuggestionsAsync(this HttpClient client, long seekerId)
    {
        var page = await (await client.GetAsync($"/api/v1/seekers/{seekerId}/suggestions?pageSize=200"))
            .ReadAsync<SeekerIntents.PageOf<SeekerSuggestionDto>>();
        return page.Items;
    }

    /// <summary>Polls the vacancy's suggestions until <paramref name="until"/> holds (bounded: 90 s).</summary>
    public static async Task<List<SuggestionDto>> WaitForSuggestionsAsync(this HttpClient client, long vacancyId,
        Func<List<SuggestionDto>, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var items = await client.SuggestionsAsync(vacancyId);
            if (until(items))
            {
                return items;
            }

            Assert.True(DateTime.UtcNow < deadline, $"suggestions of vacancy {vacancyId} never met the condition");
            await Task.Delay(150);
        }
    }

    /// <summary>Waits until no recompute of these vacancies or seekers is pending or running (bounded: 90 s).</summary>
    public static async Task WaitForRecomputesAsync(this TestApp app, long[]? vacancyIds = null, long[]? seekerIds = null)
    {
        var keys = (vacancyIds ?? []).Select(v => $"vacancy:{v}").Concat((seekerIds ?? []).Select(s => $"seeker:{s}"))
            .ToArray();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (await app.PendingJobsWithKeysAsync(keys) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "recompute jobs did not finish");
            await Task.Delay(150);
        }
    }

    /// <summary>Waits for a job to end, as the jobs API shows it, and asserts it ended in the state given (bounded:
    /// 120 s).</summary>
    public static async Task WaitForJobAsync(this TestApp app, long jobId, string state = "succeeded")
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        JsonElement detail;
        string? current;
        while ((current = (detail = await app.JobAsync(jobId)).GetProperty("job").GetProperty("state").GetString())
               is "scheduled" or "available" or "retryable" or "processing")
        {
            Assert.True(DateTime.UtcNow < deadline, $"job {jobId} is still {current}");
            await Task.Delay(150);
        }

        var errors = string.Join(" | ", detail.GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("message").GetString()));
        Assert.True(current == state, $"job {jobId} ended {current}, expected {state}: {errors}");
    }

    public static async Task<EnqueuedJobDto> RefreshAsync(this HttpClient admin) =>
        await (await admin.PostAsync(new Uri("/api/v1/matching/refresh", UriKind.Relative), null))
            .ReadAsync<EnqueuedJobDto>(HttpStatusCode.Accepted);

    /// <summary>The version of the model serving now, from the admin's list of models.</summary>
    public static async Task<int> ServingVersionAsync(this TestApp app)
    {
        var page = await (await (await app.SharedAdminAsync()).GetAsync("/api/v1/models?status=serving"))
            .ReadAsync<SeekerIntents.PageOf<ModelDto>>();
        return Assert.Single(page.Items).Version;
    }
}

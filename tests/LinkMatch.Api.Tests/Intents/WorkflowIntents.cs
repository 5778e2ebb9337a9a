using System.Net.Http.Json;
using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Intents;

public sealed record AgreementDto(int DurationMonths, long? MonthlyStipend, DateTimeOffset? RatifiedAt);

public sealed record WorkflowStateDto(long Id, string Kind, string Status, long VacancyId, long SeekerId,
    DateTimeOffset? ReferredAt, DateTimeOffset? InterviewAt, string? ReasonCode, long? PlacementId,
    AgreementDto? Agreement, DateTimeOffset UpdatedAt);

public sealed record CandidateDto(long SeekerId, string FullName, string Nik, string AgeBand, string Sex,
    string EducationLevel, string RegionCode, string? Phone, string? Email);

public sealed record SuggestionEventDto(long Id, string Action, string FromStatus, string ToStatus, string? ReasonCode,
    string? Note, string ActorKind, string ActorName, DateTimeOffset At);

public sealed record SuggestionDetailDto(long Id, string Kind, string Status, double Score, int Rank, string Summary,
    long VacancyId, string VacancyTitle, string VacancyStatus, long EmployerId, string EmployerName,
    CandidateDto Candidate, DateTimeOffset? ReferredAt, DateTimeOffset? InterviewAt, string? ReasonCode,
    long? PlacementId, AgreementDto? Agreement, List<SuggestionEventDto> History, DateTimeOffset UpdatedAt);

public sealed record ReferralDto(long Id, string Kind, string Status, long VacancyId, string VacancyTitle,
    long EmployerId, string EmployerName, CandidateDto Candidate, DateTimeOffset? ReferredAt,
    DateTimeOffset? InterviewAt, string? ReasonCode, long? PlacementId, DateTimeOffset UpdatedAt);

/// <summary>One test's corner of a service: an office with staff and a partner employer whose vacancies are in a
/// province of the test's own (<see cref="Unique.Province"/>), where only the test's seekers live (they are not
/// willing to relocate), so that other tests' seekers and vacancies never compete with its pairs.</summary>
public sealed record WorkflowWorld(TestApp App, HttpClient Staff, long OfficeId, Partner Partner, string Province);

/// <summary>Intent methods for the staff workflow on suggestions.</summary>
public static class WorkflowIntents
{
    /// <summary>Cooks (KBJI 5120): a trade no other test uses.</summary>
    public static readonly (string Code, int Level, string Evidence)[] Cook =
    [
        ("I.561010.001.01", 3, "certified"), ("I.561010.011.01", 3, "certified"), ("I.561010.012.01", 2, "assessed"),
    ];

    public static async Task<WorkflowWorld> WorkflowWorldAsync(this TestApp app)
    {
        var (staff, _, officeId) = await app.StaffAsync();
        var partner = await app.PartnerAsync(officeId);
        return new WorkflowWorld(app, staff, officeId, partner, Unique.Province());
    }

    public static Task<SeekerDto> CookAsync(this WorkflowWorld world) =>
        world.Staff.MatchableSeekerAsync(Cook, "5120", region: world.Province);

    public static async Task<VacancyDto> CookVacancyAsync(this WorkflowWorld world, int openings = 2)
    {
        var body = await world.App.VacancyBodyAsync("5120", ["I.561010.001.01", "I.561010.011.01"], openings: openings);
        body["title"] = Unique.Name("Juru Masak");
        body["workRegionCode"] = world.Province;
        return await world.Partner.Client.PostVacancyAsync(body);
    }

    /// <summary>The id of the seeker's proposed suggestion for the vacancy, once matching has made it.</summary>
    public static async Task<long> SuggestionIdAsync(this WorkflowWorld world, long vacancyId, long seekerId) =>
        (await world.Staff.WaitForSuggestionsAsync(vacancyId,
            s => s.Any(x => x.Seeker.Id == seekerId && x.Status == "proposed")))
        .Single(x => x.Seeker.Id == seekerId).Id;

    /// <summary>Approves the seeker's suggestion for the vacancy (on a service no other test's full refresh reaches:
    /// <see cref="IsolatedService"/>).</summary>
    public static async Task<WorkflowStateDto> ApproveAsync(this WorkflowWorld world, long vacancyId, long seekerId)
    {
        var id = await world.SuggestionIdAsync(vacancyId, seekerId);
        using var response = await world.Staff.PostAsync(Url(id, "approve"), null);
        return await response.ReadAsync<WorkflowStateDto>();
    }

    public static Uri Url(long id, string action = "") =>
        new(action.Length == 0 ? $"/api/v1/suggestions/{id}" : $"/api/v1/suggestions/{id}/{action}", UriKind.Relative);

    public static Task<HttpResponseMessage> ActAsync(this HttpClient client, long id, string action, object? body = null) =>
        body is null ? client.PostAsync(Url(id, action), null) : client.PostAsJsonAsync(Url(id, action), body);

    public static async Task<SuggestionDetailDto> SuggestionAsync(this HttpClient client, long id) =>
        await (await client.GetAsync(Url(id))).ReadAsync<SuggestionDetailDto>();

    public static async Task<List<ReferralDto>> ReferralsAsync(this HttpClient client, string query = "") =>
        (await (await client.GetAsync($"/api/v1/referrals?pageSize=200{query}"))
            .ReadAsync<SeekerIntents.PageOf<ReferralDto>>()).Items;

    /// <summary>The suggestion row and its events as stored, to prove a refused request changed nothing. Raw SQL:
    /// the proof is every stored column (but updated_at) unchanged, and the suggestion's read shows only some of
    /// them; counting its events and audit rows in the same statement keeps the three facts one snapshot.</summary>
    public static Task<string> SuggestionRowAsync(this TestApp app, long id) =>
        app.ScalarAsync<string>("""
            select (to_jsonb(g) - 'updated_at')::text || '|' ||
                   (select count(*) from suggestion_events e where e.suggestion_id = g.id)::text || '|' ||
                   (select count(*) from audit_log a where a.entity = 'suggestion' and a.entity_id = g.id)::text
            from suggestions g where g.id = @id
            """, new { id });

    /// <summary>An approved (referred) suggestion written as a fixture, for pairs matching would not propose in a
    /// test (an apprenticeship needs a recent BLK graduate). Raw SQL: a state no request can reach, as only matching
    /// creates suggestions.</summary>
    public static Task<long> ReferredFixtureAsync(this TestApp app, string kind, long vacancyId, long seekerId) =>
        app.ScalarAsync<long>("""
            insert into suggestions (kind, vacancy_id, seeker_id, status, score, rank, model_version, features,
                                     contributions, base_value, explanation, summary, referred_at)
            select @kind, @vacancyId, @seekerId, 'approved', 0.5, 1, version, '{}', '{}', 0,
                   '{"baseValue": 0, "factors": []}', 'Fixture', now()
            from ranking_models where status = 'serving'
            returning id
            """, new { kind, vacancyId, seekerId });
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Workflow;

/// <summary>What becomes of a referral: interview then hire (a placement, the vacancy filled, the seeker placed,
/// their other proposed suggestions gone, reports refreshed), not hired with a reason, and an apprenticeship's
/// agreement ratified by staff. Every transition leaves an event and an audit row.</summary>
[Collection(IsolatedService.Workflow)]
public class OutcomeTests(IsolatedService service)
{
    [Fact]
    public async Task Interview_then_hire_places_the_seeker_fills_the_vacancy_and_refreshes_reports()
    {
        var app = service.App;
        var world = await app.WorkflowWorldAsync();
        var seeker = await world.CookAsync();
        var vacancy = await world.CookVacancyAsync(openings: 1);
        var elsewhere = await world.CookVacancyAsync();
        await world.SuggestionIdAsync(elsewhere.Id, seeker.Id);
        // The office's IPK report has been asked for once, so it is a stored scope a hire must refresh.
        (await world.Staff.GetAsync($"/api/v1/reports/ipk?officeId={world.OfficeId}")).EnsureSuccessStatusCode();
        var id = (await world.ApproveAsync(vacancy.Id, seeker.Id)).Id;
        var employer = world.Partner.Client;

        var interviewAt = DateTimeOffset.UtcNow.AddDays(2);
        var interviewed = await (await employer.ActAsync(id, "interview", new { interviewAt }))
            .ReadAsync<WorkflowStateDto>();
        Assert.Equal("interview_scheduled", interviewed.Status);
        Assert.Equal(interviewAt.ToUnixTimeSeconds(), interviewed.InterviewAt!.Value.ToUnixTimeSeconds());
        await (await employer.ActAsync(id, "hire", new { monthlyWage = 5_000_000, durationMonths = 6 }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "durationMonths");
        await (await employer.ActAsync(id, "ratify")).AssertProblemAsync(HttpStatusCode.Forbidden);

        var start = OfficeCalendar.Today.AddDays(7);
        var hired = await (await employer.ActAsync(id, "hire", new { startDate = start, monthlyWage = 5_000_000 }))
            .ReadAsync<WorkflowStateDto>();
        Assert.Equal("hired", hired.Status);
        Assert.Null(hired.Agreement);
        var placement = await employer.PlacementAsync(hired.PlacementId!.Value);
        Assert.Equal((seeker.Id, vacancy.Id, "job", start, (long?)5_000_000, "suggestion"),
            (placement.SeekerId, placement.VacancyId, placement.Type, placement.StartDate, placement.Wage, placement.Source));
        var filled = await (await employer.GetAsync($"/api/v1/vacancies/{vacancy.Id}")).ReadAsync<VacancyDto>();
        Assert.Equal((1, "filled", true), (filled.Filled, filled.Status, filled.FilledReportedAt is not null));
        Assert.Equal("placed", (await world.Staff.GetSeekerAsync(seeker.Id)).Status);
        Assert.Equal(0, await app.SuggestionCountAsync(seekerId: seeker.Id, status: "proposed"));
        Assert.Contains(await app.ReportRecomputeKeysAsync(), k => k.StartsWith($"report:ipk:office:{world.OfficeId};", StringComparison.Ordinal));

        var detail = await world.Staff.SuggestionAsync(id);
        Assert.Equal(new[] { "approve", "interview", "hire" }, detail.History.Select(h => h.Action));
        Assert.Equal(new[] { "proposed", "approved", "interview_scheduled" }, detail.History.Select(h => h.FromStatus));
        Assert.Equal(new[] { "user", "api_key", "api_key" }, detail.History.Select(h => h.ActorKind));
        Assert.Equal(3, (await app.WorkflowAuditActionsAsync(id)).Count);

        // Done is done: nothing more changes it.
        var after = await app.SuggestionRowAsync(id);
        await (await employer.ActAsync(id, "hire", new { monthlyWage = 5_000_000 })).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await employer.ActAsync(id, "not-hired", new { reasonCode = "wage" })).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await world.Staff.ActAsync(id, "ratify")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(after, await app.SuggestionRowAsync(id));
    }

    [Fact]
    public async Task Not_hired_needs_a_reason_and_ends_the_referral()
    {
        var app = service.App;
        var world = await app.WorkflowWorldAsync();
        var seeker = await world.CookAsync();
        var vacancy = await world.CookVacancyAsync();
        var id = (await world.ApproveAsync(vacancy.Id, seeker.Id)).Id;
        var before = await app.SuggestionRowAsync(id);
        await (await world.Staff.ActAsync(id, "not-hired", new { })).AssertProblemAsync(HttpStatusCode.BadRequest, "reasonCode");
        await (await world.Staff.ActAsync(id, "not-hired", new { reasonCode = "not_interested" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "reasonCode");
        await (await world.Staff.ActAsync(id, "not-hired", new { reasonCode = "other" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "note");
        Assert.Equal(before, await app.SuggestionRowAsync(id));

        // Staff record it on the employer's behalf (a phone call).
        var state = await (await world.Staff.ActAsync(id, "not-hired", new { reasonCode = "candidate_declined" }))
            .ReadAsync<WorkflowStateDto>();
        Assert.Equal(("not_hired", "candidate_declined"), (state.Status, state.ReasonCode));
        Assert.Equal("not_hired", Assert.Single(await world.Partner.Client.ReferralsAsync($"&vacancyId={vacancy.Id}")).Status);
        await (await world.Partner.Client.ActAsync(id, "interview", new { interviewAt = DateTimeOffset.Now.AddDays(1) }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("active", (await world.Staff.GetSeekerAsync(seeker.Id)).Status);

        // The trail is the person's: in their export, and gone with their suggestions when they are erased.
        var export = await (await world.Staff.GetAsync($"/api/v1/seekers/{seeker.Id}/export")).ReadAsync<JsonElement>();
        Assert.Equal(2, export.GetProperty("tables").GetProperty("suggestion_events").GetArrayLength());
        (await world.Staff.PostAsJsonAsync($"/api/v1/seekers/{seeker.Id}/erase", new { reason = "data_subject_request" }))
            .EnsureSuccessStatusCode();
        Assert.Equal(0, await app.StoredSuggestionEventsOfAsync(seeker.Id));
        await (await world.Partner.Client.GetAsync(WorkflowIntents.Url(id))).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_apprenticeship_hire_records_the_agreement_and_staff_of_the_office_ratify_it()
    {
        var app = service.App;
        var world = await app.WorkflowWorldAsync();
        var seeker = await world.CookAsync();
        var body = EmployerIntents.ApprenticeshipVacancy();
        body["workRegionCode"] = world.Province;
        var vacancy = await world.Partner.Client.PostVacancyAsync(body);
        var id = await app.ReferredFixtureAsync("apprenticeship", vacancy.Id, seeker.Id);
        var employer = world.Partner.Client;

        var before = await app.SuggestionRowAsync(id);
        await (await employer.ActAsync(id, "hire", new { monthlyWage = 4_000_000 })).AssertProblemAsync(HttpStatusCode.BadRequest, "monthlyWage");
        await (await employer.ActAsync(id, "hire", new { durationMonths = 13 })).AssertProblemAsync(HttpStatusCode.BadRequest, "durationMonths");
        Assert.Equal(before, await app.SuggestionRowAsync(id));

        var hired = await (await employer.ActAsync(id, "hire", new { durationMonths = 6, monthlyStipend = 3_600_000 }))
            .ReadAsync<WorkflowStateDto>();
        Assert.Equal(new AgreementDto(6, 3_600_000, null), hired.Agreement);
        // The placement as stored: its type and stipend in its read, its agreement in the suggestion's read.
        var placement = await employer.PlacementAsync(hired.PlacementId!.Value);
        Assert.Equal(("apprenticeship", (long?)3_600_000), (placement.Type, placement.Wage));
        Assert.Equal(new AgreementDto(6, 3_600_000, null), (await employer.SuggestionAsync(id)).Agreement);

        await (await employer.ActAsync(id, "ratify")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var (otherStaff, _, _) = await app.StaffAsync();
        await (await otherStaff.ActAsync(id, "ratify")).AssertProblemAsync(HttpStatusCode.NotFound);
        var ratified = await (await world.Staff.ActAsync(id, "ratify")).ReadAsync<WorkflowStateDto>();
        Assert.Equal("hired", ratified.Status);
        Assert.NotNull(ratified.Agreement!.RatifiedAt);
        await (await world.Staff.ActAsync(id, "ratify")).AssertProblemAsync(HttpStatusCode.Conflict);
        var detail = await employer.SuggestionAsync(id);
        Assert.Equal(new[] { "hire", "ratify" }, detail.History.Select(h => h.Action));
        Assert.Equal(new[] { "hired", "hired" }, detail.History.Select(h => h.ToStatus));
    }
}

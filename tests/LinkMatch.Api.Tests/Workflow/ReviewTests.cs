using System.Net;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Workflow;

/// <summary>Staff review of proposed suggestions, on suggestions matching made through the API: approving refers
/// the candidate to the employer (who sees them only from then on), rejecting needs a reason, two staff at once
/// cannot both win, and scope: another office's staff and another employer get 404.</summary>
[Collection(IsolatedService.Workflow)]
public class ReviewTests(IsolatedService service)
{
    [Fact]
    public async Task Approving_refers_the_candidate_and_only_then_the_employer_sees_them_with_contacts()
    {
        var app = service.App;
        var world = await app.WorkflowWorldAsync();
        var seeker = await world.Staff.GetSeekerAsync((await world.CookAsync()).Id);
        var vacancy = await world.CookVacancyAsync();
        var id = await world.SuggestionIdAsync(vacancy.Id, seeker.Id);
        var employer = world.Partner.Client;
        Assert.Equal("full", seeker.View);
        var (otherStaff, _, _) = await app.StaffAsync();
        var otherEmployer = (await app.PartnerAsync()).Client;

        // Before approval the employer does not know the candidate exists.
        await (await employer.GetAsync(WorkflowIntents.Url(id))).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(await employer.ReferralsAsync(), r => r.Id == id);
        await (await employer.ActAsync(id, "interview", new { interviewAt = DateTimeOffset.Now.AddDays(2) }))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await otherStaff.ActAsync(id, "approve")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await otherStaff.GetAsync(WorkflowIntents.Url(id))).AssertProblemAsync(HttpStatusCode.NotFound);

        var approved = await world.ApproveAsync(vacancy.Id, seeker.Id);
        id = approved.Id;
        Assert.Equal(("approved", vacancy.Id, seeker.Id), (approved.Status, approved.VacancyId, approved.SeekerId));
        Assert.NotNull(approved.ReferredAt);

        var seen = await employer.SuggestionAsync(id);
        Assert.Equal("approved", seen.Status);
        Assert.Equal(seeker.FullName, seen.Candidate.FullName);
        Assert.Equal(seeker.Phone, seen.Candidate.Phone);
        Assert.Equal(seeker.Email, seen.Candidate.Email);
        Assert.Contains('*', seen.Candidate.Nik);
        Assert.DoesNotContain(seeker.Nik, seen.Candidate.Nik, StringComparison.Ordinal);
        Assert.Equal(seeker.AgeBand, seen.Candidate.AgeBand);
        var raw = await (await employer.GetAsync(WorkflowIntents.Url(id))).Content.ReadAsStringAsync();
        Assert.DoesNotContain("birthDate", raw, StringComparison.Ordinal);
        Assert.Equal(new[] { "approve" }, seen.History.Select(h => h.Action));

        var referrals = await employer.ReferralsAsync($"&vacancyId={vacancy.Id}&status=approved&sort=-referredAt");
        Assert.Equal(seeker.Phone, Assert.Single(referrals, r => r.Id == id).Candidate.Phone);
        Assert.Empty(await employer.ReferralsAsync($"&vacancyId={vacancy.Id}&status=hired"));
        await (await employer.GetAsync("/api/v1/referrals?status=proposed")).AssertProblemAsync(HttpStatusCode.BadRequest, "status");
        Assert.DoesNotContain(await otherEmployer.ReferralsAsync(), r => r.Id == id);
        await (await otherEmployer.GetAsync(WorkflowIntents.Url(id))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await otherEmployer.ActAsync(id, "not-hired", new { reasonCode = "no_show" })).AssertProblemAsync(HttpStatusCode.NotFound);

        // Staff of the office see the whole record; the list by status has it.
        var asStaff = await world.Staff.SuggestionAsync(id);
        Assert.Equal(seeker.Nik, asStaff.Candidate.Nik);
        var mine = await (await world.Staff.GetAsync($"/api/v1/suggestions?status=approved&seekerId={seeker.Id}"))
            .ReadAsync<SeekerIntents.PageOf<ReferralDto>>();
        Assert.Equal(id, Assert.Single(mine.Items).Id);

        // A repeated approve changes nothing: 409.
        var before = await app.SuggestionRowAsync(id);
        var again = await (await world.Staff.ActAsync(id, "approve")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("already approved", again.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await app.SuggestionRowAsync(id));
        Assert.Equal(1, (await app.WorkflowAuditActionsAsync(id)).Count(a => a == "suggestion.approve"));
        Assert.True(await app.AuditCountAsync(seeker.Id, "seeker.read") >= 3);
    }

    [Fact]
    public async Task Rejecting_needs_a_known_reason_and_a_note_for_other_and_bad_input_changes_nothing()
    {
        var app = service.App;
        var world = await app.WorkflowWorldAsync();
        var seeker = await world.CookAsync();
        var vacancy = await world.CookVacancyAsync();
        var id = await world.SuggestionIdAsync(vacancy.Id, seeker.Id);
        var before = await app.SuggestionRowAsync(id);

        foreach (var (body, field) in new (object, string)[]
        {
            (new { }, "reasonCode"),
            (new { reasonCode = "bored" }, "reasonCode"),
            (new { reasonCode = "other" }, "note"),
            (new { reasonCode = "other", note = "  " }, "note"),
            (new { reasonCode = "wage", note = new string('x', 2001) }, "note"),
            (new { reasonCode = "wage", extra = 1 }, "extra"),
        })
        {
            await (await world.Staff.ActAsync(id, "reject", body)).AssertProblemAsync(HttpStatusCode.BadRequest, field);
        }

        Assert.Equal(before, await app.SuggestionRowAsync(id));
        var rejected = await (await world.Staff.ActAsync(id, "reject",
            new { reasonCode = "other", note = "Sedang kuliah sampai Juli." })).ReadAsync<WorkflowStateDto>();
        Assert.Equal(("rejected", "other"), (rejected.Status, rejected.ReasonCode));
        var detail = await world.Staff.SuggestionAsync(id);
        var step = Assert.Single(detail.History);
        Assert.Equal(("reject", "proposed", "rejected", "other", "Sedang kuliah sampai Juli."),
            (step.Action, step.FromStatus, step.ToStatus, step.ReasonCode, step.Note));

        // Rejected is final here: no approval, and the employer never sees it.
        var after = await app.SuggestionRowAsync(id);
        await (await world.Staff.ActAsync(id, "approve")).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await world.Staff.ActAsync(id, "reject", new { reasonCode = "wage" })).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await world.Partner.Client.GetAsync(WorkflowIntents.Url(id))).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(after, await app.SuggestionRowAsync(id));
    }

    [Fact]
    public async Task Two_staff_approving_at_once_one_wins_and_the_other_gets_409()
    {
        var app = service.App;
        var world = await app.WorkflowWorldAsync();
        var (second, _, _) = await app.StaffAsync(world.OfficeId);
        var seeker = await world.CookAsync();
        var vacancy = await world.CookVacancyAsync();
        var id = await world.SuggestionIdAsync(vacancy.Id, seeker.Id);

        var responses = await Task.WhenAll(world.Staff.ActAsync(id, "approve"), second.ActAsync(id, "approve"));
        Assert.Equal(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }, responses.Select(r => r.StatusCode).Order());
        var detail = await world.Staff.SuggestionAsync(id);
        Assert.Single(detail.History);
        Assert.Equal("approved", detail.Status);
    }

    [Fact]
    public async Task Two_hires_into_the_last_opening_at_once_one_wins()
    {
        var app = service.App;
        var world = await app.WorkflowWorldAsync();
        var first = await world.CookAsync();
        var second = await world.CookAsync();
        var vacancy = await world.CookVacancyAsync(openings: 1);
        var a = (await world.ApproveAsync(vacancy.Id, first.Id)).Id;
        var b = (await world.ApproveAsync(vacancy.Id, second.Id)).Id;

        var responses = await Task.WhenAll(world.Partner.Client.ActAsync(a, "hire", new { monthlyWage = 4_800_000 }),
            world.Staff.ActAsync(b, "hire", new { monthlyWage = 4_800_000 }));
        Assert.Equal(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }, responses.Select(r => r.StatusCode).Order());
        Assert.Equal((1L, 1L), (await world.Partner.Client.PlacementCountAsync(vacancy.Id),
            await app.SuggestionCountAsync(vacancy.Id, status: "hired")));
    }

    [Fact]
    public async Task Outcomes_before_a_referral_are_409_and_consent_withdrawn_blocks_approval()
    {
        var app = service.App;
        var world = await app.WorkflowWorldAsync();
        var seeker = await world.CookAsync();
        var vacancy = await world.CookVacancyAsync();
        var id = await world.SuggestionIdAsync(vacancy.Id, seeker.Id);
        var before = await app.SuggestionRowAsync(id);
        await (await world.Staff.ActAsync(id, "interview", new { interviewAt = DateTimeOffset.Now.AddDays(1) }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        await (await world.Staff.ActAsync(id, "hire", new { monthlyWage = 4_000_000 })).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await world.Staff.ActAsync(id, "not-hired", new { reasonCode = "no_show" })).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await world.Staff.ActAsync(id, "ratify")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(before, await app.SuggestionRowAsync(id));

        // Withdrawal through the API deletes proposed suggestions in its transaction; written here behind the
        // API's back, it stands for a withdrawal that lands while staff look at the list.
        await app.WithdrawConsentBehindTheApiAsync(seeker.Id);
        var refused = await (await world.Staff.ActAsync(id, "approve")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("consent", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await app.SuggestionRowAsync(id));
    }
}

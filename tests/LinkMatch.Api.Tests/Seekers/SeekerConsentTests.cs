using System.Net;
using System.Net.Http.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Seekers;

public class SeekerConsentTests
{
    [Fact]
    public async Task Consent_is_recorded_with_proof_withdrawn_and_given_again_with_its_history()
    {
        var app = await TestApp.SharedAsync();
        var (staff, user, _) = await app.StaffAsync();
        using var _ = staff;
        var seeker = await staff.RegisterAsync(SeekerIntents.NewSeeker());
        var url = $"/api/v1/seekers/{seeker.Id}/consent";

        var given = await (await staff.PostAsJsonAsync(url, new { channel = "paper_form", evidence = "Formulir F-12/2025" }))
            .ReadAsync<SeekerConsentDto>(HttpStatusCode.Created);
        Assert.Equal(("matching", "paper_form", "Formulir F-12/2025", user.UserName), (given.Purpose, given.Channel, given.Evidence, given.RecordedBy));
        Assert.Null(given.WithdrawnAt);
        Assert.True((await staff.GetSeekerAsync(seeker.Id)).ConsentToMatching);
        await (await staff.PostAsJsonAsync(url, new { channel = "online" })).AssertProblemAsync(HttpStatusCode.Conflict);

        var consenting = await staff.GetFromJsonAsync<SeekerIntents.PageOf<SeekerSummaryDto>>("/api/v1/seekers?consentToMatching=true");
        Assert.Contains(consenting!.Items, s => s.Id == seeker.Id && s.ConsentToMatching);

        var withdrawn = await (await staff.PostAsJsonAsync($"{url}/withdraw", new { channel = "phone" })).ReadAsync<SeekerConsentDto>();
        Assert.Equal((given.Id, "phone", user.UserName), (withdrawn.Id, withdrawn.WithdrawalChannel, withdrawn.WithdrawalRecordedBy));
        Assert.NotNull(withdrawn.WithdrawnAt);
        var afterWithdrawal = await staff.GetSeekerAsync(seeker.Id);
        Assert.False(afterWithdrawal.ConsentToMatching);
        var notConsenting = await staff.GetFromJsonAsync<SeekerIntents.PageOf<SeekerSummaryDto>>("/api/v1/seekers?consentToMatching=false");
        Assert.Contains(notConsenting!.Items, s => s.Id == seeker.Id);
        await (await staff.PostAsJsonAsync($"{url}/withdraw", new { channel = "phone" })).AssertProblemAsync(HttpStatusCode.Conflict);

        var earlier = DateTimeOffset.UtcNow.AddDays(-1);
        var regiven = await (await staff.PostAsJsonAsync(url, new { channel = "in_person", at = earlier }))
            .ReadAsync<SeekerConsentDto>(HttpStatusCode.Created);
        var history = (await staff.GetSeekerAsync(seeker.Id)).Consents;
        Assert.Equal(2, history.Count);
        Assert.Contains(history, c => c.Id == regiven.Id && c.WithdrawnAt is null);
        Assert.Contains(history, c => c.Id == given.Id && c.WithdrawnAt is not null);
        Assert.Equal(2, await app.AuditCountAsync(seeker.Id, "seeker.consent.grant"));
        Assert.Equal(1, await app.AuditCountAsync(seeker.Id, "seeker.consent.withdraw"));
    }

    [Fact]
    public async Task Only_staff_of_the_office_and_admins_record_consent()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, officeId) = await app.StaffAsync();
        var (otherStaff, _, _) = await app.StaffAsync();
        using var _ = staff;
        using var __ = otherStaff;
        var seeker = await staff.RegisterAsync(SeekerIntents.NewSeeker());
        var url = $"/api/v1/seekers/{seeker.Id}/consent";

        await (await otherStaff.PostAsJsonAsync(url, new { channel = "online" })).AssertProblemAsync(HttpStatusCode.NotFound);
        var (centre, cohort) = await app.TrainingCentreAsync(officeId);
        await app.EnrolAsync(cohort, seeker.Id);
        using var instructor = await app.InstructorAsync(centre);
        await (await instructor.PostAsJsonAsync(url, new { channel = "online" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await staff.PostAsJsonAsync(url, new { channel = "whatsapp" })).AssertProblemAsync(HttpStatusCode.BadRequest, "channel");
        await (await staff.PostAsJsonAsync(url, new { channel = "online", at = DateTimeOffset.UtcNow.AddDays(2) }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "at");
        await (await staff.PostAsJsonAsync(url, new { channel = "online", evidence = new string('x', 501) }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "evidence");
        Assert.False((await staff.GetSeekerAsync(seeker.Id)).ConsentToMatching);

        using var admin = await app.AdminAsync();
        await (await admin.PostAsJsonAsync(url, new { channel = "online" })).ReadAsync<SeekerConsentDto>(HttpStatusCode.Created);
        Assert.True((await staff.GetSeekerAsync(seeker.Id)).ConsentToMatching);
    }
}

using System.Net;
using System.Net.Http.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Workflow;

/// <summary>Balikpapan keeps WITA (UTC+08:00): times sent with that offset are the instants they name, stored and
/// answered in UTC, wherever a caller gives a time.</summary>
[Collection(IsolatedService.Workflow)]
public class LocalTimeTests(IsolatedService service)
{
    [Fact]
    public async Task Times_with_an_offset_are_taken_as_the_instants_they_name()
    {
        var app = service.App;
        var world = await app.WorkflowWorldAsync();
        var seeker = await world.CookAsync();
        var vacancy = await world.CookVacancyAsync();
        var approved = await world.ApproveAsync(vacancy.Id, seeker.Id);

        var wita = new DateTimeOffset(2027, 1, 5, 9, 0, 0, TimeSpan.FromHours(8));
        var interview = await (await world.Partner.Client.ActAsync(approved.Id, "interview", new { interviewAt = wita }))
            .ReadAsync<WorkflowStateDto>();
        Assert.Equal(wita, interview.InterviewAt);
        Assert.Equal(TimeSpan.Zero, interview.InterviewAt!.Value.Offset);

        using var admin = await app.AdminAsync();
        var from = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToOffset(TimeSpan.FromHours(8)).ToString("O"));
        (await admin.GetAsync($"/api/v1/audit?seekerId={seeker.Id}&from={from}")).EnsureSuccessStatusCode();

        var key = await admin.PostAsJsonAsync($"/api/v1/employers/{world.Partner.Employer.Id}/api-keys",
            new { name = "wita", expiresAt = DateTimeOffset.UtcNow.AddDays(30).ToOffset(TimeSpan.FromHours(8)) });
        Assert.Equal(HttpStatusCode.Created, key.StatusCode);
    }
}

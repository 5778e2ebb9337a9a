using System.Net;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Workflow;

/// <summary>The workflow's refusals speak the request's language (English unless <c>Accept-Language: id</c>), and the
/// staff list takes several statuses at once (the referrals still waiting for an outcome).</summary>
[Collection(IsolatedService.Workflow)]
public class LanguageAndFilterTests(IsolatedService service)
{
    [Fact]
    public async Task A_refusal_is_english_by_default_and_indonesian_with_accept_language_id()
    {
        var app = service.App;
        var world = await app.WorkflowWorldAsync();
        var seeker = await world.CookAsync();
        var vacancy = await world.CookVacancyAsync();
        var id = (await world.ApproveAsync(vacancy.Id, seeker.Id)).Id;

        var english = await (await world.Staff.ActAsync(id, "approve")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("The suggestion is already approved.", english.GetProperty("detail").GetString());

        var indonesian = await (await SendAsync(world.Staff, HttpMethod.Post, WorkflowIntents.Url(id, "approve"), "id"))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Saran ini sudah disetujui.", indonesian.GetProperty("detail").GetString());

        var wrongStep = await (await SendAsync(world.Staff, HttpMethod.Post, WorkflowIntents.Url(id, "ratify"), "id"))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Saran ini berstatus disetujui; hanya dapat disahkan bila berstatus diterima bekerja.",
            wrongStep.GetProperty("detail").GetString());
        var wrongStepEnglish = await (await SendAsync(world.Staff, HttpMethod.Post, WorkflowIntents.Url(id, "ratify"),
            "en-US,en;q=0.9")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("The suggestion is approved; it can be ratified only when it is hired.",
            wrongStepEnglish.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_staff_list_filters_by_several_statuses_and_refuses_an_unknown_one()
    {
        var app = service.App;
        var world = await app.WorkflowWorldAsync();
        var referred = await world.CookAsync();
        var interviewed = await world.CookAsync();
        var vacancy = await world.CookVacancyAsync(openings: 3);
        var a = (await world.ApproveAsync(vacancy.Id, referred.Id)).Id;
        var b = (await world.ApproveAsync(vacancy.Id, interviewed.Id)).Id;
        (await world.Staff.ActAsync(b, "interview", new { interviewAt = DateTimeOffset.UtcNow.AddDays(3) }))
            .EnsureSuccessStatusCode();

        var waiting = await ListAsync(world.Staff, $"vacancyId={vacancy.Id}&status=approved&status=interview_scheduled");
        Assert.Equal(new[] { a, b }.Order(), waiting.Select(s => s.Id).Order());
        Assert.Equal(new[] { a }, (await ListAsync(world.Staff, $"vacancyId={vacancy.Id}&status=approved")).Select(s => s.Id));
        Assert.DoesNotContain(await ListAsync(world.Staff, $"vacancyId={vacancy.Id}&status=proposed&status=hired"),
            s => s.Id == a || s.Id == b);
        Assert.Contains(await ListAsync(world.Staff, $"vacancyId={vacancy.Id}"), s => s.Id == b);

        await (await world.Staff.GetAsync($"/api/v1/suggestions?status=approved&status=bored"))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "status");
        var referrals = await world.Partner.Client.ReferralsAsync($"&vacancyId={vacancy.Id}&status=approved&status=interview_scheduled");
        Assert.Equal(new[] { a, b }.Order(), referrals.Select(r => r.Id).Order());
        await (await world.Partner.Client.GetAsync("/api/v1/referrals?status=approved&status=proposed"))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "status");
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, Uri url,
        string language)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation("Accept-Language", language);
        return await client.SendAsync(request);
    }

    private static async Task<List<ReferralDto>> ListAsync(HttpClient staff, string query) =>
        (await (await staff.GetAsync($"/api/v1/suggestions?pageSize=200&{query}"))
            .ReadAsync<SeekerIntents.PageOf<ReferralDto>>()).Items;
}

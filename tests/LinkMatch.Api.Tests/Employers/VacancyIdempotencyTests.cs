using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using LinkMatch.Api.Tests.Platform;
using LinkMatch.Api.Vacancies;
using static LinkMatch.Api.Tests.Intents.EmployerIntents;

namespace LinkMatch.Api.Tests.Employers;

public class VacancyIdempotencyTests
{
    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(HttpClient client, string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/vacancies") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private sealed record TermsFirst(string Title, int Openings, string[] Units, Pay Pay);

    private sealed record TermsLast(Pay Pay, string[] Units, int Openings, string Title);

    private sealed record Pay(long Max, long Min);

    private sealed record PayReversed(long Min, long Max);

    private sealed record TermsNestedReversed(string Title, int Openings, string[] Units, PayReversed Pay);

    [Fact]
    public void The_request_hash_does_not_depend_on_the_order_a_release_declares_properties_in()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var hash = IdempotencyKeys.Hash(new TermsFirst("Welder", 2, ["a", "b"], new Pay(9, 5)), options);

        Assert.Equal(hash, IdempotencyKeys.Hash(new TermsLast(new Pay(9, 5), ["a", "b"], 2, "Welder"), options));
        Assert.Equal(hash, IdempotencyKeys.Hash(new TermsNestedReversed("Welder", 2, ["a", "b"], new PayReversed(5, 9)), options));
        // Values and the order of list items still count.
        Assert.NotEqual(hash, IdempotencyKeys.Hash(new TermsFirst("Welder", 3, ["a", "b"], new Pay(9, 5)), options));
        Assert.NotEqual(hash, IdempotencyKeys.Hash(new TermsFirst("Welder", 2, ["b", "a"], new Pay(9, 5)), options));
    }

    [Fact]
    public async Task A_retry_with_the_same_key_and_body_replays_the_first_answer()
    {
        var app = await TestApp.SharedAsync();
        var partner = await app.PartnerAsync();
        using var client = partner.Client;
        var key = Guid.NewGuid().ToString();
        var body = JobVacancy();

        var first = await PostAsync(client, key, body);
        Assert.Equal(HttpStatusCode.Created, first.Status);
        // The same request with its properties in another order and the employer's own id spelled out.
        var reordered = body.Reverse().ToDictionary(p => p.Key, p => p.Value);
        reordered["employerId"] = partner.Employer.Id;
        var second = await PostAsync(client, key, reordered);
        Assert.Equal(first, second);
        Assert.Equal(1L, await app.VacancyCountAsync(partner.Employer.Id));

        var changed = new Dictionary<string, object?>(body) { ["openings"] = 7 };
        var mismatch = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/vacancies")
        {
            Content = JsonContent.Create(changed),
            Headers = { { "Idempotency-Key", key } },
        });
        await mismatch.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(1L, await app.VacancyCountAsync(partner.Employer.Id));
        Assert.Equal(first, await PostAsync(client, key, body));

        var another = await PostAsync(client, Guid.NewGuid().ToString(), body);
        Assert.Equal(HttpStatusCode.Created, another.Status);
        Assert.Equal(2L, await app.VacancyCountAsync(partner.Employer.Id));
    }

    [Fact]
    public async Task Concurrent_identical_posts_create_one_vacancy_and_get_identical_answers()
    {
        var app = await TestApp.SharedAsync();
        var partner = await app.PartnerAsync();
        using var client = partner.Client;
        var key = Guid.NewGuid().ToString();
        var body = JobVacancy();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(client, key, body)));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.Status));
        Assert.Single(answers.Select(a => a.Body).Distinct());
        var id = JsonDocument.Parse(answers[0].Body).RootElement.GetProperty("id").GetInt64();
        var admin = await app.SharedAdminAsync();
        var stored = await (await admin.GetAsync($"/api/v1/vacancies?employerId={partner.Employer.Id}")).ReadAsync<PageDto<VacancyDto>>();
        Assert.Equal(id, Assert.Single(stored.Items).Id);
        Assert.Single(await app.AuditRowsAsync($"action=vacancy.create&entityId={id}"));
    }

    [Fact]
    public async Task Keys_belong_to_their_caller_and_expire_after_a_day()
    {
        var app = await TestApp.SharedAsync();
        var partner = await app.PartnerAsync();
        using var client = partner.Client;
        var (staff, user, _) = await app.StaffAsync(partner.OfficeId);
        using var staffClient = staff;
        var key = Guid.NewGuid().ToString();
        var body = JobVacancy();

        var byEmployer = await PostAsync(client, key, body);
        var byStaff = await PostAsync(staffClient, key, new Dictionary<string, object?>(body) { ["employerId"] = partner.Employer.Id });
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (byEmployer.Status, byStaff.Status));
        Assert.NotEqual(byEmployer.Body, byStaff.Body);
        Assert.Equal(2L, await app.IdempotencyRecordsAsync(key));
        Assert.Equal(1L, await app.IdempotencyRecordsAsync(key, $"user:{user.Id}"));

        await app.AgeEmployerIdempotencyRecordsAsync(key);
        var reused = await PostAsync(client, key, new Dictionary<string, object?>(body) { ["openings"] = 9 });
        Assert.Equal(HttpStatusCode.Created, reused.Status);
        Assert.Equal(9, JsonDocument.Parse(reused.Body).RootElement.GetProperty("openings").GetInt32());
        Assert.Equal(3L, await app.VacancyCountAsync(partner.Employer.Id));
    }

    [Fact]
    public async Task A_failed_post_keeps_no_key_and_a_malformed_key_is_refused()
    {
        var app = await TestApp.SharedAsync();
        var office = await app.CreateOfficeAsync();
        var employer = await app.CreateEmployerAsync();
        var issued = await app.IssueApiKeyAsync(employer.Id);
        using var client = app.WithApiKey(issued.Key);
        var key = Guid.NewGuid().ToString();
        var body = JobVacancy();

        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(client, key, body)).Status);
        Assert.Equal(0L, await app.IdempotencyRecordsAsync(key));
        await app.CreateMouAsync(office.Id, employer.Id);
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(client, key, body)).Status);

        using var malformed = new HttpRequestMessage(HttpMethod.Post, "/api/v1/vacancies") { Content = JsonContent.Create(body) };
        malformed.Headers.TryAddWithoutValidation("Idempotency-Key", new string('k', 201));
        await (await client.SendAsync(malformed)).AssertProblemAsync(HttpStatusCode.BadRequest, "idempotency-key");
        Assert.Equal(1L, await app.VacancyCountAsync(employer.Id));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Employers;

public class ApiKeyTests
{
    [Fact]
    public async Task Admin_issues_a_key_once_lists_it_without_the_secret_and_a_revoked_key_gets_401()
    {
        var app = await TestApp.SharedAsync();
        var admin = await app.SharedAdminAsync();
        var office = await app.CreateOfficeAsync();
        var employer = await app.CreateEmployerAsync();
        await app.CreateMouAsync(office.Id, employer.Id);

        var issued = await (await admin.PostAsJsonAsync($"/api/v1/employers/{employer.Id}/api-keys",
            new { name = "SAP SuccessFactors" })).ReadAsync<IssuedKeyDto>(HttpStatusCode.Created);
        Assert.StartsWith($"lmk_{issued.Prefix}_", issued.Key, StringComparison.Ordinal);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(issued.Key)), await app.StoredKeyHashAsync(issued.Id));
        Assert.Equal(TestApp.AdminUser, Assert.Single(await app.ApiKeysOfAsync(employer.Id), k => k.Id == issued.Id).CreatedBy);

        using var employerClient = app.WithApiKey(issued.Key);
        Assert.Equal(HttpStatusCode.OK, (await employerClient.GetAsync($"/api/v1/employers/{employer.Id}")).StatusCode);

        var listResponse = await admin.GetAsync($"/api/v1/employers/{employer.Id}/api-keys");
        var body = await listResponse.Content.ReadAsStringAsync();
        Assert.DoesNotContain(issued.Key[13..], body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"key\"", body, StringComparison.Ordinal);
        var listed = Assert.Single(await listResponse.ReadAsync<List<ApiKeyDto>>());
        Assert.Equal((issued.Id, issued.Prefix, "SAP SuccessFactors", (DateTimeOffset?)null),
            (listed.Id, listed.Prefix, listed.Name, listed.RevokedAt));
        Assert.NotNull(listed.LastUsedAt);

        var revoked = await (await admin.PostAsync(
            new Uri($"/api/v1/employers/{employer.Id}/api-keys/{issued.Id}/revoke", UriKind.Relative), null))
            .ReadAsync<ApiKeyDto>();
        Assert.NotNull(revoked.RevokedAt);
        await (await employerClient.GetAsync($"/api/v1/employers/{employer.Id}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await employerClient.PostAsJsonAsync("/api/v1/vacancies", EmployerIntents.JobVacancy()))
            .AssertProblemAsync(HttpStatusCode.Unauthorized);

        var again = await (await admin.PostAsync(
            new Uri($"/api/v1/employers/{employer.Id}/api-keys/{issued.Id}/revoke", UriKind.Relative), null))
            .ReadAsync<ApiKeyDto>();
        Assert.Equal(revoked.RevokedAt, again.RevokedAt);
        await (await admin.PostAsync(new Uri($"/api/v1/employers/{employer.Id}/api-keys/987654321/revoke",
            UriKind.Relative), null)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(2, (await app.AuditRowsOfAsync("api_key", issued.Id)).Count);
    }

    [Fact]
    public async Task An_expired_or_malformed_key_gets_401()
    {
        var app = await TestApp.SharedAsync();
        var partner = await app.PartnerAsync();
        using var client = partner.Client;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/vacancies")).StatusCode);
        await app.ExpireApiKeysOfAsync(partner.Employer.Id);

        await (await client.GetAsync("/api/v1/vacancies")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        using var forged = app.WithApiKey(partner.ApiKey[..^1] + (partner.ApiKey[^1] == 'a' ? 'b' : 'a'));
        await (await forged.GetAsync("/api/v1/vacancies")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        using var malformed = app.WithApiKey("lmk_short");
        await (await malformed.GetAsync("/api/v1/vacancies")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Staff_manage_keys_only_for_partners_of_their_office()
    {
        var app = await TestApp.SharedAsync();
        var ours = await app.PartnerAsync();
        var theirs = await app.PartnerAsync();
        using var ourClient = ours.Client;
        using var theirClient = theirs.Client;
        var (staff, _, _) = await app.StaffAsync(ours.OfficeId);
        using var staffClient = staff;

        var issued = await (await staffClient.PostAsJsonAsync($"/api/v1/employers/{ours.Employer.Id}/api-keys",
            new { name = "Rekrutmen" })).ReadAsync<IssuedKeyDto>(HttpStatusCode.Created);
        Assert.Equal(2, (await (await staffClient.GetAsync($"/api/v1/employers/{ours.Employer.Id}/api-keys"))
            .ReadAsync<List<ApiKeyDto>>()).Count);
        Assert.Equal(HttpStatusCode.OK, (await staffClient.PostAsync(
            new Uri($"/api/v1/employers/{ours.Employer.Id}/api-keys/{issued.Id}/revoke", UriKind.Relative), null)).StatusCode);

        var theirKeyId = Assert.Single(await app.ApiKeysOfAsync(theirs.Employer.Id)).Id;
        await (await staffClient.PostAsJsonAsync($"/api/v1/employers/{theirs.Employer.Id}/api-keys", new { name = "Curian" }))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await staffClient.GetAsync($"/api/v1/employers/{theirs.Employer.Id}/api-keys"))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await staffClient.PostAsync(new Uri($"/api/v1/employers/{theirs.Employer.Id}/api-keys/{theirKeyId}/revoke",
            UriKind.Relative), null)).AssertProblemAsync(HttpStatusCode.NotFound);
        // A key of another employer under our employer's path is not found either.
        await (await staffClient.PostAsync(new Uri($"/api/v1/employers/{ours.Employer.Id}/api-keys/{theirKeyId}/revoke",
            UriKind.Relative), null)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await theirClient.GetAsync("/api/v1/vacancies")).StatusCode);
        Assert.Single(await app.ApiKeysOfAsync(theirs.Employer.Id));

        await (await staffClient.PostAsJsonAsync($"/api/v1/employers/{ours.Employer.Id}/api-keys",
            new { name = "Lama", expiresAt = DateTimeOffset.UtcNow.AddDays(-1) })).AssertProblemAsync(HttpStatusCode.BadRequest, "expiresAt");
        await (await staffClient.PostAsJsonAsync($"/api/v1/employers/{ours.Employer.Id}/api-keys", new { }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "name");
        await (await staffClient.PostAsJsonAsync("/api/v1/employers/987654321/api-keys", new { name = "Hantu" }))
            .AssertProblemAsync(HttpStatusCode.NotFound);

        await (await ourClient.PostAsJsonAsync($"/api/v1/employers/{ours.Employer.Id}/api-keys", new { name = "Sendiri" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await ourClient.GetAsync($"/api/v1/employers/{ours.Employer.Id}/api-keys")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(2, (await app.ApiKeysOfAsync(ours.Employer.Id)).Count);
    }
}

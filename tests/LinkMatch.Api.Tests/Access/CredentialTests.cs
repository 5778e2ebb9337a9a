using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Access;

/// <summary>Expired credentials are refused and every API key has a request budget of its own. A revoked key's 401
/// is proven in <c>Employers.ApiKeyTests.Admin_issues_a_key_once_lists_it_without_the_secret_and_a_revoked_key_gets_401</c>,
/// an expired key's in <c>An_expired_or_malformed_key_gets_401</c>, lock-out after bad passwords in
/// <see cref="SignInTests"/>.</summary>
public class CredentialTests
{
    [Fact]
    public async Task An_expired_access_token_gets_401_and_the_refresh_token_gets_a_new_one()
    {
        const int lifetimeSeconds = 3;
        var app = await TestApp.StartIsolatedAsync("token_expiry",
            new Dictionary<string, string> { ["Auth__AccessTokenLifetime"] = $"00:00:0{lifetimeSeconds}" });
        try
        {
            var user = await app.CreateUserAsync("admin");
            using var client = app.Anonymous();
            var clock = Stopwatch.StartNew();
            var tokens = await (await client.PostAsJsonAsync("/api/v1/auth/login",
                new { user.UserName, password = PlatformIntents.Password })).ReadAsync<TestApp.TokenResponse>();
            Assert.Equal(lifetimeSeconds, tokens.ExpiresIn);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me")).StatusCode);

            // The token dies with its lifetime; poll for it (bounded) rather than guess how long to sleep.
            HttpResponseMessage response;
            do
            {
                await Task.Delay(250);
                response = await client.GetAsync("/api/v1/auth/me");
            }
            while (response.StatusCode == HttpStatusCode.OK && clock.Elapsed < TimeSpan.FromSeconds(30));

            await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
            Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(lifetimeSeconds - 1), $"refused after {clock.Elapsed}");

            client.DefaultRequestHeaders.Authorization = null;
            var refreshed = await (await client.PostAsJsonAsync("/api/v1/auth/refresh", new { tokens.RefreshToken }))
                .ReadAsync<TestApp.TokenResponse>();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", refreshed.AccessToken);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me")).StatusCode);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task Each_api_key_has_its_own_request_budget_and_429_says_when_to_retry()
    {
        const int budget = 5;
        var app = await TestApp.StartIsolatedAsync("key_budget",
            new Dictionary<string, string> { ["RateLimits__RequestsPerMinutePerApiKey"] = $"{budget}" });
        try
        {
            var greedy = await app.PartnerAsync();
            var other = await app.PartnerAsync(greedy.OfficeId);
            var vacanciesBefore = await app.VacancyCountAsync();

            // The bucket refills a token every ten seconds, so a slow machine may get one or two more through.
            var served = 0;
            HttpResponseMessage response;
            while ((response = await greedy.Client.GetAsync("/api/v1/vacancies")).StatusCode == HttpStatusCode.OK
                   && served < budget + 3)
            {
                served++;
            }

            Assert.InRange(served, budget, budget + 2);
            await response.AssertProblemAsync(HttpStatusCode.TooManyRequests);
            Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "429 without Retry-After");
            await (await greedy.Client.PostAsJsonAsync("/api/v1/vacancies", EmployerIntents.JobVacancy()))
                .AssertProblemAsync(HttpStatusCode.TooManyRequests);
            Assert.Equal(vacanciesBefore, await app.VacancyCountAsync());

            // Another key, and signed-in users, are not affected.
            for (var i = 0; i < budget; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await other.Client.GetAsync("/api/v1/vacancies")).StatusCode);
            }

            using var admin = await app.AdminAsync();
            for (var i = 0; i < budget * 2; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/vacancies")).StatusCode);
            }
        }
        finally
        {
            await app.StopAsync();
        }
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Access;

public class SharedTokenKeysTests
{
    [Fact]
    public async Task A_token_from_one_instance_works_on_another_and_after_a_restart()
    {
        var app = await TestApp.StartIsolatedAsync("tokens");
        try
        {
            using var admin = await app.AdminAsync();
            var token = admin.DefaultRequestHeaders.Authorization!.Parameter!;

            await using (var second = await ServiceProcess.StartAsync(app.Environment))
            {
                using var client = second.CreateClient();
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me")).StatusCode);
            }

            app.Service.Kill();
            await using var restarted = await ServiceProcess.StartAsync(app.Environment);
            using var again = restarted.CreateClient();
            again.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/auth/me")).StatusCode);

            // The signing keys are stored encrypted: the database alone cannot mint tokens.
            var xml = await app.StoredSigningKeysAsync();
            Assert.NotEmpty(xml);
            Assert.All(xml, x => Assert.DoesNotContain("masterKey", x, StringComparison.Ordinal));
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task Sign_in_attempts_from_one_address_are_budgeted_with_429()
    {
        var app = await TestApp.StartIsolatedAsync("signin_budget",
            new Dictionary<string, string> { ["RateLimits__SignInsPerMinutePerAddress"] = "3" });
        try
        {
            // Starting the service signed in once already (seeding the canary), so count attempts until the first 429.
            using var client = app.Anonymous();
            var refused = 0;
            HttpStatusCode status;
            do
            {
                var attempt = await client.PostAsJsonAsync("/api/v1/auth/login",
                    new { userName = Unique.Name("nobody"), password = "whatever-password" });
                status = attempt.StatusCode;
                refused += status == HttpStatusCode.Unauthorized ? 1 : 0;
            }
            while (status == HttpStatusCode.Unauthorized && refused < 10);

            Assert.Equal(HttpStatusCode.TooManyRequests, status);
            Assert.InRange(refused, 1, 3);
            var limited = await client.PostAsJsonAsync("/api/v1/auth/login",
                new { userName = TestApp.AdminUser, password = TestApp.AdminPassword });
            await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests);
            Assert.NotNull(limited.Headers.RetryAfter);
        }
        finally
        {
            await app.StopAsync();
        }
    }
}

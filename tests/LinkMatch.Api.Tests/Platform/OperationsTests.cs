using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Platform;

/// <summary>A service set up as behind a reverse proxy with a Prometheus scrape port and JSON logs, as
/// deploy/ and the README's "Metrics and traces" describe it.</summary>
public sealed class OperatedService : IAsyncLifetime
{
    public TestApp App { get; private set; } = null!;

    public int MetricsPort { get; } = ServiceProcess.FreePort();

    public async Task InitializeAsync() => App = await TestApp.StartIsolatedAsync("operated", new Dictionary<string, string>
    {
        ["ReverseProxy__KnownProxies__0"] = "127.0.0.1",
        ["Telemetry__MetricsPort"] = MetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Telemetry__MetricsHost"] = "127.0.0.1",
        ["Telemetry__QueueSampleSeconds"] = "1",
        ["Logging__Console__FormatterName"] = "json",
        // The request log lines, so that a test can find its request's id in them.
        ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
    });

    public Task DisposeAsync() => App.StopAsync();
}

public class OperationsTests(OperatedService operated) : IClassFixture<OperatedService>
{
    private TestApp App => operated.App;

    /// <summary>The address the audit log recorded for a failed sign-in with this user name.</summary>
    internal static async Task<string?> FailedSignInAddressAsync(HttpClient admin, string userName)
    {
        var page = await (await admin.GetAsync("/api/v1/audit?action=auth.login_failed&pageSize=200")).ReadAsync<JsonElement>();
        var row = page.GetProperty("items").EnumerateArray()
            .Single(r => r.GetProperty("details").GetProperty("userName").GetString() == userName);
        return row.GetProperty("remoteAddress").GetString();
    }

    private async Task<HttpResponseMessage> FailedSignInAsync(HttpClient client, string name, bool forwarded)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = JsonContent.Create(new { userName = name, password = "not-the-password" }),
        };
        if (forwarded)
        {
            request.Headers.Host = "linkmatch.example.go.id";
            request.Headers.Add("X-Forwarded-For", "203.0.113.9");
            request.Headers.Add("X-Forwarded-Proto", "https");
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_known_proxy_sets_the_client_address_and_https_which_brings_hsts()
    {
        using var client = App.Anonymous();
        var name = Unique.Name("nobody");
        using var response = await FailedSignInAsync(client, name, forwarded: true);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single(),
            StringComparison.Ordinal);
        using var admin = await App.AdminAsync();
        Assert.Equal("203.0.113.9", await FailedSignInAddressAsync(admin, name));
    }

    [Fact]
    public async Task Metrics_are_scraped_on_their_own_port_with_the_named_series()
    {
        using var client = App.Anonymous();
        using (await FailedSignInAsync(client, Unique.Name("nobody"), forwarded: false))
        {
        }

        using var admin = await App.AdminAsync();
        await App.WaitForJobAsync((await admin.RefreshAsync()).JobId);

        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{operated.MetricsPort}") };
        var metrics = "";
        var expected = new[]
        {
            "linkmatch_auth_sign_ins_total{otel_scope_name=\"LinkMatch\",outcome=\"invalid\"}",
            "linkmatch_auth_sign_ins_total{otel_scope_name=\"LinkMatch\",outcome=\"success\"}",
            "linkmatch_jobs_attempts_total{otel_scope_name=\"LinkMatch.Jobs\",kind=\"matching.refresh\",outcome=\"succeeded\"}",
            "linkmatch_jobs_duration_seconds_bucket{otel_scope_name=\"LinkMatch.Jobs\",kind=\"matching.refresh\"",
            "linkmatch_jobs_queue_depth{otel_scope_name=\"LinkMatch\",queue=\"default\",state=\"available\"}",
            "linkmatch_jobs_queue_oldest_age_seconds{otel_scope_name=\"LinkMatch\",queue=\"default\"}",
            "linkmatch_matching_suggestions_written_total{otel_scope_name=\"LinkMatch\",trigger=\"refresh\"}",
            "linkmatch_model_serving_version{otel_scope_name=\"LinkMatch\"}",
            "http_server_request_duration_seconds_bucket{",
            "db_client_operation_duration_seconds_bucket{",
        };
        // The queue's figures are read in the background when a scrape finds them stale: a later scrape has them.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await scraper.GetAsync(new Uri("/metrics", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            metrics = await response.Content.ReadAsStringAsync();
            if (expected.All(m => metrics.Contains(m, StringComparison.Ordinal)) || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(500);
        }

        Assert.All(expected, m => Assert.Contains(m, metrics, StringComparison.Ordinal));
        var version = Regex.Match(metrics, @"^linkmatch_model_serving_version\{[^}]*\} (\d+)", RegexOptions.Multiline);
        Assert.Equal(await App.ServingVersionAsync(), int.Parse(version.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(Canary.Nik, metrics, StringComparison.Ordinal);

        // The API's port does not serve metrics, and the metrics port serves nothing else.
        // (There /metrics is a console path like any other: the sign-in page for an anonymous caller.)
        Assert.DoesNotContain("# TYPE", await client.GetStringAsync("/metrics"), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await scraper.GetAsync("/api/v1/offices")).StatusCode);
    }

    [Fact]
    public async Task Json_log_lines_carry_the_request_id_that_the_problem_answer_names()
    {
        using var client = App.Anonymous();
        using var response = await client.GetAsync("/api/v1/offices");
        var problem = await response.ReadAsync<JsonElement>(HttpStatusCode.Unauthorized);
        var requestId = problem.GetProperty("traceId").GetString();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        List<JsonElement> lines;
        do
        {
            await Task.Delay(200);
            lines = [.. App.Service.ReadLog().Split('\n').Where(l => l.StartsWith('{'))
                .Select(l => JsonDocument.Parse(l).RootElement)
                .Where(e => e.TryGetProperty("Scopes", out var scopes) && scopes.EnumerateArray()
                    .Any(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("RequestId", out var id)
                        && id.GetString() == requestId))];
        }
        while (lines.Count == 0 && DateTime.UtcNow < deadline);

        Assert.NotEmpty(lines);
        Assert.Contains(lines, l => l.GetProperty("Message").GetString()!.Contains("/api/v1/offices", StringComparison.Ordinal));
    }
}

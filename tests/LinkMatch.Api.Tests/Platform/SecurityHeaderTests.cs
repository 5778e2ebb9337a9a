using System.Net;
using System.Net.Http.Json;
using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Platform;

/// <summary>The headers every answer carries, whatever produced it: the API, a problem, a console page, Swagger UI,
/// a health check, a static file.</summary>
public class SecurityHeaderTests
{
    [Fact]
    public async Task Every_kind_of_answer_carries_the_security_headers_and_no_server_banner()
    {
        var app = await TestApp.SharedAsync();
        using var admin = await app.AdminAsync();
        using var anonymous = app.Anonymous();
        var answers = new Dictionary<string, HttpResponseMessage>
        {
            ["seekers (personal data)"] = await admin.GetAsync($"/api/v1/seekers/{app.CanarySeekerId}"),
            ["problem 401"] = await anonymous.GetAsync("/api/v1/offices"),
            ["problem 404"] = await admin.GetAsync("/api/v1/nothing-here"),
            ["console page"] = await anonymous.GetAsync("/masuk"),
            ["console 404"] = await anonymous.GetAsync("/tidak-ada"),
            ["openapi"] = await anonymous.GetAsync("/swagger/v1/swagger.json"),
            ["health"] = await anonymous.GetAsync("/health/ready"),
        };
        foreach (var (what, response) in answers)
        {
            using (response)
            {
                var headers = response.Headers;
                Assert.True(headers.TryGetValues("X-Content-Type-Options", out var sniff) && sniff.Single() == "nosniff", what);
                Assert.True(headers.TryGetValues("X-Frame-Options", out var frame) && frame.Single() == "DENY", what);
                Assert.True(headers.TryGetValues("Referrer-Policy", out var referrer) && referrer.Single() == "no-referrer", what);
                Assert.False(headers.Contains("Server"), $"{what}: Server header {string.Join(",", headers.Server)}");
                Assert.True(headers.CacheControl?.NoStore == true, $"{what}: Cache-Control {headers.CacheControl}");
                // Over plain HTTP (no proxy is configured for the shared service), never HSTS.
                Assert.False(headers.Contains("Strict-Transport-Security"), what);
                if (what != "openapi")
                {
                    Assert.Contains("frame-ancestors 'none'", string.Join(";", response.Content.Headers
                        .Concat(headers).Where(h => h.Key == "Content-Security-Policy").SelectMany(h => h.Value)),
                        StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public async Task Versioned_static_files_may_be_cached_and_still_carry_the_headers()
    {
        var app = await TestApp.SharedAsync();
        using var anonymous = app.Anonymous();
        var page = await (await anonymous.GetAsync("/masuk")).Content.ReadAsStringAsync();
        var css = System.Text.RegularExpressions.Regex.Match(page, "href=\"(/[^\"]+\\.css\\?v=[^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(css), "the sign-in page links a versioned stylesheet");
        using var response = await anonymous.GetAsync(WebUtility.HtmlDecode(css));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.Public == true, $"Cache-Control {response.Headers.CacheControl}");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Forwarded_headers_are_ignored_unless_a_proxy_is_configured()
    {
        var app = await TestApp.SharedAsync();
        using var client = app.Anonymous();
        var name = Unique.Name("nobody");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = JsonContent.Create(new { userName = name, password = "not-the-password" }),
        };
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal("127.0.0.1", await OperationsTests.FailedSignInAddressAsync(await app.AdminAsync(), name));
    }
}

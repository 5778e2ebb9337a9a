using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Platform;

/// <summary>What every endpoint shares: health, problem+json errors, strict input, limits, the OpenAPI document.</summary>
public class HttpBehaviourTests
{
    [Fact]
    public async Task Health_endpoints_answer_without_credentials()
    {
        var app = await TestApp.SharedAsync();
        using var client = app.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Unauthenticated_calls_get_a_problem_document()
    {
        var app = await TestApp.SharedAsync();
        using var client = app.Anonymous();
        await (await client.GetAsync("/api/v1/offices")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Unknown_routes_are_problem_documents_too()
    {
        var app = await TestApp.SharedAsync();
        using var admin = await app.AdminAsync();
        await (await admin.GetAsync("/api/v1/offices/999999999")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync("/api/v1/nothing-here")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Unknown_properties_missing_fields_and_wrong_types_name_the_field()
    {
        var app = await TestApp.SharedAsync();
        using var admin = await app.AdminAsync();
        var office = new { code = Unique.Code("X"), name = "Disnaker X", level = "city_regency", regionCode = "64.71" };

        var unknown = await admin.PostAsJsonAsync("/api/v1/offices", new { office.code, office.name, office.level, office.regionCode, mayor = "x" });
        await unknown.AssertProblemAsync(HttpStatusCode.BadRequest, "mayor");

        var missing = await admin.PostAsJsonAsync("/api/v1/offices", new { office.code, office.name, office.level });
        await missing.AssertProblemAsync(HttpStatusCode.BadRequest, "regionCode");

        var wrongType = await admin.PostAsync(new Uri("/api/v1/offices", UriKind.Relative), new StringContent(
            """{"code":"A-1","name":"Disnaker","level":"city_regency","regionCode":64}""", Encoding.UTF8, "application/json"));
        await wrongType.AssertProblemAsync(HttpStatusCode.BadRequest, "regionCode");

        var badValue = await admin.PostAsJsonAsync("/api/v1/offices", office with { level = "village" });
        var problem = await badValue.AssertProblemAsync(HttpStatusCode.BadRequest, "level");
        Assert.Contains("city_regency", problem.GetProperty("errors").GetProperty("level")[0].GetString(), StringComparison.Ordinal);

        var notJson = await admin.PostAsync(new Uri("/api/v1/offices", UriKind.Relative), new StringContent("{", Encoding.UTF8, "application/json"));
        await notJson.AssertProblemAsync(HttpStatusCode.BadRequest);

        var badQuery = await admin.GetAsync("/api/v1/offices?page=abc");
        await badQuery.AssertProblemAsync(HttpStatusCode.BadRequest, "page");

        var tooBig = await admin.GetAsync("/api/v1/offices?pageSize=1000");
        await tooBig.AssertProblemAsync(HttpStatusCode.BadRequest, "pageSize");

        var badSort = await admin.GetAsync("/api/v1/offices?sort=salary");
        await badSort.AssertProblemAsync(HttpStatusCode.BadRequest, "sort");

        var list = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/offices?pageSize=200");
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), o => o.GetProperty("code").GetString() == office.code);
    }

    [Fact]
    public async Task Oversized_bodies_get_413_and_other_media_types_415()
    {
        var app = await TestApp.SharedAsync();
        using var admin = await app.AdminAsync();
        var huge = new string('x', 2 * 1024 * 1024);
        var response = await admin.PostAsync(new Uri("/api/v1/offices", UriKind.Relative),
            new StringContent($"{{\"code\":\"{huge}\"}}", Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        var xml = await admin.PostAsync(new Uri("/api/v1/offices", UriKind.Relative),
            new StringContent("<office/>", Encoding.UTF8, "application/xml"));
        await xml.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_every_api_route_and_both_sign_in_schemes()
    {
        var app = await TestApp.SharedAsync();
        using var client = app.Anonymous();
        var doc = await client.GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Contains("/api/v1/offices", paths);
        Assert.Contains("/api/v1/offices/{id}", paths);
        Assert.Contains("/api/v1/auth/login", paths);
        var schemes = doc.GetProperty("components").GetProperty("securitySchemes");
        Assert.True(schemes.TryGetProperty("bearer", out _));
        Assert.True(schemes.TryGetProperty("apiKey", out _));
        var ui = await client.GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
    }

    [Fact]
    public async Task Every_operation_has_a_unique_operation_id_a_summary_and_the_answers_every_operation_can_give()
    {
        var app = await TestApp.SharedAsync();
        using var client = app.Anonymous();
        var doc = await client.GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");
        var operations = doc.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Name: $"{op.Name.ToUpperInvariant()} {path.Name}", Op: op.Value)))
            .ToList();
        Assert.True(operations.Count > 50, $"only {operations.Count} operations in the document");
        var unnamed = operations.Where(o => !o.Op.TryGetProperty("operationId", out var id)
            || !System.Text.RegularExpressions.Regex.IsMatch(id.GetString()!, "^[A-Z][A-Za-z0-9]*_[A-Z][A-Za-z0-9]*$")).Select(o => o.Name).ToList();
        Assert.True(unnamed.Count == 0, "without a handler-named operationId:\n" + string.Join("\n", unnamed));
        var ids = operations.Select(o => o.Op.GetProperty("operationId").GetString()).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        var bare = operations.Where(o => !o.Op.TryGetProperty("summary", out var s) || string.IsNullOrWhiteSpace(s.GetString()))
            .Select(o => o.Name).ToList();
        Assert.True(bare.Count == 0, "without a summary:\n" + string.Join("\n", bare));
        var list = operations.Single(o => o.Name == "GET /api/v1/vacancies").Op.GetProperty("operationId").GetString();
        Assert.Equal("VacancyQueries_List", list);

        // The answers every operation can give besides its own are declared on each one, as problem+json.
        var missing = new List<string>();
        foreach (var (name, op) in operations)
        {
            var responses = op.GetProperty("responses");
            var takesInput = op.TryGetProperty("parameters", out var ps) && ps.GetArrayLength() > 0 || op.TryGetProperty("requestBody", out _);
            foreach (var code in takesInput ? ["400", "500", "503"] : new[] { "500", "503" })
            {
                if (!responses.TryGetProperty(code, out var r) || !r.GetProperty("content").TryGetProperty("application/problem+json", out _))
                {
                    missing.Add($"{name}: {code}");
                }
            }
        }

        Assert.True(missing.Count == 0, "undeclared answers:\n" + string.Join("\n", missing));
        var post = operations.Single(o => o.Name == "POST /api/v1/vacancies").Op.GetProperty("responses");
        Assert.True(post.GetProperty("429").GetProperty("headers").TryGetProperty("Retry-After", out _));
        Assert.True(post.GetProperty("503").GetProperty("headers").TryGetProperty("Retry-After", out _));
        var login = operations.Single(o => o.Name == "POST /api/v1/auth/login").Op.GetProperty("responses");
        Assert.True(login.TryGetProperty("429", out _), "sign-in has a budget per address");
        var usersOnly = operations.Single(o => o.Name == "GET /api/v1/users").Op.GetProperty("responses");
        Assert.False(usersOnly.TryGetProperty("429", out _), "no budget applies to admin-only operations");
    }
}

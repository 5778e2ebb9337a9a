using System.Net.Http.Json;
using System.Text.Json;
using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Reports;

public class ReportOpenApiTests
{
    [Theory]
    [InlineData("/api/v1/training-centres/uptake", "get", "200 400", false)]
    [InlineData("/api/v1/training-centres/{id}/uptake", "get", "200 304 400 404", true)]
    [InlineData("/api/v1/courses/{id}/uptake", "get", "200 304 400 404", true)]
    [InlineData("/api/v1/cohorts/{id}/uptake", "get", "200 304 400 404", true)]
    [InlineData("/api/v1/reports/training-gaps", "get", "200 304 400 404", true)]
    [InlineData("/api/v1/reports/ipk", "get", "200 304 400 404", true)]
    [InlineData("/api/v1/reports/{kind}/refresh", "post", "202 400 404", false)]
    [InlineData("/api/v1/seekers/{id}/upskilling", "get", "200 400 404 410", false)]
    public async Task Every_report_route_documents_its_outcomes_and_the_CSV_form(string path, string method,
        string statuses, bool csv)
    {
        var app = await TestApp.SharedAsync();
        using var client = app.Anonymous();
        var doc = await client.GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");
        var operation = doc.GetProperty("paths").GetProperty(path).GetProperty(method);
        var responses = operation.GetProperty("responses");
        foreach (var status in statuses.Split(' ').Append("401").Append("403"))
        {
            Assert.True(responses.TryGetProperty(status, out _), $"{method} {path} does not document {status}: {responses}");
        }

        Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()));
        var content = responses.GetProperty(statuses[..3]).GetProperty("content");
        Assert.True(content.TryGetProperty("application/json", out _));
        Assert.Equal(csv, content.TryGetProperty("text/csv", out _));
    }
}

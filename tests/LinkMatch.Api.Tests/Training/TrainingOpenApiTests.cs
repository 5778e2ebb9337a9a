using System.Net.Http.Json;
using System.Text.Json;
using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Training;

public class TrainingOpenApiTests
{
    [Theory]
    [InlineData("/api/v1/training-centres", "get", "200 400")]
    [InlineData("/api/v1/training-centres", "post", "201 400 409")]
    [InlineData("/api/v1/training-centres/{id}", "get", "200 404")]
    [InlineData("/api/v1/training-centres/{id}", "put", "200 400 404 409")]
    [InlineData("/api/v1/courses", "get", "200 400")]
    [InlineData("/api/v1/courses", "post", "201 400 409")]
    [InlineData("/api/v1/courses/{id}", "get", "200 404")]
    [InlineData("/api/v1/courses/{id}", "put", "200 400 404 409")]
    [InlineData("/api/v1/cohorts", "get", "200 400")]
    [InlineData("/api/v1/cohorts", "post", "201 400 409")]
    [InlineData("/api/v1/cohorts/{id}", "get", "200 404")]
    [InlineData("/api/v1/cohorts/{id}", "put", "200 400 404 409")]
    [InlineData("/api/v1/enrolments", "get", "200 400")]
    [InlineData("/api/v1/enrolments", "post", "201 400 409")]
    [InlineData("/api/v1/enrolments/{id}", "get", "200 404")]
    [InlineData("/api/v1/enrolments/{id}", "put", "200 400 404 409")]
    [InlineData("/api/v1/enrolments/{id}/assessments", "put", "200 400 404 409")]
    [InlineData("/api/v1/enrolments/{id}/certificate", "put", "200 400 404 409")]
    public async Task Every_training_route_documents_its_outcomes(string path, string method, string statuses)
    {
        var app = await TestApp.SharedAsync();
        using var client = app.Anonymous();
        var doc = await client.GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");
        var responses = doc.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");
        foreach (var status in statuses.Split(' ').Append("401").Append("403"))
        {
            Assert.True(responses.TryGetProperty(status, out _), $"{method} {path} does not document {status}: {responses}");
        }
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Platform;

/// <summary>The examples a partner copies from the document work as written: the vacancy posting example is
/// accepted from an employer's key, its competency ids are the units the answer example names, and the real answer
/// has the example answer's shape; the fill example is accepted for that vacancy.</summary>
public class OpenApiExampleTests
{
    [Fact]
    public async Task The_vacancy_examples_are_accepted_and_answered_in_the_example_answers_shape()
    {
        var app = await TestApp.SharedAsync();
        var partner = await app.PartnerAsync();
        using var anonymous = app.Anonymous();
        var doc = await OpenApiContract.DocumentAsync(anonymous);
        var post = doc.GetProperty("paths").GetProperty("/api/v1/vacancies").GetProperty("post");
        var request = post.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        var answer = post.GetProperty("responses").GetProperty("201").GetProperty("content").GetProperty("application/json").GetProperty("example");

        foreach (var (asked, named) in request.GetProperty("competencies").EnumerateArray().Zip(answer.GetProperty("competencies").EnumerateArray()))
        {
            Assert.Equal(named.GetProperty("competencyId").GetInt64(), asked.GetProperty("competencyId").GetInt64());
            Assert.Equal(asked.GetProperty("competencyId").GetInt64(),
                await partner.Client.CompetencyIdAsync(named.GetProperty("code").GetString()!));
        }

        var created = await partner.Client.PostAsync(new Uri("/api/v1/vacancies", UriKind.Relative),
            new StringContent(request.GetRawText(), Encoding.UTF8, "application/json"));
        var vacancy = await created.ReadAsync<JsonElement>(HttpStatusCode.Created);
        Assert.Equal(Shape(answer), Shape(vacancy));

        var fill = doc.GetProperty("paths").GetProperty("/api/v1/vacancies/{id}/fill").GetProperty("post")
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        var filled = await (await partner.Client.PostAsync(new Uri($"/api/v1/vacancies/{vacancy.GetProperty("id").GetInt64()}/fill", UriKind.Relative),
            new StringContent(fill.GetRawText(), Encoding.UTF8, "application/json"))).ReadAsync<JsonElement>();
        Assert.Equal("filled", filled.GetProperty("status").GetString());
    }

    /// <summary>The property names of an object and of the first item of each of its lists, sorted.</summary>
    private static string Shape(JsonElement element) => string.Join(",", element.EnumerateObject()
        .Select(p => p.Value is { ValueKind: JsonValueKind.Array } list && list.GetArrayLength() > 0 && list[0].ValueKind == JsonValueKind.Object
            ? $"{p.Name}[{Shape(list[0])}]"
            : p.Name)
        .Order(StringComparer.Ordinal));
}

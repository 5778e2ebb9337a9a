using System.Net.Http.Json;
using System.Text.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using F = LinkMatch.Api.Matching.Features.FeatureNames;

namespace LinkMatch.Api.Tests.Matching;

/// <summary>Explanations through the API in the language of <c>Accept-Language</c>: Bahasa Indonesia for <c>id</c>,
/// English for <c>en</c> or no header; a suggestion stored before the Indonesian texts existed is given in English.
/// Cooks in provinces of these tests' own, on a service of their own, so no other test's seekers compete.</summary>
[Collection(IsolatedService.Matching)]
public class ExplanationLanguageTests(IsolatedService service)
{
    private sealed record Factor(string Feature, double Contribution, string Text);

    private sealed record Explanation(string Summary, string Language, List<Factor> Factors);

    private sealed record Item(long Id, string Status, SuggestedSeekerDto Seeker, Explanation Explanation,
        DateTimeOffset ComputedAt);

    private sealed record SeekerItem(long Id, SuggestedVacancyDto Vacancy, Explanation Explanation);

    private sealed record Detail(long Id, string Summary);

    [Fact]
    public async Task Suggestions_are_explained_in_indonesian_for_id_and_in_english_for_en_or_no_header()
    {
        var app = service.App;
        var world = await app.WorkflowWorldAsync();
        var seeker = await world.CookAsync();
        var vacancy = await world.CookVacancyAsync();
        await world.SuggestionIdAsync(vacancy.Id, seeker.Id);

        var (none, english, indonesian) = await ReadThreeWaysAsync(app, world.Staff, vacancy.Id, seeker.Id);
        Assert.Equal(("en", "en", "id"),
            (none.Explanation.Language, english.Explanation.Language, indonesian.Explanation.Language));
        Assert.Equivalent(none.Explanation, english.Explanation, strict: true);
        // The same factors, in the same order, put into other words.
        Assert.Equal(english.Explanation.Factors.Select(f => (f.Feature, f.Contribution)),
            indonesian.Explanation.Factors.Select(f => (f.Feature, f.Contribution)));
        Assert.All(english.Explanation.Factors.Zip(indonesian.Explanation.Factors),
            p => Assert.NotEqual(p.First.Text, p.Second.Text));

        // Both mandatory units held, certified: the strongest reason, in the officer's words.
        var mandatory = indonesian.Explanation.Factors.Single(f => f.Feature == F.MandatoryCoverage);
        Assert.StartsWith("memiliki 2 dari 2 unit kompetensi wajib (bersertifikat: Me", mandatory.Text,
            StringComparison.Ordinal);
        Assert.StartsWith("holds 2 of 2 mandatory units (certified: Me",
            english.Explanation.Factors.Single(f => f.Feature == F.MandatoryCoverage).Text, StringComparison.Ordinal);
        if (indonesian.Explanation.Factors.SingleOrDefault(f => f.Feature == F.WageRatio) is { } wage)
        {
            // Expects 4,500,000; the vacancy offers 3,800,000 to 5,500,000.
            Assert.Equal("mengharapkan Rp 4,5 jt, sesuai tawaran Rp 5,5 jt", wage.Text);
        }

        // The summary is made of the factors' own sentences, in the same language.
        var summary = indonesian.Explanation.Summary;
        Assert.StartsWith(char.ToUpperInvariant(indonesian.Explanation.Factors[0].Text[0]) +
            indonesian.Explanation.Factors[0].Text[1..], summary, StringComparison.Ordinal);
        Assert.All(indonesian.Explanation.Factors.Skip(1), f => Assert.Contains(f.Text, summary, StringComparison.Ordinal));
        Assert.DoesNotContain("Against", summary, StringComparison.Ordinal);
        Assert.Contains("mandatory units", english.Explanation.Summary, StringComparison.Ordinal);

        // The seeker's list and the workflow's suggestion answer in the same language.
        var forSeeker = await GetAsync<PageOf<SeekerItem>>(world.Staff, $"/api/v1/seekers/{seeker.Id}/suggestions", "id");
        var mine = forSeeker.Items.Single(s => s.Vacancy.Id == vacancy.Id);
        Assert.Equal("id", mine.Explanation.Language);
        Assert.Contains("unit kompetensi wajib", mine.Explanation.Summary, StringComparison.Ordinal);
        var detail = await GetAsync<Detail>(world.Staff, $"/api/v1/suggestions/{indonesian.Id}", "id");
        Assert.Contains("unit kompetensi wajib", detail.Summary, StringComparison.Ordinal);
        // Accept-Language with weights, as browsers send it.
        var weighted = await GetAsync<PageOf<Item>>(world.Staff, $"/api/v1/vacancies/{vacancy.Id}/suggestions",
            "id-ID,id;q=0.9,en;q=0.8");
        Assert.Equal("id", weighted.Items.Single(i => i.Seeker.Id == seeker.Id).Explanation.Language);
    }

    [Fact]
    public async Task A_suggestion_stored_before_indonesian_texts_existed_is_explained_in_english()
    {
        var app = service.App;
        var world = await app.WorkflowWorldAsync();
        var seeker = await world.CookAsync();
        var vacancy = await world.CookVacancyAsync();
        // Approved: matching never rewrites a row a person acted on, so the old shape below stays as written.
        var approved = await world.ApproveAsync(vacancy.Id, seeker.Id);
        var (_, english, indonesian) = await ReadThreeWaysAsync(app, world.Staff, vacancy.Id, seeker.Id);
        Assert.Equal("id", indonesian.Explanation.Language);

        // As stored before db/0014: no Indonesian summary, factors with the English text only.
        await app.StoreAsBeforeIndonesianTextsAsync(approved.Id);

        var old = (await GetAsync<PageOf<Item>>(world.Staff, $"/api/v1/vacancies/{vacancy.Id}/suggestions", "id"))
            .Items.Single(i => i.Id == approved.Id);
        Assert.Equal("approved", old.Status);
        Assert.Equivalent(english.Explanation, old.Explanation, strict: true);
        var detail = await GetAsync<Detail>(world.Staff, $"/api/v1/suggestions/{approved.Id}", "id");
        Assert.Equal(english.Explanation.Summary, detail.Summary);
    }

    [Theory]
    [InlineData("/api/v1/vacancies/{id}/suggestions")]
    [InlineData("/api/v1/seekers/{id}/suggestions")]
    public async Task The_suggestion_lists_document_the_language_of_their_explanations(string path)
    {
        var app = service.App;
        using var client = app.Anonymous();
        var doc = await client.GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");
        var description = doc.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("description")
            .GetString();
        Assert.Contains("Accept-Language", description, StringComparison.Ordinal);
        Assert.Contains("English for `en` and by default", description, StringComparison.Ordinal);
    }

    /// <summary>The seeker's suggestion for the vacancy read with no Accept-Language, with <c>en</c> and with
    /// <c>id</c>, from one computation: once the pair's own recomputes are done, nothing else (on a service of these
    /// tests' own) recomputes it.</summary>
    private static async Task<(Item None, Item English, Item Indonesian)> ReadThreeWaysAsync(TestApp app,
        HttpClient staff, long vacancyId, long seekerId)
    {
        await app.WaitForRecomputesAsync([vacancyId], [seekerId]);
        var url = $"/api/v1/vacancies/{vacancyId}/suggestions?pageSize=200";
        var none = (await GetAsync<PageOf<Item>>(staff, url, null)).Items.Single(i => i.Seeker.Id == seekerId);
        var english = (await GetAsync<PageOf<Item>>(staff, url, "en")).Items.Single(i => i.Seeker.Id == seekerId);
        var indonesian = (await GetAsync<PageOf<Item>>(staff, url, "id")).Items.Single(i => i.Seeker.Id == seekerId);
        Assert.Equal(none.ComputedAt, english.ComputedAt);
        Assert.Equal(english.ComputedAt, indonesian.ComputedAt);
        return (none, english, indonesian);
    }

    private static async Task<T> GetAsync<T>(HttpClient client, string url, string? acceptLanguage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        using var response = await client.SendAsync(request);
        return await response.ReadAsync<T>();
    }

    private sealed record PageOf<T>(List<T> Items);
}

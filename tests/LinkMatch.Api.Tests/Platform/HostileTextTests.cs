using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Platform;

/// <summary>Text a request carries passes one rule on every operation (<c>Http/TextInput.cs</c>): no NUL or other
/// control character, no unpaired surrogate, tabs and line breaks only in free-text fields. A refusal is 400
/// problem+json naming the field and the reason, and changes nothing.</summary>
public class HostileTextTests
{
    private static StringContent RawJson(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_nul_or_a_control_character_in_a_reference_data_update_is_refused_naming_the_field()
    {
        var app = await TestApp.SharedAsync();
        using var admin = await app.AdminAsync();
        var code = $"TEST.{Unique.Number()}.01";
        var created = await (await admin.PostAsJsonAsync("/api/v1/reference/competencies",
            new { code, title = "Menguji Sistem", framework = "skkni" })).ReadAsync<CompetencyDto>(HttpStatusCode.Created);

        foreach (var (title, reason) in new[] { ("Menguji\u0000Sistem", "NUL"), ("Menguji\u001BSistem", "U+001B"),
                     ("Menguji\u0085Sistem", "U+0085"), ("Menguji\tSistem", "free-text") })
        {
            var refused = await admin.PutAsJsonAsync($"/api/v1/reference/competencies/{created.Id}",
                new { code, title, framework = "other" });
            var problem = await refused.AssertProblemAsync(HttpStatusCode.BadRequest, "title");
            Assert.Contains(reason, problem.GetProperty("errors").GetProperty("title")[0].GetString(), StringComparison.Ordinal);
        }

        var after = await admin.GetFromJsonAsync<PageDto<CompetencyDto>>($"/api/v1/reference/competencies?q={code}");
        Assert.Equal(("Menguji Sistem", "skkni"), (after!.Items.Single().Title, after.Items.Single().Framework));
    }

    [Fact]
    public async Task An_unpaired_surrogate_is_refused_escaped_or_raw_and_a_pair_is_kept()
    {
        var app = await TestApp.SharedAsync();
        using var admin = await app.AdminAsync();
        var code = $"TEST.{Unique.Number()}.02";
        var escaped = await admin.PostAsync(new Uri("/api/v1/reference/competencies", UriKind.Relative),
            RawJson($$"""{"code":"{{code}}","title":"Las \ud800 busur","framework":"skkni"}"""));
        var problem = await escaped.AssertProblemAsync(HttpStatusCode.BadRequest, "title");
        Assert.Contains("unpaired surrogate", problem.GetProperty("errors").GetProperty("title")[0].GetString(), StringComparison.Ordinal);

        // A lone surrogate cannot even be encoded as UTF-8: the bytes ED A0 80 are what a careless client sends.
        var bytes = new ByteArrayContent([.. Encoding.UTF8.GetBytes("{\"code\":\"" + code + "\",\"title\":\"Las "),
            0xED, 0xA0, 0x80, .. Encoding.UTF8.GetBytes("\",\"framework\":\"skkni\"}")]);
        bytes.Headers.ContentType = new("application/json");
        await (await admin.PostAsync(new Uri("/api/v1/reference/competencies", UriKind.Relative), bytes))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        var none = await admin.GetFromJsonAsync<PageDto<CompetencyDto>>($"/api/v1/reference/competencies?q={code}");
        Assert.Empty(none!.Items);

        var pair = await (await admin.PostAsync(new Uri("/api/v1/reference/competencies", UriKind.Relative),
            RawJson($$"""{"code":"{{code}}","title":"Las busur \ud83d\udd25","framework":"skkni"}""")))
            .ReadAsync<CompetencyDto>(HttpStatusCode.Created);
        Assert.Equal("Las busur \U0001F525", pair.Title);
    }

    [Fact]
    public async Task Free_text_keeps_tabs_and_line_breaks_but_no_other_control_character()
    {
        var app = await TestApp.SharedAsync();
        using var admin = await app.AdminAsync();
        var body = new Dictionary<string, object>
        {
            ["name"] = Unique.Name("PT Teks"),
            ["kbliCode"] = "25111",
            ["address"] = "Jl. Jenderal Sudirman No. 10\r\nKlandasan Ilir\tBalikpapan",
            ["regionCode"] = "64.71",
        };
        var employer = await (await admin.PostAsJsonAsync("/api/v1/employers", body)).ReadAsync<EmployerDto>(HttpStatusCode.Created);
        Assert.Equal("Jl. Jenderal Sudirman No. 10\r\nKlandasan Ilir\tBalikpapan", employer.Address);

        body["address"] = "Jl. Jenderal Sudirman No. 10\u0007";
        var problem = await (await admin.PutAsJsonAsync($"/api/v1/employers/{employer.Id}", body))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "address");
        Assert.Contains("U+0007", problem.GetProperty("errors").GetProperty("address")[0].GetString(), StringComparison.Ordinal);

        body["address"] = "Jl. Jenderal Sudirman No. 12";
        body["name"] = "PT Teks\nBaris Dua";
        await (await admin.PutAsJsonAsync($"/api/v1/employers/{employer.Id}", body))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "name");
        var unchanged = await admin.GetFromJsonAsync<EmployerDto>($"/api/v1/employers/{employer.Id}", Json.Options);
        Assert.Equal(employer.Address, unchanged!.Address);
        Assert.Equal(employer.Name, unchanged.Name);
    }

    [Fact]
    public async Task Numbers_out_of_range_impossible_dates_and_nulls_name_the_field_and_the_expected_form()
    {
        var app = await TestApp.SharedAsync();
        var partner = await app.PartnerAsync();
        var before = await partner.Client.GetFromJsonAsync<PageDto<JsonElement>>("/api/v1/vacancies");
        foreach (var (field, raw, expected) in new[]
                 {
                     ("openings", "2147483648", "a whole number from -2147483648 to 2147483647"),
                     ("openings", "99999999999999999999999", "a whole number from -2147483648"),
                     ("wageMin", "1e400", "a whole number from -9223372036854775808"),
                     ("closesOn", "\"2027-02-30\"", "a calendar date written YYYY-MM-DD"),
                     ("minExperienceYears", "\"1.5\"", "a number"),
                     ("title", "null", "must not be null"),
                 })
        {
            var body = EmployerIntents.JobVacancy();
            body.Remove(field);
            var json = JsonSerializer.Serialize(body, Json.Options);
            json = json[..^1] + $",\"{field}\":{raw}}}";
            var problem = await (await partner.Client.PostAsync(new Uri("/api/v1/vacancies", UriKind.Relative), RawJson(json)))
                .AssertProblemAsync(HttpStatusCode.BadRequest, field);
            Assert.Contains(expected, problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        }

        var after = await partner.Client.GetFromJsonAsync<PageDto<JsonElement>>("/api/v1/vacancies");
        Assert.Equal(before!.Total, after!.Total);
    }

    [Theory]
    [InlineData("/api/v1/employers?q=PT%00Mitra", "q")]
    [InlineData("/api/v1/reference/competencies?q=las%1B", "q")]
    [InlineData("/api/v1/vacancies?occupationCode=7212%0A", "occupationCode")]
    public async Task A_control_character_in_a_query_parameter_is_refused_naming_it(string path, string field)
    {
        var app = await TestApp.SharedAsync();
        using var admin = await app.AdminAsync();
        await (await admin.GetAsync(new Uri(path, UriKind.Relative))).AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }
}

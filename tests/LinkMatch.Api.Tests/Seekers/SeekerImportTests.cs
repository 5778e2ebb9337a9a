using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using Xunit.Abstractions;

namespace LinkMatch.Api.Tests.Seekers;

public class SeekerImportTests(ITestOutputHelper output)
{
    private const string Header =
        "nik,fullName,birthDate,sex,educationLevel,educationMajor,regionCode,phone,email,preferredOccupations,preferredRegions,expectedWage,willingToRelocate,registeredOn,competencies";

    public sealed record ImportResultDto(string Mode, int Rows, int Imported, int Rejected, List<RejectDto> Rejects);

    public sealed record RejectDto(int Line, string Column, string Reason);

    [Fact]
    public async Task A_good_file_imports_every_row_with_competencies_preferences_and_audit()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, officeId) = await app.StaffAsync();
        using var _ = staff;
        var people = Enumerable.Range(0, 3).Select(_ => Person.New()).ToList();
        var csv = new StringBuilder(Header).Append("\r\n");
        csv.Append(Row(people[0], "\"Siti, Aminah\"", competencies: "C.251000.010.01:3:certified;C.251000.001.01:2:trained:1.5")).Append("\r\n");
        csv.Append(Row(people[1], "Budi", sex: people[1].Sex == "female" ? "P" : "L",
            birthDate: people[1].BirthDate.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture))).Append("\r\n\r\n");
        csv.Append(Row(people[2], "\"Andi \"\"Las\"\"\"", phone: "", email: ""));

        var result = await (await Import(staff, csv.ToString())).ReadAsync<ImportResultDto>();
        Assert.Equal(("all", 3, 3, 0), (result.Mode, result.Rows, result.Imported, result.Rejected));

        var found = await staff.GetFromJsonAsync<SeekerIntents.PageOf<SeekerSummaryDto>>($"/api/v1/seekers?nik={people[0].Nik}");
        var first = await staff.GetSeekerAsync(found!.Items.Single().Id);
        Assert.Equal(("Siti, Aminah", people[0].Phone, people[0].Email, officeId, 4_500_000L), (first.FullName, first.Phone, first.Email, first.OfficeId, first.ExpectedWage ?? 0));
        Assert.Equal([("C.251000.001.01", 2, "trained", 1.5m), ("C.251000.010.01", 3, "certified", 0m)],
            first.Competencies.Select(c => (c.Code, c.Level, c.Evidence, c.Years)));
        Assert.Equal(["7212"], first.PreferredOccupations);
        Assert.Equal(["64.71", "64.72"], first.PreferredRegions);
        Assert.NotNull(first.Ak1Number);
        Assert.Equal(1, await app.AuditCountAsync(first.Id, "seeker.import"));

        var third = await staff.GetFromJsonAsync<SeekerIntents.PageOf<SeekerSummaryDto>>($"/api/v1/seekers?nik={people[2].Nik}");
        Assert.Equal("Andi \"Las\"", third!.Items.Single().FullName);
        var second = await staff.GetFromJsonAsync<SeekerIntents.PageOf<SeekerSummaryDto>>($"/api/v1/seekers?nik={people[1].Nik}");
        Assert.Equal(people[1].Sex, second!.Items.Single().Sex);
    }

    [Fact]
    public async Task In_all_mode_one_bad_row_imports_nothing_and_every_bad_row_is_reported()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, _) = await app.StaffAsync();
        using var _ = staff;
        var (csv, good, registered) = await MixedFileAsync(staff);

        var response = await Import(staff, csv);
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var rejects = problem.GetProperty("rejects").Deserialize<List<RejectDto>>(Json.Options)!;
        AssertMixedRejects(rejects);
        var body = problem.ToString();
        Assert.DoesNotContain(registered.Nik, body, StringComparison.Ordinal);
        foreach (var person in good)
        {
            Assert.DoesNotContain(person.Nik, body, StringComparison.Ordinal);
            var found = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/seekers?nik={person.Nik}");
            Assert.Equal(0, found.GetProperty("total").GetInt64());
        }
    }

    [Fact]
    public async Task In_partial_mode_the_good_rows_are_imported_and_the_rest_reported()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, _) = await app.StaffAsync();
        using var _ = staff;
        var (csv, good, _) = await MixedFileAsync(staff);

        var result = await (await Import(staff, csv, "?mode=partial")).ReadAsync<ImportResultDto>();
        Assert.Equal(("partial", 10, 3, 7), (result.Mode, result.Rows, result.Imported, result.Rejected));
        AssertMixedRejects(result.Rejects);
        foreach (var person in good)
        {
            var found = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/seekers?nik={person.Nik}");
            Assert.Equal(1, found.GetProperty("total").GetInt64());
        }
    }

    [Fact]
    public async Task Bad_headers_media_types_and_callers_are_refused()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, _) = await app.StaffAsync();
        using var _ = staff;
        var person = Person.New();
        await (await Import(staff, "nik,fullName,birthDate,sex,educationLevel,regionCode,nickname\n"))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "nickname");
        await (await Import(staff, "fullName,birthDate,sex,educationLevel,regionCode\nA,2000-01-01,male,sd,64.71\n"))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "nik");
        await (await Import(staff, Header + "\n")).AssertProblemAsync(HttpStatusCode.BadRequest, "body");
        await (await Import(staff, "")).AssertProblemAsync(HttpStatusCode.BadRequest, "body");
        await (await Import(staff, Header + "\n" + Row(person, "X"), "?mode=sometimes")).AssertProblemAsync(HttpStatusCode.BadRequest, "mode");
        var json = await staff.PostAsync(new Uri("/api/v1/seekers/import", UriKind.Relative),
            new StringContent("{}", Encoding.UTF8, "application/json"));
        await json.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);

        using var admin = await app.AdminAsync();
        await (await Import(admin, Header + "\n" + Row(person, "X"))).AssertProblemAsync(HttpStatusCode.BadRequest, "officeId");
        var (employer, _) = await app.EmployerAsync();
        using var __ = employer;
        await (await Import(employer, Header + "\n" + Row(person, "X"))).AssertProblemAsync(HttpStatusCode.Forbidden);
        var found = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/seekers?nik={person.Nik}");
        Assert.Equal(0, found.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Ten_thousand_rows_import_in_one_request()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, officeId) = await app.StaffAsync();
        using var _ = staff;
        var csv = new StringBuilder(Header).Append('\n');
        var niks = new HashSet<string>();
        while (niks.Count < 10_000)
        {
            var person = Person.New();
            if (niks.Add(person.Nik))
            {
                csv.Append(Row(person, $"Pencaker {niks.Count}", competencies: "C.251000.010.01:2:trained")).Append('\n');
            }
        }

        output.WriteLine($"file: {csv.Length / 1024} KiB");
        var clock = Stopwatch.StartNew();
        var response = await Import(staff, csv.ToString(), "?mode=partial");
        var result = await response.ReadAsync<ImportResultDto>();
        output.WriteLine($"10,000 rows imported in {clock.ElapsedMilliseconds} ms");
        Assert.True(result.Imported == 10_000, string.Join("\n", result.Rejects.Take(10)));

        var page = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/seekers?pageSize=1&officeId={officeId}");
        Assert.Equal(10_000, page.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task The_import_body_limit_is_configurable_and_answers_413()
    {
        var app = await TestApp.StartIsolatedAsync("import_limit",
            new Dictionary<string, string> { ["Limits__MaxImportBodyBytes"] = "4096" });
        try
        {
            var (staff, _, _) = await app.StaffAsync();
            using var _ = staff;
            var small = Header + "\n" + Row(Person.New(), "Kecil");
            Assert.Equal(HttpStatusCode.OK, (await Import(staff, small)).StatusCode);
            var big = Header + "\n" + string.Join("\n", Enumerable.Range(0, 40).Select(i => Row(Person.New(), $"Besar {i}")));
            await (await Import(staff, big)).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    internal static string Row(Person p, string name, string? sex = null, string? birthDate = null, string? phone = null,
        string? email = null, string competencies = "") =>
        string.Join(',', p.Nik, name, birthDate ?? p.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            sex ?? p.Sex, "smk", "Teknik Las", "64.71", phone ?? p.Phone, email ?? p.Email, "7212", "64.71;64.72",
            "4500000", "ya", "2025-02-03", competencies);

    internal static Task<HttpResponseMessage> Import(HttpClient client, string csv, string query = "") =>
        client.PostAsync(new Uri($"/api/v1/seekers/import{query}", UriKind.Relative),
            new StringContent(csv, Encoding.UTF8, "text/csv"));

    /// <summary>Three good rows (lines 2, 6 and 7) and one bad row per kind of problem.</summary>
    private static async Task<(string Csv, List<Person> Good, Person Registered)> MixedFileAsync(HttpClient staff)
    {
        var registered = Person.New();
        await staff.RegisterAsync(SeekerIntents.NewSeeker(registered));
        var good = new List<Person> { Person.New(), Person.New() };
        var twice = Person.New();
        var woman = Person.New("female");
        var lines = new[]
        {
            Header,
            Row(good[0], "Good One"),                                                   // 2
            Row(Person.New() with { Nik = "12345" }, "Short Nik"),                       // 3 nik
            Row(woman, "Wrong Sex", sex: "male"),                                        // 4 nik
            Row(Person.New(), "Bad Mail", email: "nobody"),                              // 5 email
            Row(twice, "Twice A"),                                                       // 6 (first of a pair: good)
            Row(good[1], "Good Two"),                                                    // 7
            Row(twice, "Twice B"),                                                       // 8 nik (same as line 6)
            Row(registered, "Already There"),                                            // 9 nik
            Row(Person.New(), "Unknown Unit", competencies: "X.999.999:3:certified"),     // 10 competencies
            Row(Person.New(), "Bad Date", birthDate: "31-31-1990"),                      // 11 birthDate
        };
        good.Insert(1, twice);
        return (string.Join("\n", lines) + "\n", good, registered);
    }

    private static void AssertMixedRejects(List<RejectDto> rejects)
    {
        var expected = new[]
        {
            (3, "nik"), (4, "nik"), (5, "email"), (8, "nik"), (9, "nik"), (10, "competencies"), (11, "birthDate"),
        };
        foreach (var (line, column) in expected)
        {
            Assert.True(rejects.Any(r => r.Line == line && r.Column == column),
                $"expected a reject on line {line} naming {column}: {string.Join("; ", rejects)}");
        }

        Assert.DoesNotContain(rejects, r => r.Line is 2 or 6 or 7);
        Assert.Contains(rejects, r => r.Line == 8 && r.Reason.Contains("line 6", StringComparison.Ordinal));
    }
}

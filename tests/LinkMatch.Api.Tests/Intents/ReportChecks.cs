using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Intents;

/// <summary>Facts about the reports and the world they count: through the API as an admin (the audit API, the jobs
/// API, the registry's lists), in raw SQL (each saying why) where none can.</summary>
public static class ReportChecks
{
    /// <summary>The unique keys (<c>report:{kind}:{scope}</c>) of every report recompute job, of any state.</summary>
    public static async Task<List<string>> ReportRecomputeKeysAsync(this TestApp app) =>
        [.. (await app.JobsOfKindAsync("reports.compute")).Select(j => j.UniqueKey ?? "")];

    /// <summary>How many times the seeker's upskilling report was read, from the record of processing.</summary>
    public static async Task<int> UpskillingReadsAsync(this TestApp app, long seekerId) =>
        (await app.AuditRowsAsync(seekerId, "seeker.read")).Count(r => r.Detail("via") == "upskilling");

    /// <summary>The id of the BLK with the code, from the admin's list of BLKs.</summary>
    public static async Task<long> TrainingCentreIdAsync(this TestApp app, string code)
    {
        var page = await (await app.SharedAdminAsync()).GetFromJsonAsync<JsonElement>(
            $"/api/v1/training-centres?q={Uri.EscapeDataString(code)}&pageSize=200");
        return Assert.Single(page.GetProperty("items").EnumerateArray(), c => c.GetProperty("code").GetString() == code)
            .GetProperty("id").GetInt64();
    }

    /// <summary>The first (by id) active seeker of the office who completed a course at the BLK, completed no other
    /// and was never placed: a hire whom every report counts once.</summary>
    public static async Task<long> NeverPlacedGraduateAsync(this TestApp app, long trainingCentreId, long officeId)
    {
        var admin = await app.SharedAdminAsync();
        var graduates = (await admin.AllPagesAsync<EnrolmentDto>(
                $"/api/v1/enrolments?trainingCentreId={trainingCentreId}&status=completed"))
            .Select(e => e.Seeker.Id).Distinct().Order();
        foreach (var id in graduates)
        {
            using var response = await admin.GetAsync($"/api/v1/seekers/{id}");
            if (response.StatusCode == HttpStatusCode.Gone)
            {
                continue;
            }

            var seeker = await response.ReadAsync<SeekerDto>();
            if (seeker.Status == "active" && seeker.OfficeId == officeId
                && await TotalAsync(admin, $"/api/v1/placements?seekerId={id}") == 0
                && await TotalAsync(admin, $"/api/v1/enrolments?seekerId={id}&status=completed") == 1)
            {
                return id;
            }
        }

        throw new InvalidOperationException($"no never-placed graduate of BLK {trainingCentreId} in office {officeId}");
    }

    /// <summary>The first (by id) open vacancy of the office with places left and a mandatory unit.</summary>
    public static async Task<VacancyDto> OpenVacancyWithMandatoryUnitAsync(this TestApp app, long officeId) =>
        (await (await app.SharedAdminAsync()).AllPagesAsync<VacancyDto>($"/api/v1/vacancies?officeId={officeId}&status=open"))
        .Where(v => v.Filled < v.Openings && v.Competencies.Any(c => c.Mandatory)).MinBy(v => v.Id)
        ?? throw new InvalidOperationException($"no open vacancy with a mandatory unit in office {officeId}");

    /// <summary>The longest any stored report took to compute, in milliseconds. Raw SQL: the time is kept with each
    /// snapshot for operators, and no report or API returns it.</summary>
    public static Task<int> SlowestReportComputeMsAsync(this TestApp app) =>
        app.ScalarAsync<int>("select max(compute_ms) from report_snapshots");

    /// <summary>The unique key each stored report snapshot's recompute job carries (<c>report:{kind}:{scope}</c>),
    /// one per snapshot. Raw SQL: the snapshots (one per report and scope ever asked for) are the reports' own store,
    /// and no API lists them.</summary>
    public static async Task<List<string>> StoredReportKeysAsync(this TestApp app)
    {
        await using var conn = app.Database.OpenOwnerConnection();
        return [.. await conn.QueryAsync<string>("select 'report:' || kind || ':' || scope_key from report_snapshots")];
    }

    private static async Task<long> TotalAsync(HttpClient admin, string url) =>
        (await (await admin.GetAsync($"{url}&pageSize=1")).ReadAsync<JsonElement>()).GetProperty("total").GetInt64();
}

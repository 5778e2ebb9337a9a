using System.Net.Http.Json;
using System.Text.Json;
using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Intents;

/// <summary>Facts about BLKs, courses, cohorts and enrolments, read through the API as an admin.</summary>
public static class TrainingChecks
{
    /// <summary>How many cohorts the course has.</summary>
    public static async Task<long> CohortCountAsync(this TestApp app, long courseId) =>
        (await app.AdminGetAsync($"/api/v1/cohorts?courseId={courseId}&pageSize=1")).GetProperty("total").GetInt64();

    /// <summary>How many enrolments the cohort has, in any status. The list records a read of the one seeker it
    /// shows, so check the record of processing before this.</summary>
    public static async Task<long> EnrolmentCountAsync(this TestApp app, long cohortId) =>
        (await app.AdminGetAsync($"/api/v1/enrolments?cohortId={cohortId}&pageSize=1")).GetProperty("total").GetInt64();

    /// <summary>How many courses carry exactly this code.</summary>
    public static async Task<int> CoursesWithCodeAsync(this TestApp app, string code) =>
        (await app.AdminGetAsync($"/api/v1/courses?q={Uri.EscapeDataString(code)}&pageSize=200"))
        .GetProperty("items").EnumerateArray().Count(c => c.GetProperty("code").GetString() == code);

    /// <summary>How many BLKs carry exactly this code.</summary>
    public static async Task<int> TrainingCentresWithCodeAsync(this TestApp app, string code) =>
        (await app.AdminGetAsync($"/api/v1/training-centres?q={Uri.EscapeDataString(code)}&pageSize=200"))
        .GetProperty("items").EnumerateArray().Count(c => c.GetProperty("code").GetString() == code);

    private static async Task<JsonElement> AdminGetAsync(this TestApp app, string url) =>
        await (await app.SharedAdminAsync()).GetFromJsonAsync<JsonElement>(url);
}

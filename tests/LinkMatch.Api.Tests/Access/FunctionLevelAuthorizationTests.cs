using System.Globalization;
using System.Text;
using LinkMatch.Api.Tests.Console;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Access;

/// <summary>Every route × every role against the expected policy. The expected list is written out by hand: a new
/// route without an entry fails until someone decides who may call it.</summary>
public class FunctionLevelAuthorizationTests
{
    /// <summary>Routes anyone may call: health, sign-in (API and console), the console's language switch and
    /// error pages. Swagger UI, the OpenAPI document and the console's stylesheet are middleware.</summary>
    private static readonly HashSet<string> Anonymous =
    [
        "* /health/live", "* /health/ready", "POST /api/v1/auth/login", "POST /api/v1/auth/refresh",
        "* /masuk", "* /keluar", "* /bahasa", "* /galat/{code}",
    ];

    public static readonly Dictionary<string, string> ExpectedPolicies = new()
    {
        ["GET /api/v1/audit"] = "admin",
        ["GET /api/v1/auth/me"] = "any-caller",
        ["GET /api/v1/cohorts"] = "staff-or-instructor",
        ["POST /api/v1/cohorts"] = "instructor",
        ["GET /api/v1/cohorts/{id}"] = "staff-or-instructor",
        ["PUT /api/v1/cohorts/{id}"] = "instructor",
        ["GET /api/v1/cohorts/{id}/uptake"] = "staff-or-instructor",
        ["GET /api/v1/courses"] = "staff-or-instructor",
        ["POST /api/v1/courses"] = "instructor",
        ["GET /api/v1/courses/{id}"] = "staff-or-instructor",
        ["PUT /api/v1/courses/{id}"] = "instructor",
        ["GET /api/v1/courses/{id}/uptake"] = "staff-or-instructor",
        ["GET /api/v1/employers"] = "any-caller",
        ["POST /api/v1/employers"] = "staff",
        ["GET /api/v1/employers/{id}"] = "any-caller",
        ["PUT /api/v1/employers/{id}"] = "staff",
        ["GET /api/v1/employers/{id}/api-keys"] = "staff",
        ["GET /api/v1/employers/{id}/disability-quota"] = "staff-or-employer",
        ["POST /api/v1/employers/{id}/api-keys"] = "staff",
        ["POST /api/v1/employers/{id}/api-keys/{keyId}/revoke"] = "staff",
        ["GET /api/v1/enrolments"] = "staff-or-instructor",
        ["POST /api/v1/enrolments"] = "instructor",
        ["GET /api/v1/enrolments/{id}"] = "staff-or-instructor",
        ["PUT /api/v1/enrolments/{id}"] = "instructor",
        ["PUT /api/v1/enrolments/{id}/assessments"] = "instructor",
        ["PUT /api/v1/enrolments/{id}/certificate"] = "instructor",
        ["GET /api/v1/jobs"] = "staff",
        ["POST /api/v1/matching/refresh"] = "admin",
        ["GET /api/v1/models"] = "admin",
        ["POST /api/v1/models/retrain"] = "admin",
        ["POST /api/v1/models/rollback"] = "admin",
        ["GET /api/v1/models/{version}"] = "admin",
        ["POST /api/v1/models/{version}/promote"] = "admin",
        ["GET /api/v1/jobs/stats"] = "staff",
        ["GET /api/v1/jobs/schedules"] = "staff",
        ["POST /api/v1/jobs/schedules/{name}/run"] = "staff",
        ["GET /api/v1/jobs/{id}"] = "staff",
        ["POST /api/v1/jobs/{id}/retry"] = "staff",
        ["POST /api/v1/jobs/{id}/cancel"] = "staff",
        ["GET /api/v1/mous"] = "any-caller",
        ["POST /api/v1/mous"] = "admin",
        ["GET /api/v1/mous/{id}"] = "any-caller",
        ["PUT /api/v1/mous/{id}"] = "admin",
        ["POST /api/v1/mous/{id}/terminate"] = "admin",
        ["GET /api/v1/mous/{id}/commitments"] = "any-caller",
        ["POST /api/v1/mous/{id}/commitments"] = "staff",
        ["GET /api/v1/mous/{id}/commitments/{cid}"] = "any-caller",
        ["PUT /api/v1/mous/{id}/commitments/{cid}"] = "staff",
        ["DELETE /api/v1/mous/{id}/commitments/{cid}"] = "staff",
        ["GET /api/v1/mous/{id}/commitments/{cid}/activities"] = "any-caller",
        ["POST /api/v1/mous/{id}/commitments/{cid}/activities"] = "staff",
        ["GET /api/v1/mous/{id}/scorecard"] = "any-caller",
        ["GET /api/v1/offices"] = "any-caller",
        ["POST /api/v1/offices"] = "admin",
        ["GET /api/v1/offices/{id}"] = "any-caller",
        ["PUT /api/v1/offices/{id}"] = "admin",
        ["GET /api/v1/placements"] = "staff-or-employer",
        ["POST /api/v1/placements"] = "staff",
        ["GET /api/v1/placements/{id}"] = "staff-or-employer",
        ["PUT /api/v1/placements/{id}"] = "staff",
        ["GET /api/v1/reference/competencies"] = "any-caller",
        ["POST /api/v1/reference/competencies"] = "admin",
        ["GET /api/v1/reference/competencies/{id}"] = "any-caller",
        ["PUT /api/v1/reference/competencies/{id}"] = "admin",
        ["GET /api/v1/reference/industries"] = "any-caller",
        ["POST /api/v1/reference/industries"] = "admin",
        ["GET /api/v1/reference/industries/{code}"] = "any-caller",
        ["PUT /api/v1/reference/industries/{code}"] = "admin",
        ["GET /api/v1/reference/occupations"] = "any-caller",
        ["POST /api/v1/reference/occupations"] = "admin",
        ["GET /api/v1/reference/occupations/{code}"] = "any-caller",
        ["PUT /api/v1/reference/occupations/{code}"] = "admin",
        ["GET /api/v1/reference/regions"] = "any-caller",
        ["POST /api/v1/reference/regions"] = "admin",
        ["GET /api/v1/reference/regions/{code}"] = "any-caller",
        ["PUT /api/v1/reference/regions/{code}"] = "admin",
        ["GET /api/v1/reports/ipk"] = "staff",
        ["GET /api/v1/reports/equal-opportunity"] = "staff",
        ["GET /api/v1/reports/disability-quota"] = "staff",
        ["GET /api/v1/reports/mou-scorecard"] = "staff",
        ["GET /api/v1/reports/training-gaps"] = "staff-or-instructor",
        ["POST /api/v1/reports/{kind}/refresh"] = "staff-or-instructor",
        ["GET /api/v1/seekers"] = "staff-or-instructor",
        ["POST /api/v1/seekers"] = "staff",
        ["POST /api/v1/seekers/import"] = "staff",
        ["GET /api/v1/seekers/{id}"] = "staff-or-instructor",
        ["PUT /api/v1/seekers/{id}"] = "staff",
        ["PUT /api/v1/seekers/{id}/competencies"] = "staff",
        ["POST /api/v1/seekers/{id}/consent"] = "staff",
        ["POST /api/v1/seekers/{id}/consent/withdraw"] = "staff",
        ["POST /api/v1/seekers/{id}/erase"] = "staff",
        ["GET /api/v1/seekers/{id}/export"] = "staff",
        ["GET /api/v1/seekers/{id}/upskilling"] = "staff",
        ["GET /api/v1/seekers/{id}/suggestions"] = "staff",
        ["GET /api/v1/training-centres"] = "staff-or-instructor",
        ["POST /api/v1/training-centres"] = "admin",
        ["GET /api/v1/training-centres/{id}"] = "staff-or-instructor",
        ["PUT /api/v1/training-centres/{id}"] = "admin",
        ["GET /api/v1/training-centres/{id}/uptake"] = "staff-or-instructor",
        ["GET /api/v1/users"] = "admin",
        ["POST /api/v1/users"] = "admin",
        ["GET /api/v1/users/{id}"] = "admin",
        ["PUT /api/v1/users/{id}"] = "admin",
        ["POST /api/v1/users/{id}/password"] = "admin",
        ["GET /api/v1/vacancies"] = "any-caller",
        ["POST /api/v1/vacancies"] = "staff-or-employer",
        ["GET /api/v1/vacancies/{id}"] = "any-caller",
        ["PUT /api/v1/vacancies/{id}"] = "staff-or-employer",
        ["POST /api/v1/vacancies/{id}/close"] = "staff-or-employer",
        ["POST /api/v1/vacancies/{id}/fill"] = "staff-or-employer",
        ["GET /api/v1/vacancies/{id}/suggestions"] = "staff",
        ["GET /api/v1/referrals"] = "staff-or-employer",
        ["GET /api/v1/suggestions"] = "staff",
        ["GET /api/v1/suggestions/{id}"] = "staff-or-employer",
        ["POST /api/v1/suggestions/{id}/approve"] = "staff",
        ["POST /api/v1/suggestions/{id}/reject"] = "staff",
        ["POST /api/v1/suggestions/{id}/interview"] = "staff-or-employer",
        ["POST /api/v1/suggestions/{id}/hire"] = "staff-or-employer",
        ["POST /api/v1/suggestions/{id}/not-hired"] = "staff-or-employer",
        ["POST /api/v1/suggestions/{id}/ratify"] = "staff",
        ["GET /api/v1/worklist"] = "staff",

        // Console pages (Razor Pages answer every method; GET is what the matrix sends).
        ["* /"] = "staff-or-instructor",

        // Console: vacancies and the workflow on suggestions.
        ["* /lowongan"] = "staff",
        ["* /lowongan/{id}"] = "staff",
        ["* /saran"] = "staff",
        ["* /saran/{id}"] = "staff",

        // Console: job seekers.
        ["* /pencari-kerja"] = "staff-or-instructor",
        ["* /pencari-kerja/{id}"] = "staff-or-instructor",

        // Console: training centres (BLK).
        ["* /blk"] = "staff-or-instructor",
        ["* /blk/{id}"] = "staff-or-instructor",
        ["GET /api/v1/training-centres/uptake"] = "staff-or-instructor",

        // Console: reports.
        ["* /laporan"] = "staff-or-instructor",
        ["* /laporan/kebutuhan-pelatihan"] = "staff-or-instructor",
        ["* /laporan/ipk"] = "staff",
        ["* /laporan/kesempatan-setara"] = "staff",
        ["* /laporan/kemitraan"] = "staff",
        ["* /laporan/kemitraan/{id}"] = "staff",

        // Console: admin.
        ["GET /api/v1/jobs/failures"] = "staff",
        ["* /admin"] = "admin",
        ["* /admin/pengguna"] = "admin",
        ["* /admin/pengguna/baru"] = "admin",
        ["* /admin/pengguna/{id}"] = "admin",
        ["* /admin/kunci-api"] = "admin",
        ["* /admin/model"] = "admin",
        ["* /admin/antrean"] = "admin",
        ["* /admin/antrean/{id}"] = "admin",
        ["* /admin/audit"] = "admin",
    };

    private static readonly Dictionary<string, string[]> RolesOf = new()
    {
        ["admin"] = ["admin"],
        ["staff"] = ["admin", "staff"],
        ["instructor"] = ["admin", "instructor"],
        ["staff-or-instructor"] = ["admin", "staff", "instructor"],
        ["staff-or-employer"] = ["admin", "staff", "employer"],
        ["employer"] = ["employer"],
        ["any-caller"] = ["admin", "staff", "instructor", "employer"],
    };

    /// <summary>The roles a policy admits (none for anonymous routes).</summary>
    public static string[] RolesOfPolicy(string? policy) => policy is null ? [] : RolesOf[policy];

    [Fact]
    public async Task Every_route_has_the_expected_policy_or_is_explicitly_anonymous()
    {
        var routes = await RouteTable.AllAsync();
        var problems = new List<string>();
        foreach (var route in routes)
        {
            if (route.Anonymous)
            {
                if (!Anonymous.Contains(route.Key))
                {
                    problems.Add($"{route.Key} allows anonymous callers but is not on the anonymous list");
                }
            }
            else if (!ExpectedPolicies.TryGetValue(route.Key, out var expected))
            {
                problems.Add($"{route.Key} (policy {route.Policy ?? "none"}) has no expected policy in this test");
            }
            else if (route.Policy != expected)
            {
                problems.Add($"{route.Key} has policy {route.Policy ?? "none"}, expected {expected}");
            }
        }

        var keys = routes.Select(r => r.Key).ToHashSet();
        problems.AddRange(ExpectedPolicies.Keys.Where(k => !keys.Contains(k)).Select(k => $"{k} is expected but not mapped"));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Every_route_answers_every_role_as_its_policy_says_and_refusals_change_nothing()
    {
        // No workers: the jobs permitted requests enqueue (matching recomputes, report recomputes) must not change
        // rows in the background while refused requests are checked for changing nothing; report recomputes are due
        // at once, since a delayed one would be staged (scheduled to available) in the middle of a later check.
        var app = await TestApp.StartIsolatedAsync("function_matrix",
            new Dictionary<string, string> { ["Jobs__Workers"] = "0", ["Reports__RefreshDelay"] = "00:00:00" });
        try
        {
            var callers = await CallersAsync(app);
            var routes = (await RouteTable.AllAsync()).Where(r => !r.Anonymous).ToList();
            var failures = new List<string>();
            foreach (var route in routes)
            {
                var allowed = RolesOf[route.Policy!];
                var console = !route.Pattern.StartsWith("/api/", StringComparison.Ordinal);
                foreach (var (role, client) in callers)
                {
                    var before = await DatabaseSnapshot.TakeAsync(app);
                    using var response = await client.SendAsync(Request(route));
                    var status = (int)response.StatusCode;
                    var permitted = role != "anonymous" && allowed.Contains(role);
                    // The console sends anonymous people to its sign-in page; the API answers 401.
                    var anonymousAnswer = console ? 302 : 401;
                    var expected = role == "anonymous" ? anonymousAnswer.ToString(CultureInfo.InvariantCulture)
                        : permitted ? "not 401/403, not 5xx" : "403";
                    var ok = role == "anonymous" ? status == anonymousAnswer
                            && (!console || response.Headers.Location?.ToString().Contains("/masuk", StringComparison.Ordinal) == true)
                        : permitted ? status is not (401 or 403) and < 500
                        : status == 403;
                    if (!ok)
                    {
                        failures.Add($"{route.Key} as {role}: {status}, expected {expected}");
                    }

                    if (!permitted && status is 401 or 403)
                    {
                        Assert.Equal(console ? "text/html" : "application/problem+json",
                            response.Content.Headers.ContentType?.MediaType);
                        var changed = DatabaseSnapshot.Diff(before, await DatabaseSnapshot.TakeAsync(app));
                        if (changed.Count > 0)
                        {
                            failures.Add($"{route.Key} as {role} was refused but changed {string.Join(", ", changed)}");
                        }
                    }
                }
            }

            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }
        finally
        {
            await app.StopAsync();
        }
    }

    /// <summary>Each role as the API sees it and as the console does: users with a console session cookie as well as
    /// a bearer token (each scheme answers on its own paths), employers with their API key, anonymous without
    /// redirects followed.</summary>
    private static async Task<List<(string Role, HttpClient Client)>> CallersAsync(TestApp app)
    {
        var partner = await app.PartnerAsync();
        var staff = await app.CreateUserAsync("staff", officeId: partner.OfficeId);
        var centre = await app.CreateTrainingCentreAsync(partner.OfficeId);
        var instructor = await app.CreateUserAsync("instructor", trainingCentreId: centre.Id);
        return
        [
            ("anonymous", SignedInClients.Anonymous(app)),
            ("admin", await SignedInClients.BothAsync(app, TestApp.AdminUser, TestApp.AdminPassword)),
            ("staff", await SignedInClients.BothAsync(app, staff.UserName, PlatformIntents.Password)),
            ("instructor", await SignedInClients.BothAsync(app, instructor.UserName, PlatformIntents.Password)),
            ("employer", partner.Client),
        ];
    }

    private static HttpRequestMessage Request(RouteEntry route)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(RouteEntry.Normalize(route.Pattern), @"\{(\w+)\}",
            m => m.Groups[1].Value is "code" ? "99.99" : "987654321");
        var method = route.Method == "*" ? HttpMethod.Get : new HttpMethod(route.Method);
        var request = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Post || method == HttpMethod.Put || method == HttpMethod.Patch)
        {
            var type = route.ContentTypes.Count > 0 ? route.ContentTypes[0] : "application/json";
            request.Content = new StringContent(type.Contains("json", StringComparison.Ordinal) ? "{}" : "", Encoding.UTF8, type);
        }

        return request;
    }
}

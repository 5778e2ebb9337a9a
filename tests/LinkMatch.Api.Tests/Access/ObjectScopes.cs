using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Access;

/// <summary>What a route's parameters name (a kind of object in <see cref="OwnersWorld"/>) and which roles reach
/// only their own owner's objects of that kind: staff by office, instructors by BLK, employers by employer. Admins
/// are never scoped; roles the policy refuses are the function-level matrix's business. <see cref="Body"/> is a
/// request body that would be accepted if the object were the caller's, so that a 404 is not hidden by a 400.</summary>
public sealed record ObjectScope(string? Resource, string[] ScopedRoles, string? Why = null,
    Func<OwnersWorld, object>? Body = null, Func<OwnersWorld, string>? Query = null, Func<long, string>? Link = null)
{
    public const string Staff = "staff";
    public const string Instructor = "instructor";
    public const string Employer = "employer";

    /// <summary>The route names (or lists) objects of <paramref name="resource"/>; the roles see only their owner's.</summary>
    public static ObjectScope Owned(string resource, params string[] roles) => new(resource, roles);

    /// <summary>Nobody below admin owns these objects: every caller the policy admits may reach them all.</summary>
    public static ObjectScope Shared(string why) => new(null, [], why);

    public ObjectScope With(Func<OwnersWorld, object> body) => this with { Body = body };

    /// <summary>The object is named in the query string (reports of an office, say), not in the path.</summary>
    public ObjectScope At(Func<OwnersWorld, string> query) => this with { Query = query };

    /// <summary>A console list page: it shows an object as a link to its page (<c>/lowongan/{id}</c>); another
    /// owner's page must not link to it.</summary>
    public ObjectScope Linking(Func<long, string> link) => this with { Link = link };
}

/// <summary>The expected object scope of every route with a route parameter and of every list (a GET without one).
/// Adding a route is one line here; a route without a line fails
/// <see cref="ObjectLevelAuthorizationTests.Every_route_with_an_id_and_every_list_has_an_object_scope"/>.</summary>
public static class ObjectScopes
{
    private const string Staff = ObjectScope.Staff;
    private const string Instructor = ObjectScope.Instructor;
    private const string Employer = ObjectScope.Employer;

    private static DateOnly Today => OwnersWorld.Today;

    public static readonly Dictionary<string, ObjectScope> Expected = new()
    {
        ["GET /api/v1/audit"] = ObjectScope.Shared("admins only"),
        ["GET /api/v1/auth/me"] = ObjectScope.Shared("the caller itself"),
        ["GET /api/v1/cohorts"] = ObjectScope.Owned("cohort", Staff, Instructor),
        ["GET /api/v1/cohorts/{id}"] = ObjectScope.Owned("cohort", Staff, Instructor),
        ["GET /api/v1/cohorts/{id}/uptake"] = ObjectScope.Owned("cohort", Staff, Instructor),
        ["PUT /api/v1/cohorts/{id}"] = ObjectScope.Owned("cohort", Instructor).With(_ => new { name = "Angkatan X", startsOn = Today.AddDays(-30), endsOn = Today.AddDays(30), capacity = 20, instructorName = "Pak Budi" }),
        ["GET /api/v1/courses"] = ObjectScope.Owned("course", Staff, Instructor),
        ["GET /api/v1/courses/{id}"] = ObjectScope.Owned("course", Staff, Instructor),
        ["GET /api/v1/courses/{id}/uptake"] = ObjectScope.Owned("course", Staff, Instructor),
        ["PUT /api/v1/courses/{id}"] = ObjectScope.Owned("course", Instructor).With(_ => new { code = "LAS-X", title = "Pengelasan X", hours = 200, competencyCodes = TrainingIntents.WeldingUnits, occupationCodes = new[] { "7212" } }),
        ["GET /api/v1/employers"] = ObjectScope.Owned("employer", Employer),
        ["GET /api/v1/employers/{id}"] = ObjectScope.Owned("employer", Employer),
        ["PUT /api/v1/employers/{id}"] = ObjectScope.Shared("the employer registry is provincial: staff of any office keep it"),
        ["GET /api/v1/employers/{id}/api-keys"] = ObjectScope.Owned("employer", Staff),
        ["POST /api/v1/employers/{id}/api-keys"] = ObjectScope.Owned("employer", Staff).With(_ => new { name = "HRIS" }),
        ["POST /api/v1/employers/{id}/api-keys/{keyId}/revoke"] = ObjectScope.Owned("api-key", Staff),
        ["GET /api/v1/employers/{id}/disability-quota"] = ObjectScope.Owned("employer", Staff, Employer),
        ["GET /api/v1/enrolments"] = ObjectScope.Owned("enrolment", Staff, Instructor),
        ["GET /api/v1/enrolments/{id}"] = ObjectScope.Owned("enrolment", Staff, Instructor),
        ["PUT /api/v1/enrolments/{id}"] = ObjectScope.Owned("enrolment", Instructor).With(_ => new { status = "dropped" }),
        ["PUT /api/v1/enrolments/{id}/assessments"] = ObjectScope.Owned("enrolment", Instructor).With(_ => new { assessments = new[] { new { competencyCode = TrainingIntents.WeldingUnits[0], outcome = "competent", assessedOn = Today } } }),
        ["PUT /api/v1/enrolments/{id}/certificate"] = ObjectScope.Owned("enrolment", Instructor).With(_ => new { number = "CERT-X-1", scheme = "Juru Las 3G", lsp = "LSP Las", issuedOn = Today }),
        ["GET /api/v1/jobs"] = ObjectScope.Shared("background jobs are the service's, not an owner's"),
        ["GET /api/v1/jobs/stats"] = ObjectScope.Shared("background jobs are the service's"),
        ["GET /api/v1/jobs/schedules"] = ObjectScope.Shared("background jobs are the service's"),
        ["POST /api/v1/jobs/schedules/{name}/run"] = ObjectScope.Shared("background jobs are the service's"),
        ["GET /api/v1/jobs/{id}"] = ObjectScope.Shared("background jobs are the service's"),
        ["POST /api/v1/jobs/{id}/retry"] = ObjectScope.Shared("background jobs are the service's"),
        ["POST /api/v1/jobs/{id}/cancel"] = ObjectScope.Shared("background jobs are the service's"),
        ["GET /api/v1/models"] = ObjectScope.Shared("admins only"),
        ["GET /api/v1/models/{version}"] = ObjectScope.Shared("admins only"),
        ["POST /api/v1/models/{version}/promote"] = ObjectScope.Shared("admins only"),
        ["GET /api/v1/mous"] = ObjectScope.Owned("mou", Staff, Instructor, Employer),
        ["GET /api/v1/mous/{id}"] = ObjectScope.Owned("mou", Staff, Instructor, Employer),
        ["PUT /api/v1/mous/{id}"] = ObjectScope.Shared("admins only"),
        ["POST /api/v1/mous/{id}/terminate"] = ObjectScope.Shared("admins only"),
        ["GET /api/v1/mous/{id}/commitments"] = ObjectScope.Owned("mou", Staff, Instructor, Employer),
        ["POST /api/v1/mous/{id}/commitments"] = ObjectScope.Owned("mou", Staff).With(_ => Commitment()),
        ["GET /api/v1/mous/{id}/commitments/{cid}"] = ObjectScope.Owned("commitment", Staff, Instructor, Employer),
        ["PUT /api/v1/mous/{id}/commitments/{cid}"] = ObjectScope.Owned("commitment", Staff).With(_ => Commitment()),
        ["DELETE /api/v1/mous/{id}/commitments/{cid}"] = ObjectScope.Owned("commitment", Staff),
        ["GET /api/v1/mous/{id}/commitments/{cid}/activities"] = ObjectScope.Owned("commitment", Staff, Instructor, Employer),
        ["POST /api/v1/mous/{id}/commitments/{cid}/activities"] = ObjectScope.Owned("commitment", Staff).With(_ => new { occurredOn = Today, quantity = 1, note = "Kunjungan lapangan" }),
        ["GET /api/v1/mous/{id}/scorecard"] = ObjectScope.Owned("mou", Staff, Instructor, Employer),
        ["GET /api/v1/offices"] = ObjectScope.Shared("offices are public"),
        ["GET /api/v1/offices/{id}"] = ObjectScope.Shared("offices are public"),
        ["PUT /api/v1/offices/{id}"] = ObjectScope.Shared("admins only"),
        ["GET /api/v1/placements"] = ObjectScope.Owned("placement", Staff, Employer),
        ["GET /api/v1/placements/{id}"] = ObjectScope.Owned("placement", Staff, Employer),
        ["PUT /api/v1/placements/{id}"] = ObjectScope.Owned("placement", Staff).With(_ => new { startDate = Today.AddDays(10), wage = 5_000_000 }),
        ["GET /api/v1/reports/ipk"] = ObjectScope.Owned("office", Staff).At(w => $"officeId={w.IdOf("office")}"),
        ["GET /api/v1/reports/equal-opportunity"] = ObjectScope.Owned("office", Staff).At(w => $"officeId={w.IdOf("office")}"),
        ["GET /api/v1/reports/disability-quota"] = ObjectScope.Owned("office", Staff).At(w => $"officeId={w.IdOf("office")}"),
        ["GET /api/v1/reports/mou-scorecard"] = ObjectScope.Owned("office", Staff).At(w => $"officeId={w.IdOf("office")}"),
        ["GET /api/v1/reports/training-gaps"] = ObjectScope.Owned("office", Staff, Instructor).At(w => $"officeId={w.IdOf("office")}"),
        ["POST /api/v1/reports/{kind}/refresh"] = ObjectScope.Owned("office-report", Staff, Instructor).At(w => $"officeId={w.IdOf("office")}"),
        ["GET /api/v1/reference/competencies"] = ObjectScope.Shared("reference data"),
        ["GET /api/v1/reference/competencies/{id}"] = ObjectScope.Shared("reference data"),
        ["PUT /api/v1/reference/competencies/{id}"] = ObjectScope.Shared("reference data, admins only"),
        ["GET /api/v1/reference/industries"] = ObjectScope.Shared("reference data"),
        ["GET /api/v1/reference/industries/{code}"] = ObjectScope.Shared("reference data"),
        ["PUT /api/v1/reference/industries/{code}"] = ObjectScope.Shared("reference data, admins only"),
        ["GET /api/v1/reference/occupations"] = ObjectScope.Shared("reference data"),
        ["GET /api/v1/reference/occupations/{code}"] = ObjectScope.Shared("reference data"),
        ["PUT /api/v1/reference/occupations/{code}"] = ObjectScope.Shared("reference data, admins only"),
        ["GET /api/v1/reference/regions"] = ObjectScope.Shared("reference data"),
        ["GET /api/v1/reference/regions/{code}"] = ObjectScope.Shared("reference data"),
        ["PUT /api/v1/reference/regions/{code}"] = ObjectScope.Shared("reference data, admins only"),
        ["GET /api/v1/seekers"] = ObjectScope.Owned("seeker", Staff, Instructor),
        ["GET /api/v1/seekers/{id}"] = ObjectScope.Owned("seeker", Staff, Instructor),
        ["PUT /api/v1/seekers/{id}"] = ObjectScope.Owned("seeker", Staff).With(_ => SeekerIntents.NewSeeker()),
        ["PUT /api/v1/seekers/{id}/competencies"] = ObjectScope.Owned("seeker", Staff).With(w => new { items = new[] { new { competencyId = w.CompetencyId, level = 3, evidence = "certified" } } }),
        ["POST /api/v1/seekers/{id}/consent"] = ObjectScope.Owned("seeker", Staff).With(_ => new { channel = "paper_form" }),
        ["POST /api/v1/seekers/{id}/consent/withdraw"] = ObjectScope.Owned("seeker", Staff).With(_ => new { channel = "phone" }),
        ["POST /api/v1/seekers/{id}/erase"] = ObjectScope.Owned("seeker", Staff).With(_ => new { reason = "duplicate" }),
        ["GET /api/v1/seekers/{id}/export"] = ObjectScope.Owned("seeker", Staff),
        ["GET /api/v1/seekers/{id}/upskilling"] = ObjectScope.Owned("seeker", Staff),
        ["GET /api/v1/seekers/{id}/suggestions"] = ObjectScope.Owned("seeker", Staff),
        ["GET /api/v1/training-centres"] = ObjectScope.Owned("training-centre", Staff, Instructor),
        ["GET /api/v1/training-centres/{id}"] = ObjectScope.Owned("training-centre", Staff, Instructor),
        ["GET /api/v1/training-centres/{id}/uptake"] = ObjectScope.Owned("training-centre", Staff, Instructor),
        ["PUT /api/v1/training-centres/{id}"] = ObjectScope.Shared("admins only"),
        ["GET /api/v1/users"] = ObjectScope.Shared("admins only"),
        ["GET /api/v1/users/{id}"] = ObjectScope.Shared("admins only"),
        ["PUT /api/v1/users/{id}"] = ObjectScope.Shared("admins only"),
        ["POST /api/v1/users/{id}/password"] = ObjectScope.Shared("admins only"),
        ["GET /api/v1/vacancies"] = ObjectScope.Owned("vacancy", Staff, Employer),
        ["GET /api/v1/vacancies/{id}"] = ObjectScope.Owned("vacancy", Staff, Employer),
        ["GET /api/v1/vacancies/{id}/suggestions"] = ObjectScope.Owned("vacancy", Staff),
        ["PUT /api/v1/vacancies/{id}"] = ObjectScope.Owned("vacancy", Staff, Employer).With(_ => VacancyAmendment()),
        ["POST /api/v1/vacancies/{id}/close"] = ObjectScope.Owned("vacancy", Staff, Employer),
        ["POST /api/v1/vacancies/{id}/fill"] = ObjectScope.Owned("vacancy", Staff, Employer).With(_ => new { filled = 2 }),
        ["GET /api/v1/referrals"] = ObjectScope.Owned("suggestion", Staff, Employer),
        ["GET /api/v1/suggestions"] = ObjectScope.Owned("suggestion", Staff),
        ["GET /api/v1/suggestions/{id}"] = ObjectScope.Owned("suggestion", Staff, Employer),
        ["POST /api/v1/suggestions/{id}/approve"] = ObjectScope.Owned("suggestion", Staff),
        ["POST /api/v1/suggestions/{id}/reject"] = ObjectScope.Owned("suggestion", Staff).With(_ => new { reasonCode = "wage" }),
        ["POST /api/v1/suggestions/{id}/interview"] = ObjectScope.Owned("suggestion", Staff, Employer).With(_ => new { interviewAt = DateTimeOffset.Now.AddDays(3) }),
        ["POST /api/v1/suggestions/{id}/hire"] = ObjectScope.Owned("suggestion", Staff, Employer).With(_ => new { monthlyWage = 5_000_000 }),
        ["POST /api/v1/suggestions/{id}/not-hired"] = ObjectScope.Owned("suggestion", Staff, Employer).With(_ => new { reasonCode = "no_show" }),
        ["POST /api/v1/suggestions/{id}/ratify"] = ObjectScope.Owned("suggestion", Staff),
        ["GET /api/v1/worklist"] = ObjectScope.Shared("counts and vacancies of the caller's own office, scoped in SQL (HomePageTests: another office sees none of them)"),

        // Console pages: an object's page is the console's 404 page to another owner; a list page never links to
        // another owner's objects.
        ["* /"] = ObjectScope.Shared("the signed-in user's own home page"),

        // Console: vacancies and the workflow on suggestions.
        ["* /lowongan"] = ObjectScope.Owned("vacancy", Staff).Linking(id => $"/lowongan/{id}"),
        ["* /lowongan/{id}"] = ObjectScope.Owned("vacancy", Staff),
        ["* /saran"] = ObjectScope.Owned("suggestion", Staff).Linking(id => $"/saran/{id}"),
        ["* /saran/{id}"] = ObjectScope.Owned("suggestion", Staff),

        // Console: job seekers.
        ["* /pencari-kerja"] = ObjectScope.Owned("seeker", Staff, Instructor).Linking(id => $"/pencari-kerja/{id}"),
        ["* /pencari-kerja/{id}"] = ObjectScope.Owned("seeker", Staff, Instructor),

        // Console: training centres (BLK).
        ["* /blk"] = ObjectScope.Owned("training-centre", Staff, Instructor).Linking(id => $"/blk/{id}"),
        ["* /blk/{id}"] = ObjectScope.Owned("training-centre", Staff, Instructor),
        ["GET /api/v1/training-centres/uptake"] = ObjectScope.Owned("training-centre", Staff, Instructor),

        // Console: reports.
        ["* /laporan"] = ObjectScope.Shared("the index of reports: links, no figures"),
        ["* /laporan/kebutuhan-pelatihan"] = ObjectScope.Owned("office", Staff, Instructor).At(w => $"officeId={w.IdOf("office")}"),
        ["* /laporan/ipk"] = ObjectScope.Owned("office", Staff).At(w => $"officeId={w.IdOf("office")}"),
        ["* /laporan/kesempatan-setara"] = ObjectScope.Owned("office", Staff).At(w => $"officeId={w.IdOf("office")}"),
        ["* /laporan/kemitraan"] = ObjectScope.Owned("office", Staff).At(w => $"officeId={w.IdOf("office")}"),
        ["* /laporan/kemitraan/{id}"] = ObjectScope.Owned("mou", Staff),

        // Console: admin.
        ["GET /api/v1/jobs/failures"] = ObjectScope.Shared("background jobs are the service's"),
        ["* /admin"] = ObjectScope.Shared("admins only"),
        ["* /admin/pengguna"] = ObjectScope.Shared("admins only"),
        ["* /admin/pengguna/baru"] = ObjectScope.Shared("admins only"),
        ["* /admin/pengguna/{id}"] = ObjectScope.Shared("admins only"),
        ["* /admin/kunci-api"] = ObjectScope.Shared("admins only"),
        ["* /admin/model"] = ObjectScope.Shared("admins only"),
        ["* /admin/antrean"] = ObjectScope.Shared("admins only"),
        ["* /admin/antrean/{id}"] = ObjectScope.Shared("admins only"),
        ["* /admin/audit"] = ObjectScope.Shared("admins only"),
    };

    private static object Commitment() =>
        new { kind = "placements", owedBy = "partner", description = "Penempatan lulusan BLK", target = 10 };

    private static Dictionary<string, object?> VacancyAmendment()
    {
        var body = EmployerIntents.JobVacancy(openings: 4);
        body.Remove("type");
        return body;
    }
}

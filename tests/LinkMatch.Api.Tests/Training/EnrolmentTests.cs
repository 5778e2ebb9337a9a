using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using LinkMatch.Api.Tests.Platform;

namespace LinkMatch.Api.Tests.Training;

public class EnrolmentTests
{
    private static readonly DateOnly Today = TrainingIntents.Today;

    [Fact]
    public async Task A_seeker_is_enrolled_completes_and_is_listed_with_id_and_name_only()
    {
        var app = await TestApp.SharedAsync();
        var (centre, instructor, course) = await app.TrainingSetupAsync();
        using (instructor)
        {
            var cohort = await instructor.CreateCohortAsync(course.Id);
            var seekerId = await app.InsertSeekerRowAsync(centre.OfficeId, "Siti Rahmawati");
            var enrolment = await instructor.EnrolAsync(cohort.Id, seekerId);
            Assert.Equal((cohort.Id, course.Id, centre.Id, "enrolled"), (enrolment.CohortId, enrolment.CourseId, enrolment.TrainingCentreId, enrolment.Status));
            Assert.Equal(new EnrolledSeekerDto(seekerId, "Siti Rahmawati"), enrolment.Seeker);

            var completed = await (await instructor.PutAsJsonAsync($"/api/v1/enrolments/{enrolment.Id}",
                new { status = "completed", completedOn = Today.AddDays(-1) })).ReadAsync<EnrolmentDto>();
            Assert.Equal(("completed", Today.AddDays(-1)), (completed.Status, completed.CompletedOn));
            var defaulted = await instructor.EnrolAsync(cohort.Id, await app.InsertSeekerRowAsync(centre.OfficeId));
            Assert.Equal(Today, (await (await instructor.PutAsJsonAsync($"/api/v1/enrolments/{defaulted.Id}",
                new { status = "completed" })).ReadAsync<EnrolmentDto>()).CompletedOn);
            var dropped = await instructor.EnrolAsync(cohort.Id, await app.InsertSeekerRowAsync(centre.OfficeId));
            await (await instructor.PutAsJsonAsync($"/api/v1/enrolments/{dropped.Id}", new { status = "dropped" })).ReadAsync<EnrolmentDto>();
            var back = await (await instructor.PutAsJsonAsync($"/api/v1/enrolments/{dropped.Id}", new { status = "enrolled" })).ReadAsync<EnrolmentDto>();
            Assert.Equal("enrolled", back.Status);

            var raw = await (await instructor.GetAsync($"/api/v1/enrolments/{enrolment.Id}")).ReadAsync<JsonElement>();
            Assert.Equal(new[] { "id", "fullName" }, raw.GetProperty("seeker").EnumerateObject().Select(p => p.Name));
            var page = await (await instructor.GetAsync($"/api/v1/enrolments?cohortId={cohort.Id}&status=completed&sort=completedOn"))
                .ReadAsync<PageDto<EnrolmentDto>>();
            Assert.Equal(new[] { enrolment.Id, defaulted.Id }, page.Items.Select(e => e.Id));
            var ranged = await (await instructor.GetAsync(
                $"/api/v1/enrolments?courseId={course.Id}&completedFrom={Today:yyyy-MM-dd}&completedTo={Today:yyyy-MM-dd}"))
                .ReadAsync<PageDto<EnrolmentDto>>();
            Assert.Equal(new[] { defaulted.Id }, ranged.Items.Select(e => e.Id));
            await (await instructor.GetAsync("/api/v1/enrolments?status=graduated")).AssertProblemAsync(HttpStatusCode.BadRequest, "status");

            // One read row per seeker shown by each response: the GET, then the list of two completed enrolments.
            Assert.Equal(2, (await app.AuditRowsAsync(seekerId, "seeker.read.enrolment")).Count);
            Assert.Single(await app.AuditRowsAsync(seekerId, "enrolment.create"));
            var stored = await (await instructor.GetAsync($"/api/v1/enrolments/{enrolment.Id}")).ReadAsync<EnrolmentDto>();
            Assert.Equal(Today.AddDays(-1), stored.CompletedOn);
        }
    }

    [Fact]
    public async Task A_competent_assessment_upserts_the_seekers_competency_and_a_certificate_upgrades_it()
    {
        var app = await TestApp.SharedAsync();
        var (centre, instructor, course) = await app.TrainingSetupAsync();
        using (instructor)
        {
            var cohort = await instructor.CreateCohortAsync(course.Id);
            var seekerId = await app.InsertSeekerRowAsync(centre.OfficeId);
            // The seeker already holds a stronger record of the safety unit, which must survive.
            var (staff, _, _) = await app.StaffAsync(centre.OfficeId);
            using (staff)
            {
                var safety = await staff.CompetencyIdAsync("C.251000.001.01");
                (await staff.PutAsJsonAsync($"/api/v1/seekers/{seekerId}/competencies", new
                {
                    items = new[] { new { competencyId = safety, level = 4, evidence = "certified", source = "earlier certificate" } },
                })).EnsureSuccessStatusCode();
            }

            var enrolment = await instructor.EnrolAsync(cohort.Id, seekerId);
            var assessed = await (await instructor.PutAsJsonAsync($"/api/v1/enrolments/{enrolment.Id}/assessments", new
            {
                assessments = new[]
                {
                    new { competencyCode = "C.251000.001.01", outcome = "competent", assessedOn = Today },
                    new { competencyCode = "C.251000.010.01", outcome = "competent", assessedOn = Today },
                    new { competencyCode = "C.251000.020.01", outcome = "not_yet_competent", assessedOn = Today },
                },
            })).ReadAsync<EnrolmentDto>();
            Assert.Equal(new[] { "competent", "competent", "not_yet_competent" }, assessed.Assessments.Select(a => a.Outcome));

            Assert.Equal(new[] { ("C.251000.001.01", "certified", 4L), ("C.251000.010.01", "assessed", 2L) },
                await app.SeekerCompetenciesAsync(seekerId));
            var admin = await app.SharedAdminAsync();
            var source = Assert.Single((await admin.GetSeekerAsync(seekerId)).Competencies, c => c.Code == "C.251000.010.01").Source;
            Assert.Contains(course.Code, source, StringComparison.Ordinal);
            Assert.Contains(cohort.Name, source, StringComparison.Ordinal);

            // A re-test turns the GTAW unit competent.
            await (await instructor.PutAsJsonAsync($"/api/v1/enrolments/{enrolment.Id}/assessments", new
            {
                assessments = new[] { new { competencyCode = "C.251000.020.01", outcome = "competent", assessedOn = Today } },
            })).ReadAsync<EnrolmentDto>();
            await (await instructor.PutAsJsonAsync($"/api/v1/enrolments/{enrolment.Id}", new { status = "completed" })).ReadAsync<EnrolmentDto>();
            var number = Unique.Code("CERT");
            var certified = await (await instructor.PutAsJsonAsync($"/api/v1/enrolments/{enrolment.Id}/certificate",
                new { number, scheme = "Juru Las SMAW", lsp = "LSP BLK Balikpapan", issuedOn = Today })).ReadAsync<EnrolmentDto>();
            Assert.Equal(new CertificateDto(number, "Juru Las SMAW", "LSP BLK Balikpapan", Today), certified.Certificate);
            Assert.Equal(new[] { ("C.251000.001.01", "certified", 4L), ("C.251000.010.01", "certified", 2L), ("C.251000.020.01", "certified", 2L) },
                await app.SeekerCompetenciesAsync(seekerId));
            var onlyCertified = await (await instructor.GetAsync($"/api/v1/enrolments?cohortId={cohort.Id}&certified=true"))
                .ReadAsync<PageDto<EnrolmentDto>>();
            Assert.Equal(new[] { enrolment.Id }, onlyCertified.Items.Select(e => e.Id));
            Assert.Equal(3, (await app.AuditRowsAsync(seekerId, "seeker.competency.upsert")).Count);

            // Once certified, the outcomes are final.
            await (await instructor.PutAsJsonAsync($"/api/v1/enrolments/{enrolment.Id}/assessments", new
            {
                assessments = new[] { new { competencyCode = "C.251000.010.01", outcome = "not_yet_competent", assessedOn = Today } },
            })).AssertProblemAsync(HttpStatusCode.Conflict);
            Assert.Equal(certified, await (await instructor.GetAsync($"/api/v1/enrolments/{enrolment.Id}")).ReadAsync<EnrolmentDto>(),
                EnrolmentComparer.Instance);
        }
    }

    [Fact]
    public async Task Invalid_enrolments_assessments_and_certificates_name_the_field_and_change_nothing()
    {
        var app = await TestApp.SharedAsync();
        var (centre, instructor, course) = await app.TrainingSetupAsync();
        using (instructor)
        {
            var cohort = await instructor.CreateCohortAsync(course.Id, startsOn: Today.AddDays(-30));
            var seekerId = await app.InsertSeekerRowAsync(centre.OfficeId);
            await (await instructor.PostAsJsonAsync("/api/v1/enrolments", new { cohortId = cohort.Id, seekerId = 987654321L }))
                .AssertProblemAsync(HttpStatusCode.BadRequest, "seekerId");
            await (await instructor.PostAsJsonAsync("/api/v1/enrolments", new { cohortId = 987654321L, seekerId }))
                .AssertProblemAsync(HttpStatusCode.BadRequest, "cohortId");
            await (await instructor.PostAsJsonAsync("/api/v1/enrolments", new { cohortId = cohort.Id }))
                .AssertProblemAsync(HttpStatusCode.BadRequest, "seekerId");
            Assert.Equal(0, (await (await instructor.GetAsync($"/api/v1/enrolments?seekerId={seekerId}")).ReadAsync<PageDto<EnrolmentDto>>()).Total);

            var enrolment = await instructor.EnrolAsync(cohort.Id, seekerId);
            var url = $"/api/v1/enrolments/{enrolment.Id}";
            await (await instructor.PutAsJsonAsync(url, new { status = "graduated" })).AssertProblemAsync(HttpStatusCode.BadRequest, "status");
            await (await instructor.PutAsJsonAsync(url, new { status = "dropped", completedOn = Today }))
                .AssertProblemAsync(HttpStatusCode.BadRequest, "completedOn");
            await (await instructor.PutAsJsonAsync(url, new { status = "completed", completedOn = Today.AddDays(1) }))
                .AssertProblemAsync(HttpStatusCode.BadRequest, "completedOn");
            await (await instructor.PutAsJsonAsync(url, new { status = "completed", completedOn = Today.AddDays(-31) }))
                .AssertProblemAsync(HttpStatusCode.BadRequest, "completedOn");

            var units = new[]
            {
                new { competencyCode = "C.251000.001.01", outcome = "competent", assessedOn = Today },
                new { competencyCode = "F.432110.001.01", outcome = "competent", assessedOn = Today },
                new { competencyCode = "C.251000.010.01", outcome = "competent", assessedOn = Today.AddDays(2) },
                new { competencyCode = "C.251000.020.01", outcome = "passed", assessedOn = Today },
            };
            await (await instructor.PutAsJsonAsync($"{url}/assessments", new { assessments = units }))
                .AssertProblemAsync(HttpStatusCode.BadRequest, "assessments[3].outcome");
            var problem = await (await instructor.PutAsJsonAsync($"{url}/assessments", new { assessments = units[..3] }))
                .AssertProblemAsync(HttpStatusCode.BadRequest, "assessments[1].competencyCode");
            Assert.Contains("F.432110.001.01", problem.GetProperty("errors").GetProperty("assessments[1].competencyCode")[0].GetString(),
                StringComparison.Ordinal);
            Assert.True(problem.GetProperty("errors").TryGetProperty("assessments[2].assessedOn", out _));
            await (await instructor.PutAsJsonAsync($"{url}/assessments", new { assessments = Array.Empty<object>() }))
                .AssertProblemAsync(HttpStatusCode.BadRequest, "assessments");
            await (await instructor.PutAsJsonAsync($"{url}/certificate", new { number = "X", scheme = "S", lsp = "L", issuedOn = Today }))
                .AssertProblemAsync(HttpStatusCode.BadRequest, "number");

            const string missing = "/api/v1/enrolments/987654321";
            await (await instructor.GetAsync(missing)).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await instructor.PutAsJsonAsync(missing, new { status = "dropped" })).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await instructor.PutAsJsonAsync($"{missing}/assessments", new { assessments = units[..1] }))
                .AssertProblemAsync(HttpStatusCode.NotFound);
            await (await instructor.PutAsJsonAsync($"{missing}/certificate",
                new { number = "CERT-1", scheme = "Juru Las", lsp = "LSP Las", issuedOn = Today })).AssertProblemAsync(HttpStatusCode.NotFound);

            var unchanged = await (await instructor.GetAsync(url)).ReadAsync<EnrolmentDto>();
            Assert.Equal(enrolment, unchanged, EnrolmentComparer.Instance);
            Assert.Empty((await (await app.SharedAdminAsync()).GetSeekerAsync(seekerId)).Competencies);
            Assert.Equal(0, (await app.AuditRowsAsync($"action=enrolment.*&entityId={enrolment.Id}"))
                .Count(r => r.Action != "enrolment.create"));
        }
    }
}

/// <summary>Enrolments compare by value, lists included.</summary>
internal sealed class EnrolmentComparer : IEqualityComparer<EnrolmentDto>
{
    public static readonly EnrolmentComparer Instance = new();

    private static readonly List<AssessmentDto> None = [];

    public bool Equals(EnrolmentDto? x, EnrolmentDto? y) => x is not null && y is not null
        && x with { Assessments = None } == y with { Assessments = None } && x.Assessments.SequenceEqual(y.Assessments);

    public int GetHashCode(EnrolmentDto obj) => obj.Id.GetHashCode();
}

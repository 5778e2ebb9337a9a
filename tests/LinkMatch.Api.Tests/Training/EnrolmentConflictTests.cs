using System.Net;
using System.Net.Http.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using LinkMatch.Api.Tests.Platform;

namespace LinkMatch.Api.Tests.Training;

public class EnrolmentConflictTests
{
    private static readonly DateOnly Today = TrainingIntents.Today;

    [Fact]
    public async Task Double_enrolment_full_cohorts_and_senseless_transitions_are_conflicts_that_change_nothing()
    {
        var app = await TestApp.SharedAsync();
        var (centre, instructor, course) = await app.TrainingSetupAsync();
        using (instructor)
        {
            var cohort = await instructor.CreateCohortAsync(course.Id, capacity: 2);
            var (first, second, third) = (await app.InsertSeekerRowAsync(centre.OfficeId),
                await app.InsertSeekerRowAsync(centre.OfficeId), await app.InsertSeekerRowAsync(centre.OfficeId));
            var a = await instructor.EnrolAsync(cohort.Id, first);
            var b = await instructor.EnrolAsync(cohort.Id, second);
            await (await instructor.PostAsJsonAsync("/api/v1/enrolments", new { cohortId = cohort.Id, seekerId = first }))
                .AssertProblemAsync(HttpStatusCode.Conflict);
            await (await instructor.PostAsJsonAsync("/api/v1/enrolments", new { cohortId = cohort.Id, seekerId = third }))
                .AssertProblemAsync(HttpStatusCode.Conflict);

            // A dropped place is free again; the dropped seeker cannot take it back while it is taken.
            await (await instructor.PutAsJsonAsync($"/api/v1/enrolments/{b.Id}", new { status = "dropped" })).ReadAsync<EnrolmentDto>();
            await (await instructor.PostAsJsonAsync("/api/v1/enrolments", new { cohortId = cohort.Id, seekerId = second }))
                .AssertProblemAsync(HttpStatusCode.Conflict);
            var c = await instructor.EnrolAsync(cohort.Id, third);
            await (await instructor.PutAsJsonAsync($"/api/v1/enrolments/{b.Id}", new { status = "enrolled" }))
                .AssertProblemAsync(HttpStatusCode.Conflict);
            await (await instructor.PutAsJsonAsync($"/api/v1/enrolments/{b.Id}", new { status = "completed" }))
                .AssertProblemAsync(HttpStatusCode.Conflict);
            await (await instructor.PutAsJsonAsync($"/api/v1/enrolments/{b.Id}/assessments", new
            {
                assessments = new[] { new { competencyCode = "C.251000.001.01", outcome = "competent", assessedOn = Today } },
            })).AssertProblemAsync(HttpStatusCode.Conflict);

            var certificate = new { number = Unique.Code("CERT"), scheme = "Juru Las", lsp = "LSP Las", issuedOn = Today };
            await (await instructor.PutAsJsonAsync($"/api/v1/enrolments/{a.Id}/certificate", certificate))
                .AssertProblemAsync(HttpStatusCode.Conflict);
            await (await instructor.PutAsJsonAsync($"/api/v1/enrolments/{a.Id}", new { status = "completed" })).ReadAsync<EnrolmentDto>();
            await (await instructor.PutAsJsonAsync($"/api/v1/enrolments/{a.Id}/certificate", certificate))
                .AssertProblemAsync(HttpStatusCode.Conflict);
            await (await instructor.PutAsJsonAsync($"/api/v1/enrolments/{a.Id}", new { status = "dropped" }))
                .AssertProblemAsync(HttpStatusCode.Conflict);
            await (await instructor.PutAsJsonAsync($"/api/v1/enrolments/{a.Id}", new { status = "enrolled" }))
                .AssertProblemAsync(HttpStatusCode.Conflict);

            foreach (var enrolment in new[] { a, c })
            {
                await (await instructor.PutAsJsonAsync($"/api/v1/enrolments/{enrolment.Id}/assessments", new
                {
                    assessments = new[] { new { competencyCode = "C.251000.001.01", outcome = "competent", assessedOn = Today } },
                })).ReadAsync<EnrolmentDto>();
            }

            await (await instructor.PutAsJsonAsync($"/api/v1/enrolments/{c.Id}", new { status = "completed" })).ReadAsync<EnrolmentDto>();
            var issued = await (await instructor.PutAsJsonAsync($"/api/v1/enrolments/{a.Id}/certificate", certificate)).ReadAsync<EnrolmentDto>();
            await (await instructor.PutAsJsonAsync($"/api/v1/enrolments/{c.Id}/certificate", certificate))
                .AssertProblemAsync(HttpStatusCode.Conflict);

            var states = await (await instructor.GetAsync($"/api/v1/enrolments?cohortId={cohort.Id}&sort=createdAt"))
                .ReadAsync<PageDto<EnrolmentDto>>();
            Assert.Equal(new[] { (a.Id, "completed", true), (b.Id, "dropped", false), (c.Id, "completed", false) },
                states.Items.Select(e => (e.Id, e.Status, e.Certificate is not null)));
            Assert.Equal(issued.Certificate, states.Items[0].Certificate);
            Assert.Equal(2, (await (await instructor.GetAsync($"/api/v1/cohorts/{cohort.Id}")).ReadAsync<CohortDto>()).Enrolled);
            Assert.Empty((await (await app.SharedAdminAsync()).GetSeekerAsync(second)).Competencies);
        }
    }

    [Fact]
    public async Task Concurrent_enrolments_never_exceed_the_capacity()
    {
        var app = await TestApp.SharedAsync();
        var (centre, instructor, course) = await app.TrainingSetupAsync();
        using (instructor)
        {
            const int capacity = 3;
            var cohort = await instructor.CreateCohortAsync(course.Id, capacity);
            var seekers = new List<long>();
            for (var i = 0; i < 12; i++)
            {
                seekers.Add(await app.InsertSeekerRowAsync(centre.OfficeId));
            }

            using var start = new SemaphoreSlim(0);
            var attempts = seekers.Select(async seekerId =>
            {
                await start.WaitAsync();
                var response = await instructor.PostAsJsonAsync("/api/v1/enrolments", new { cohortId = cohort.Id, seekerId });
                return response.StatusCode;
            }).ToList();
            start.Release(seekers.Count);
            var outcomes = await Task.WhenAll(attempts);

            Assert.Equal(capacity, outcomes.Count(s => s == HttpStatusCode.Created));
            Assert.Equal(seekers.Count - capacity, outcomes.Count(s => s == HttpStatusCode.Conflict));
            Assert.Equal(capacity, await app.EnrolmentCountAsync(cohort.Id));
        }
    }

    [Fact]
    public async Task Other_centres_and_offices_get_404_for_enrolments_and_staff_and_employers_cannot_write()
    {
        var app = await TestApp.SharedAsync();
        var (centreA, instructorA, courseA) = await app.TrainingSetupAsync();
        var (_, instructorB, _) = await app.TrainingSetupAsync();
        var (staffOwn, _, _) = await app.StaffAsync(centreA.OfficeId);
        var (staffOther, _, _) = await app.StaffAsync();
        using var employer = await app.EmployerFixtureAsync();
        using (instructorA)
        using (instructorB)
        using (staffOwn)
        using (staffOther)
        {
            var cohort = await instructorA.CreateCohortAsync(courseA.Id);
            var seekerId = await app.InsertSeekerRowAsync(centreA.OfficeId);
            var enrolment = await instructorA.EnrolAsync(cohort.Id, seekerId);
            var url = $"/api/v1/enrolments/{enrolment.Id}";
            var assessments = new { assessments = new[] { new { competencyCode = "C.251000.001.01", outcome = "competent", assessedOn = Today } } };
            var certificate = new { number = Unique.Code("CERT"), scheme = "Juru Las", lsp = "LSP Las", issuedOn = Today };

            foreach (var outsider in new[] { instructorB, staffOther })
            {
                await (await outsider.GetAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);
                var list = await (await outsider.GetAsync($"/api/v1/enrolments?seekerId={seekerId}")).ReadAsync<PageDto<EnrolmentDto>>();
                Assert.Equal(0, list.Total);
            }

            await (await instructorB.PutAsJsonAsync(url, new { status = "dropped" })).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await instructorB.PutAsJsonAsync($"{url}/assessments", assessments)).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await instructorB.PutAsJsonAsync($"{url}/certificate", certificate)).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await instructorB.PostAsJsonAsync("/api/v1/enrolments", new { cohortId = cohort.Id, seekerId = await app.InsertSeekerRowAsync(centreA.OfficeId) }))
                .AssertProblemAsync(HttpStatusCode.BadRequest, "cohortId");

            Assert.Equal(enrolment, await (await staffOwn.GetAsync(url)).ReadAsync<EnrolmentDto>(), EnrolmentComparer.Instance);
            await (await staffOwn.PutAsJsonAsync(url, new { status = "dropped" })).AssertProblemAsync(HttpStatusCode.Forbidden);
            await (await staffOwn.PutAsJsonAsync($"{url}/assessments", assessments)).AssertProblemAsync(HttpStatusCode.Forbidden);
            await (await staffOwn.PostAsJsonAsync("/api/v1/enrolments", new { cohortId = cohort.Id, seekerId })).AssertProblemAsync(HttpStatusCode.Forbidden);
            await (await employer.GetAsync(url)).AssertProblemAsync(HttpStatusCode.Forbidden);
            await (await employer.GetAsync("/api/v1/enrolments")).AssertProblemAsync(HttpStatusCode.Forbidden);
            await (await employer.PutAsJsonAsync($"{url}/certificate", certificate)).AssertProblemAsync(HttpStatusCode.Forbidden);

            Assert.Equal(enrolment, await (await instructorA.GetAsync(url)).ReadAsync<EnrolmentDto>(), EnrolmentComparer.Instance);
            // Only the reads that showed the seeker were audited: staff of the office, then the instructor.
            Assert.Equal(2, (await app.AuditRowsAsync(seekerId, "seeker.read.enrolment")).Count);
            Assert.Equal(1, await app.EnrolmentCountAsync(cohort.Id));
        }
    }
}

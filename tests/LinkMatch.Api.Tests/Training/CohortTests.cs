using System.Net;
using System.Net.Http.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using LinkMatch.Api.Tests.Platform;

namespace LinkMatch.Api.Tests.Training;

public class CohortTests
{
    private static readonly DateOnly Today = TrainingIntents.Today;

    [Fact]
    public async Task Cohorts_are_created_updated_and_listed_with_a_status_from_their_dates()
    {
        var app = await TestApp.SharedAsync();
        var (centre, instructor, course) = await app.TrainingSetupAsync();
        using (instructor)
        {
            var finished = await instructor.CreateCohortAsync(course.Id, startsOn: Today.AddDays(-120), endsOn: Today.AddDays(-60));
            var running = await instructor.CreateCohortAsync(course.Id, startsOn: Today.AddDays(-10), endsOn: Today.AddDays(20));
            var planned = await instructor.CreateCohortAsync(course.Id, startsOn: Today.AddDays(30), endsOn: Today.AddDays(90));
            Assert.Equal(("finished", "running", "planned"), (finished.Status, running.Status, planned.Status));
            Assert.Equal((centre.Id, 0), (running.TrainingCentreId, running.Enrolled));

            async Task<long[]> Ids(string query) =>
                [.. (await (await instructor.GetAsync($"/api/v1/cohorts?courseId={course.Id}&{query}"))
                    .ReadAsync<PageDto<CohortDto>>()).Items.Select(c => c.Id)];
            Assert.Equal(new[] { planned.Id, running.Id, finished.Id }, await Ids(""));
            Assert.Equal(new[] { finished.Id, running.Id, planned.Id }, await Ids("sort=startsOn"));
            Assert.Equal(new[] { running.Id }, await Ids("status=running"));
            Assert.Equal(new[] { planned.Id }, await Ids("status=planned"));
            Assert.Equal(new[] { finished.Id }, await Ids($"status=finished&trainingCentreId={centre.Id}&occupationCode=7212"));
            Assert.Equal(new[] { running.Id, finished.Id },
                await Ids($"from={Today.AddDays(-70):yyyy-MM-dd}&to={Today:yyyy-MM-dd}"));
            await (await instructor.GetAsync("/api/v1/cohorts?status=someday")).AssertProblemAsync(HttpStatusCode.BadRequest, "status");
            await (await instructor.GetAsync($"/api/v1/cohorts?from={Today:yyyy-MM-dd}&to={Today.AddDays(-1):yyyy-MM-dd}"))
                .AssertProblemAsync(HttpStatusCode.BadRequest, "to");

            var updated = await (await instructor.PutAsJsonAsync($"/api/v1/cohorts/{planned.Id}", new
            {
                name = "Angkatan II",
                startsOn = Today.AddDays(-1),
                endsOn = Today.AddDays(40),
                capacity = 20,
                instructorName = "Bu Sari",
            })).ReadAsync<CohortDto>();
            Assert.Equal(("Angkatan II", "running", 20, "Bu Sari"), (updated.Name, updated.Status, updated.Capacity, updated.InstructorName));
            Assert.Equal(updated, await (await instructor.GetAsync($"/api/v1/cohorts/{planned.Id}")).ReadAsync<CohortDto>());
            Assert.Single(await app.AuditRowsAsync($"action=cohort.update&entityId={planned.Id}"));
        }
    }

    [Fact]
    public async Task Invalid_duplicate_and_shrinking_cohorts_are_refused_and_change_nothing()
    {
        var app = await TestApp.SharedAsync();
        var (centre, instructor, course) = await app.TrainingSetupAsync();
        using (instructor)
        {
            var cohort = await instructor.CreateCohortAsync(course.Id, capacity: 2);
            var request = new { courseId = course.Id, name = Unique.Name("A"), startsOn = Today, endsOn = Today.AddDays(-1), capacity = 5, instructorName = "Pak Budi" };
            await (await instructor.PostAsJsonAsync("/api/v1/cohorts", request)).AssertProblemAsync(HttpStatusCode.BadRequest, "endsOn");
            await (await instructor.PostAsJsonAsync("/api/v1/cohorts", request with { endsOn = Today, courseId = 987654321L }))
                .AssertProblemAsync(HttpStatusCode.BadRequest, "courseId");
            await (await instructor.PostAsJsonAsync("/api/v1/cohorts", request with { endsOn = Today, capacity = 0 }))
                .AssertProblemAsync(HttpStatusCode.BadRequest, "capacity");
            await (await instructor.PostAsJsonAsync("/api/v1/cohorts", request with { endsOn = Today, name = cohort.Name }))
                .AssertProblemAsync(HttpStatusCode.Conflict);

            await instructor.EnrolAsync(cohort.Id, await app.InsertSeekerRowAsync(centre.OfficeId));
            await instructor.EnrolAsync(cohort.Id, await app.InsertSeekerRowAsync(centre.OfficeId));
            var shrink = new { cohort.Name, cohort.StartsOn, cohort.EndsOn, capacity = 1, cohort.InstructorName };
            await (await instructor.PutAsJsonAsync($"/api/v1/cohorts/{cohort.Id}", shrink)).AssertProblemAsync(HttpStatusCode.Conflict);
            await (await instructor.PutAsJsonAsync($"/api/v1/cohorts/{cohort.Id}", shrink with { capacity = 2, EndsOn = cohort.StartsOn.AddDays(-1) }))
                .AssertProblemAsync(HttpStatusCode.BadRequest, "endsOn");
            await (await instructor.PutAsJsonAsync("/api/v1/cohorts/987654321", shrink)).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await instructor.GetAsync("/api/v1/cohorts/987654321")).AssertProblemAsync(HttpStatusCode.NotFound);

            var unchanged = await (await instructor.GetAsync($"/api/v1/cohorts/{cohort.Id}")).ReadAsync<CohortDto>();
            Assert.Equal(cohort with { Enrolled = 2 }, unchanged);
            Assert.Equal(1, await app.CohortCountAsync(course.Id));
        }
    }

    [Fact]
    public async Task Other_centres_and_offices_get_404_for_cohorts_and_staff_only_read()
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
            var change = new { name = "Dibajak", cohort.StartsOn, cohort.EndsOn, capacity = 3, cohort.InstructorName };
            await (await instructorB.GetAsync($"/api/v1/cohorts/{cohort.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await instructorB.PutAsJsonAsync($"/api/v1/cohorts/{cohort.Id}", change)).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await instructorB.PostAsJsonAsync("/api/v1/cohorts", new { courseId = courseA.Id, change.name, change.StartsOn, change.EndsOn, change.capacity, change.InstructorName }))
                .AssertProblemAsync(HttpStatusCode.BadRequest, "courseId");
            Assert.Equal(0, (await (await instructorB.GetAsync($"/api/v1/cohorts?courseId={courseA.Id}")).ReadAsync<PageDto<CohortDto>>()).Total);
            await (await staffOther.GetAsync($"/api/v1/cohorts/{cohort.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal(cohort, await (await staffOwn.GetAsync($"/api/v1/cohorts/{cohort.Id}")).ReadAsync<CohortDto>());
            await (await staffOwn.PutAsJsonAsync($"/api/v1/cohorts/{cohort.Id}", change)).AssertProblemAsync(HttpStatusCode.Forbidden);
            await (await employer.GetAsync("/api/v1/cohorts")).AssertProblemAsync(HttpStatusCode.Forbidden);

            Assert.Equal(cohort, await (await instructorA.GetAsync($"/api/v1/cohorts/{cohort.Id}")).ReadAsync<CohortDto>());
            Assert.Equal(1, await app.CohortCountAsync(courseA.Id));
        }
    }
}

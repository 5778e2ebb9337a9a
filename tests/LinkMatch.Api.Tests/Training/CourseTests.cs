using System.Net;
using System.Net.Http.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using LinkMatch.Api.Tests.Platform;

namespace LinkMatch.Api.Tests.Training;

public class CourseTests
{
    [Fact]
    public async Task Instructors_create_read_update_and_list_their_courses()
    {
        var app = await TestApp.SharedAsync();
        var (centre, instructor, welding) = await app.TrainingSetupAsync();
        using (instructor)
        {
            Assert.Equal(TrainingIntents.WeldingUnits, welding.Competencies.Select(c => c.Code));
            Assert.Equal("Tukang Las dan Pemotong Logam", Assert.Single(welding.Occupations).Title);
            var electrical = await instructor.CreateCourseAsync(centre.Id, ["F.432110.001.01", "F.432110.010.01"], ["7411", "7412"]);
            Assert.Equal(welding,
                await (await instructor.GetAsync($"/api/v1/courses/{welding.Id}")).ReadAsync<CourseDto>(),
                CourseComparer.Instance);

            var updated = await (await instructor.PutAsJsonAsync($"/api/v1/courses/{welding.Id}", new
            {
                welding.Code,
                title = "Pengelasan GTAW",
                hours = 320,
                competencyCodes = new[] { "C.251000.001.01", "C.251000.020.01", "C.251000.025.01" },
                occupationCodes = new[] { "7212", "7214" },
                description = "Termasuk GMAW/FCAW",
            })).ReadAsync<CourseDto>();
            Assert.Equal((320, "Termasuk GMAW/FCAW"), (updated.Hours, updated.Description));
            Assert.Equal(new[] { "C.251000.001.01", "C.251000.020.01", "C.251000.025.01" }, updated.Competencies.Select(c => c.Code));
            Assert.Equal(new[] { "7212", "7214" }, updated.Occupations.Select(o => o.Code));

            async Task<long[]> Ids(string query) =>
                [.. (await (await instructor.GetAsync($"/api/v1/courses?trainingCentreId={centre.Id}&{query}"))
                    .ReadAsync<PageDto<CourseDto>>()).Items.Select(c => c.Id)];
            Assert.Equal(new[] { welding.Id }, await Ids("occupationCode=721"));
            Assert.Equal(new[] { electrical.Id }, await Ids("occupationCode=74"));
            Assert.Equal(new[] { welding.Id }, await Ids("competency=C.251000.025.01"));
            Assert.Equal(new[] { welding.Id, electrical.Id }, await Ids("sort=-hours"));
            Assert.Equal(new[] { electrical.Id, welding.Id }, await Ids("sort=hours"));
            Assert.Empty(await Ids("competency=C.251000.010.01"));
            await (await instructor.GetAsync("/api/v1/courses?sort=price")).AssertProblemAsync(HttpStatusCode.BadRequest, "sort");
            await (await instructor.GetAsync("/api/v1/courses?occupationCode=7%25")).AssertProblemAsync(HttpStatusCode.BadRequest, "occupationCode");
            Assert.Single(await app.AuditRowsAsync($"action=course.update&entityId={welding.Id}"));
        }
    }

    [Fact]
    public async Task Unknown_units_and_occupations_are_refused_naming_field_and_value()
    {
        var app = await TestApp.SharedAsync();
        var (centre, instructor, course) = await app.TrainingSetupAsync();
        using (instructor)
        {
            var code = Unique.Code("LAS");
            var response = await instructor.PostAsJsonAsync("/api/v1/courses", new
            {
                trainingCentreId = centre.Id,
                code,
                title = "Pengelasan",
                hours = 100,
                competencyCodes = new[] { "C.251000.001.01", "X.NOPE.01" },
                occupationCodes = new[] { "9999" },
            });
            var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "competencyCodes");
            Assert.Contains("X.NOPE.01", problem.GetProperty("errors").GetProperty("competencyCodes")[0].GetString(), StringComparison.Ordinal);
            Assert.Contains("9999", problem.GetProperty("errors").GetProperty("occupationCodes")[0].GetString(), StringComparison.Ordinal);

            var update = await instructor.PutAsJsonAsync($"/api/v1/courses/{course.Id}", new
            {
                course.Code,
                course.Title,
                course.Hours,
                competencyCodes = new[] { "NOPE" },
                occupationCodes = new[] { "7212" },
            });
            await update.AssertProblemAsync(HttpStatusCode.BadRequest, "competencyCodes");
            await (await instructor.GetAsync("/api/v1/courses/987654321")).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await instructor.PutAsJsonAsync("/api/v1/courses/987654321", new
            {
                course.Code,
                course.Title,
                course.Hours,
                competencyCodes = new[] { "C.251000.001.01" },
            })).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await instructor.PostAsJsonAsync("/api/v1/courses", new
            {
                trainingCentreId = centre.Id,
                code,
                title = "Pengelasan",
                hours = 0,
                competencyCodes = Array.Empty<string>(),
            })).AssertProblemAsync(HttpStatusCode.BadRequest, "hours");

            Assert.Equal(0, await app.CoursesWithCodeAsync(code));
            var unchanged = await (await instructor.GetAsync($"/api/v1/courses/{course.Id}")).ReadAsync<CourseDto>();
            Assert.Equal(course, unchanged, CourseComparer.Instance);
        }
    }

    [Fact]
    public async Task A_course_code_is_unique_within_a_centre_only()
    {
        var app = await TestApp.SharedAsync();
        var (centre, instructor, course) = await app.TrainingSetupAsync();
        using var admin = await app.AdminAsync();
        using (instructor)
        {
            var duplicate = new { trainingCentreId = centre.Id, course.Code, title = "Lagi", hours = 10, competencyCodes = new[] { "C.251000.001.01" } };
            await (await instructor.PostAsJsonAsync("/api/v1/courses", duplicate)).AssertProblemAsync(HttpStatusCode.Conflict);
            var second = await instructor.CreateCourseAsync(centre.Id);
            await (await instructor.PutAsJsonAsync($"/api/v1/courses/{second.Id}", new
            {
                course.Code,
                title = "Lagi",
                hours = 10,
                competencyCodes = new[] { "C.251000.001.01" },
            })).AssertProblemAsync(HttpStatusCode.Conflict);
            Assert.Equal(second, await (await instructor.GetAsync($"/api/v1/courses/{second.Id}")).ReadAsync<CourseDto>(),
                CourseComparer.Instance);

            var otherCentre = await app.CreateTrainingCentreAsync();
            var reused = await (await admin.PostAsJsonAsync("/api/v1/courses", duplicate with { trainingCentreId = otherCentre.Id }))
                .ReadAsync<CourseDto>(HttpStatusCode.Created);
            Assert.Equal(course.Code, reused.Code);
        }
    }

    [Fact]
    public async Task Other_centres_and_offices_get_404_and_only_instructors_and_admins_write()
    {
        var app = await TestApp.SharedAsync();
        var (centreA, instructorA, courseA) = await app.TrainingSetupAsync();
        var (_, instructorB, _) = await app.TrainingSetupAsync();
        var (staffOwn, _, _) = await app.StaffAsync(centreA.OfficeId);
        var (staffOther, _, _) = await app.StaffAsync();
        using var employer = await app.EmployerFixtureAsync();
        var change = new { courseA.Code, title = "Diambil alih", hours = 10, competencyCodes = new[] { "C.251000.001.01" } };
        using (instructorA)
        using (instructorB)
        using (staffOwn)
        using (staffOther)
        {
            await (await instructorB.GetAsync($"/api/v1/courses/{courseA.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await instructorB.PutAsJsonAsync($"/api/v1/courses/{courseA.Id}", change)).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await instructorB.PostAsJsonAsync("/api/v1/courses", new { trainingCentreId = centreA.Id, code = Unique.Code("X"), change.title, change.hours, change.competencyCodes }))
                .AssertProblemAsync(HttpStatusCode.BadRequest, "trainingCentreId");
            var listB = await (await instructorB.GetAsync($"/api/v1/courses?trainingCentreId={centreA.Id}")).ReadAsync<PageDto<CourseDto>>();
            Assert.Equal(0, listB.Total);

            await (await staffOther.GetAsync($"/api/v1/courses/{courseA.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
            var own = await (await staffOwn.GetAsync("/api/v1/courses")).ReadAsync<PageDto<CourseDto>>();
            Assert.Equal(new[] { courseA.Id }, own.Items.Select(c => c.Id));
            await (await staffOwn.PutAsJsonAsync($"/api/v1/courses/{courseA.Id}", change)).AssertProblemAsync(HttpStatusCode.Forbidden);
            await (await employer.GetAsync($"/api/v1/courses/{courseA.Id}")).AssertProblemAsync(HttpStatusCode.Forbidden);
            await (await employer.PostAsJsonAsync("/api/v1/courses", change)).AssertProblemAsync(HttpStatusCode.Forbidden);

            Assert.Equal(courseA, await (await instructorA.GetAsync($"/api/v1/courses/{courseA.Id}")).ReadAsync<CourseDto>(),
                CourseComparer.Instance);
        }
    }
}

/// <summary>Courses compare by value, lists included.</summary>
internal sealed class CourseComparer : IEqualityComparer<CourseDto>
{
    public static readonly CourseComparer Instance = new();

    private static readonly List<CourseCompetencyDto> NoUnits = [];
    private static readonly List<CourseOccupationDto> NoOccupations = [];

    public bool Equals(CourseDto? x, CourseDto? y) => x is not null && y is not null
        && x with { Competencies = NoUnits, Occupations = NoOccupations }
            == y with { Competencies = NoUnits, Occupations = NoOccupations }
        && x.Competencies.SequenceEqual(y.Competencies) && x.Occupations.SequenceEqual(y.Occupations);

    public int GetHashCode(CourseDto obj) => obj.Id.GetHashCode();
}

using System.Net;
using System.Net.Http.Json;
using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Intents;

public sealed record TrainingCentreDto(long Id, string Code, string Name, long OfficeId, string RegionCode,
    string Address);

public sealed record CourseCompetencyDto(long Id, string Code, string Title);

public sealed record CourseOccupationDto(string Code, string Title);

public sealed record CourseDto(long Id, long TrainingCentreId, string Code, string Title, int Hours, string? Description,
    List<CourseCompetencyDto> Competencies, List<CourseOccupationDto> Occupations);

public sealed record CohortDto(long Id, long CourseId, long TrainingCentreId, string Name, DateOnly StartsOn,
    DateOnly EndsOn, int Capacity, string InstructorName, string Status, int Enrolled);

public sealed record EnrolledSeekerDto(long Id, string? FullName);

public sealed record CertificateDto(string Number, string Scheme, string Lsp, DateOnly IssuedOn);

public sealed record AssessmentDto(long CompetencyId, string CompetencyCode, string CompetencyTitle, string Outcome,
    DateOnly AssessedOn);

public sealed record EnrolmentDto(long Id, long CohortId, long CourseId, long TrainingCentreId, EnrolledSeekerDto Seeker,
    string Status, DateOnly? CompletedOn, CertificateDto? Certificate, List<AssessmentDto> Assessments);

/// <summary>A BLK with its own office, an instructor signed in to it and a welding course: what most training
/// tests start from.</summary>
public sealed record TrainingSetup(TrainingCentreDto Centre, HttpClient Instructor, CourseDto Course);

/// <summary>Intent methods for the BLK registry.</summary>
public static class TrainingIntents
{
    public static readonly string[] WeldingUnits = ["C.251000.001.01", "C.251000.010.01", "C.251000.020.01"];

    public static DateOnly Today => OfficeCalendar.Today;

    public static async Task<TrainingCentreDto> CreateTrainingCentreAsync(this TestApp app, long? officeId = null,
        string regionCode = "64.71")
    {
        var office = officeId ?? (await app.CreateOfficeAsync(regionCode)).Id;
        using var admin = await app.AdminAsync();
        var code = Unique.Code("BLK");
        var response = await admin.PostAsJsonAsync("/api/v1/training-centres",
            new { code, name = $"BLK {code}", officeId = office, regionCode, address = "Jl. Soekarno-Hatta Km 5" });
        return await response.ReadAsync<TrainingCentreDto>(HttpStatusCode.Created);
    }

    public static async Task<HttpClient> InstructorAsync(this TestApp app, long trainingCentreId)
    {
        var user = await app.CreateUserAsync("instructor", trainingCentreId: trainingCentreId);
        return await app.SignInAsync(user.UserName, PlatformIntents.Password);
    }

    public static async Task<CourseDto> CreateCourseAsync(this HttpClient client, long trainingCentreId,
        string[]? units = null, string[]? occupations = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/courses", new
        {
            trainingCentreId,
            code = Unique.Code("LAS"),
            title = "Pengelasan SMAW dan GTAW",
            hours = 240,
            competencyCodes = units ?? WeldingUnits,
            occupationCodes = occupations ?? ["7212"],
        });
        return await response.ReadAsync<CourseDto>(HttpStatusCode.Created);
    }

    public static async Task<CohortDto> CreateCohortAsync(this HttpClient client, long courseId, int capacity = 16,
        DateOnly? startsOn = null, DateOnly? endsOn = null)
    {
        var starts = startsOn ?? Today.AddDays(-30);
        var response = await client.PostAsJsonAsync("/api/v1/cohorts", new
        {
            courseId,
            name = Unique.Name("Angkatan"),
            startsOn = starts,
            endsOn = endsOn ?? starts.AddDays(60),
            capacity,
            instructorName = "Pak Budi",
        });
        return await response.ReadAsync<CohortDto>(HttpStatusCode.Created);
    }

    public static async Task<EnrolmentDto> EnrolAsync(this HttpClient client, long cohortId, long seekerId)
    {
        var response = await client.PostAsJsonAsync("/api/v1/enrolments", new { cohortId, seekerId });
        return await response.ReadAsync<EnrolmentDto>(HttpStatusCode.Created);
    }

    public static async Task<TrainingSetup> TrainingSetupAsync(this TestApp app)
    {
        var centre = await app.CreateTrainingCentreAsync();
        var instructor = await app.InstructorAsync(centre.Id);
        var course = await instructor.CreateCourseAsync(centre.Id);
        return new TrainingSetup(centre, instructor, course);
    }

    /// <summary>A new employer calling with an API key the admin issued it; returns that client.</summary>
    public static async Task<HttpClient> EmployerFixtureAsync(this TestApp app)
    {
        var employer = await app.CreateEmployerAsync();
        return app.WithApiKey((await app.IssueApiKeyAsync(employer.Id)).Key);
    }

    /// <summary>The seeker's competency profile as (unit code, evidence, level), by code, as the admin reads the
    /// seeker (which records one read).</summary>
    public static async Task<(string Code, string Evidence, long Level)[]> SeekerCompetenciesAsync(this TestApp app,
        long seekerId)
    {
        var seeker = await (await app.SharedAdminAsync()).GetSeekerAsync(seekerId);
        return [.. seeker.Competencies.OrderBy(c => c.Code, StringComparer.Ordinal)
            .Select(c => (c.Code, c.Evidence, (long)c.Level))];
    }
}

using System.Net;
using System.Net.Http.Json;
using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Intents;

public sealed record WageFiguresDto(int Count, decimal? Median, long? Min, long? Max);

public sealed record UptakeFiguresDto(int Enrolments, int InTraining, int Dropped, int Graduates, int JudgedCompetent,
    int Certified, int Placed, int PlacedWithin3Months, int PlacedWithin6Months, int PlacedWithin12Months,
    int PlacedAtMouPartner, int Apprenticeships, decimal? MedianDaysToPlacement, WageFiguresDto Wages,
    WageFiguresDto Stipends);

public sealed record UptakeCourseDto(long CourseId, string Code, string Title, UptakeFiguresDto Figures);

public sealed record UptakeCohortDto(long CohortId, long CourseId, string Name, DateOnly StartsOn, DateOnly EndsOn,
    UptakeFiguresDto Figures);

public sealed record UptakeEmployerDto(long EmployerId, string Name, int Placed, int Apprenticeships, int AtMouPartner,
    decimal? MedianWage, decimal? MedianStipend);

public sealed record UptakeUnitDto(long CompetencyId, string Code, string Title, int Assessed, int Competent,
    decimal CompetentRate);

public sealed record UptakeReportDto(string Level, long Id, string Name, long TrainingCentreId,
    DateTimeOffset ComputedAt, long? ComputedByJobId, DateOnly AsOf, UptakeFiguresDto Totals,
    List<UptakeCourseDto> ByCourse, List<UptakeCohortDto> ByCohort, List<UptakeEmployerDto> ByEmployer,
    List<UptakeUnitDto> Units, bool RefreshPending = false);

public sealed record TrainingCentreUptakeDto(long Id, string Code, string Name, long OfficeId, string RegionCode,
    DateTimeOffset ComputedAt, long? ComputedByJobId, UptakeFiguresDto Totals, bool RefreshPending = false);

public sealed record GapCourseDto(long CourseId, string Code, string Title, long TrainingCentreId,
    string TrainingCentreCode, string TrainingCentreName, long OfficeId, bool InScope, decimal CompletionRate,
    int? SuggestedCohortSize, DateOnly? NextCohortStartsOn);

public sealed record TrainingGapDto(int Rank, long CompetencyId, string Code, string Title, int RequiredLevel,
    int Vacancies, int MandatoryOpenings, int OptionalOpenings, decimal Demand, int Holders, decimal ExpectedGraduates,
    decimal Supply, decimal Unmet, decimal Coverage, List<GapCourseDto> Courses);

public sealed record TrainingGapReportDto(long? OfficeId, string? RegionCode, DateOnly? OpensFrom, DateOnly? OpensTo,
    DateTimeOffset ComputedAt, long? ComputedByJobId, DateOnly AsOf, int OpenVacancies, int UnfilledOpenings,
    List<TrainingGapDto> Gaps, bool RefreshPending = false);

public sealed record IpkMonthDto(string Month, int SeekersRegistered, int VacanciesRegistered, int OpeningsRegistered,
    int Placements);

public sealed record IpkRowDto(string Month, string Measure, string Dimension, string Key, string? Label, int Count,
    int? Openings);

public sealed record IpkReportDto(long? OfficeId, string From, string To, DateTimeOffset ComputedAt,
    long? ComputedByJobId, DateOnly AsOf, List<IpkMonthDto> Months, List<IpkRowDto> Breakdown,
    bool RefreshPending = false);

public sealed record UpskillingSuggestionDto(long CourseId, string Code, string Title, long TrainingCentreId,
    string TrainingCentreName, int AdditionalVacancies, List<string> UnitsGained, DateOnly? NextCohortStartsOn,
    string Explanation);

public sealed record UpskillingReportDto(long SeekerId, DateOnly AsOf, int OpenVacancies, int VacanciesMetNow,
    List<UpskillingSuggestionDto> Suggestions);

public sealed record RefreshDto(long JobId, string Kind, string ScopeKey, bool Enqueued);

/// <summary>Intent methods for the reports, and the training and placement steps their figures follow.</summary>
public static class ReportIntents
{
    public static DateOnly Today => OfficeCalendar.Today;

    public static async Task<T> ReportAsync<T>(this HttpClient client, string url) =>
        await (await client.GetAsync(url)).ReadAsync<T>();

    /// <summary>Asks for a recompute and returns the job (202).</summary>
    public static async Task<RefreshDto> RefreshAsync(this HttpClient client, string kind, string query) =>
        await (await client.PostAsync(new Uri($"/api/v1/reports/{kind}/refresh?{query}", UriKind.Relative), null))
            .ReadAsync<RefreshDto>(HttpStatusCode.Accepted);

    /// <summary>Waits (at most a minute) until the jobs API shows the job succeeded; fails if it ends any other way.</summary>
    public static async Task WaitForJobAsync(this TestApp app, long jobId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var state = (await app.JobAsync(jobId)).GetProperty("job").GetProperty("state").GetString();
            if (state == "succeeded")
            {
                return;
            }

            Assert.True(state is "scheduled" or "available" or "processing" or "retryable",
                $"job {jobId} ended {state}");
            Assert.True(DateTime.UtcNow < deadline, $"job {jobId} still {state} after a minute");
            await Task.Delay(100);
        }
    }

    public static async Task CompleteAsync(this HttpClient instructor, long enrolmentId, DateOnly completedOn) =>
        await (await instructor.PutAsJsonAsync($"/api/v1/enrolments/{enrolmentId}",
            new { status = "completed", completedOn })).ReadAsync<EnrolmentDto>();

    public static async Task DropAsync(this HttpClient instructor, long enrolmentId) =>
        await (await instructor.PutAsJsonAsync($"/api/v1/enrolments/{enrolmentId}", new { status = "dropped" }))
            .ReadAsync<EnrolmentDto>();

    /// <summary>Uji kompetensi: (unit code, competent?) for each unit assessed.</summary>
    public static async Task AssessAsync(this HttpClient instructor, long enrolmentId, DateOnly assessedOn,
        params (string Code, bool Competent)[] outcomes) =>
        await (await instructor.PutAsJsonAsync($"/api/v1/enrolments/{enrolmentId}/assessments", new
        {
            assessments = outcomes.Select(o => new
            {
                competencyCode = o.Code,
                outcome = o.Competent ? "competent" : "not_yet_competent",
                assessedOn,
            }),
        })).ReadAsync<EnrolmentDto>();

    public static async Task CertifyAsync(this HttpClient instructor, long enrolmentId, DateOnly issuedOn) =>
        await (await instructor.PutAsJsonAsync($"/api/v1/enrolments/{enrolmentId}/certificate", new
        {
            number = Unique.Code("CERT"),
            scheme = "Juru Las SMAW",
            lsp = "LSP Las Indonesia",
            issuedOn,
        })).ReadAsync<EnrolmentDto>();

    /// <summary>An employer with an MoU with the office signed on the given day (placement and apprenticeship).</summary>
    public static async Task<EmployerDto> PartnerSinceAsync(this TestApp app, long officeId, DateOnly signedOn)
    {
        var employer = await app.CreateEmployerAsync();
        await app.CreateMouAsync(officeId, employer.Id, signedOn: signedOn, validUntil: Today.AddYears(1));
        return employer;
    }

    /// <summary>Staff post a vacancy on the employer's behalf, with changes to the default job body.</summary>
    public static Task<VacancyDto> PostVacancyForAsync(this HttpClient staff, long employerId,
        Dictionary<string, object?> body, params (string Key, object? Value)[] changes)
    {
        body["employerId"] = employerId;
        foreach (var (key, value) in changes)
        {
            body[key] = value;
        }

        return staff.PostVacancyAsync(body);
    }

    public static async Task<PlacementDto> PlaceAsync(this HttpClient staff, long seekerId, long vacancyId,
        DateOnly startDate, long? wage) =>
        await (await staff.PostAsJsonAsync("/api/v1/placements",
            new { seekerId, vacancyId, startDate, source = "direct", wage })).ReadAsync<PlacementDto>(HttpStatusCode.Created);

    public static async Task SetCompetenciesAsync(this HttpClient staff, long seekerId,
        params (long CompetencyId, int Level)[] items) =>
        (await staff.PutAsJsonAsync($"/api/v1/seekers/{seekerId}/competencies", new
        {
            items = items.Select(i => new { competencyId = i.CompetencyId, level = i.Level, evidence = "experience", years = 1.0 }),
        })).EnsureSuccessStatusCode();

    /// <summary>A unit of competency of its own, so that no other test's vacancies or courses ask for it.</summary>
    public static async Task<(long Id, string Code)> CompetencyOfOwnAsync(this TestApp app)
    {
        var admin = await app.SharedAdminAsync();
        var code = Unique.Code("T.999999");
        var response = await admin.PostAsJsonAsync("/api/v1/reference/competencies",
            new { code, title = $"Unit {code}", framework = "other" });
        var created = await response.ReadAsync<SeekerIntents.CompetencyRef>(HttpStatusCode.Created);
        return (created.Id, code);
    }
}

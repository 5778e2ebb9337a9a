using LinkMatch.Api.Http;
using LinkMatch.Api.Placements;
using LinkMatch.Api.Vacancies;
using LinkMatch.Api.Workflow;

namespace LinkMatch.Api.OpenApi;

/// <summary>Examples for what employers' systems call: posting and maintaining a vacancy, reading referrals, and
/// reporting the outcome (interview, hire, not hired). They are the API's own request and response records, so
/// an example cannot name a property the API does not have; <c>Platform/OpenApiExampleTests</c> posts the
/// requests and compares the answers' shape with the response examples.</summary>
internal static class PartnerExamples
{
    private static readonly DateTimeOffset Posted = new(2026, 11, 23, 9, 15, 0, TimeSpan.FromHours(8));

    public static CreateVacancyRequest NewVacancy => new()
    {
        Type = VacancyTypes.Job,
        Title = "Juru Masak",
        OccupationCode = "5120",
        Description = "Juru masak dapur hotel: menyiapkan menu Indonesia untuk 200 tamu sehari.",
        Openings = 2,
        ContractType = "permanent",
        WorkRegionCode = "64.71",
        MinEducation = "smk",
        MinExperienceYears = 0,
        Sex = "any",
        WageMin = 3_800_000,
        WageMax = 4_500_000,
        OpensOn = new DateOnly(2026, 11, 23),
        ClosesOn = new DateOnly(2027, 1, 7),
        Competencies = [new VacancyCompetencyRequest(39, Mandatory: true, MinLevel: 2), new VacancyCompetencyRequest(37, false)],
    };

    public static UpdateVacancyRequest ChangedVacancy => new()
    {
        Title = NewVacancy.Title,
        OccupationCode = NewVacancy.OccupationCode,
        Description = NewVacancy.Description,
        Openings = 3,
        ContractType = NewVacancy.ContractType,
        WorkRegionCode = NewVacancy.WorkRegionCode,
        MinEducation = NewVacancy.MinEducation,
        Sex = NewVacancy.Sex,
        WageMin = 4_000_000,
        WageMax = 4_800_000,
        OpensOn = NewVacancy.OpensOn,
        ClosesOn = new DateOnly(2027, 1, 31),
        Competencies = NewVacancy.Competencies,
    };

    public static Vacancy Vacancy(int openings = 2, int filled = 0, string status = VacancyStatuses.Open) =>
        new(4711, 12, "PT Hotel Teluk Balikpapan", 31, 1, VacancyTypes.Job, "Juru Masak", "5120",
            NewVacancy.Description, "smk", 0, null, null, "any", "64.71", openings, filled, 3_800_000, 4_500_000,
            "permanent", null, null, NewVacancy.OpensOn, NewVacancy.ClosesOn, status,
            status == VacancyStatuses.Filled ? Posted.AddDays(30) : null, null, Posted, Posted)
        {
            Competencies =
            [
                new(39, "I.561010.011.01", "Mengolah Masakan Indonesia", true, 2),
                new(37, "I.561010.001.01", "Menerapkan Higiene dan Sanitasi Makanan", false, 1),
            ],
        };

    private static Candidate Candidate => new(90817, "Siti Rahmawati", "647101**********", "20-24", "female", "smk",
        "64.71", "+6281234567890", "siti.rahmawati@example.id");

    public static PagedList<SuggestionListItem> Referrals => new(
        [
            new(55012, "job", SuggestionStatuses.Approved, 4711, "Juru Masak", 12, "PT Hotel Teluk Balikpapan", Candidate,
                Posted.AddDays(1), null, null, null, Posted.AddDays(1)),
        ], 1, 50, 1);

    public static SuggestionDetail Referral => new(55012, "job", SuggestionStatuses.InterviewScheduled, 0.83, 1,
        "Holds 1 of 1 mandatory units (certified: Mengolah Masakan Indonesia); lives in the work region.", 4711,
        "Juru Masak", VacancyStatuses.Open, 12, "PT Hotel Teluk Balikpapan", Candidate, Posted.AddDays(1),
        Interview.InterviewAt, null, null, null,
        [
            new(1, "approve", SuggestionStatuses.Proposed, SuggestionStatuses.Approved, null, null, "user", "petugas.balikpapan", Posted.AddDays(1)),
            new(2, "interview", SuggestionStatuses.Approved, SuggestionStatuses.InterviewScheduled, null, Interview.Note, "api_key", "PT Hotel Teluk Balikpapan", Posted.AddDays(2)),
        ],
        Posted.AddDays(2));

    public static InterviewRequest Interview => new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(8)),
        "Wawancara di dapur hotel, bawa ijazah dan sertifikat.");

    public static HireRequest Hire => new(StartDate: new DateOnly(2026, 12, 1), MonthlyWage: 4_200_000);

    public static NotHiredRequest NotHired => new(NotHiredReasons.Wage, "Kandidat meminta upah di atas kisaran.");

    public static WorkflowState State(string status, long? placementId = null) => new(55012, "job", status, 4711,
        90817, Posted.AddDays(1), Interview.InterviewAt, status == SuggestionStatuses.NotHired ? NotHired.ReasonCode : null,
        placementId, null, Posted.AddDays(3));

    public static Placement Placement => new(8802, 90817, "Siti Rahmawati", 4711, "Juru Masak", 12,
        "PT Hotel Teluk Balikpapan", 1, "job", new DateOnly(2026, 12, 1), 4_200_000, PlacementsApi.Suggestion,
        Posted.AddDays(3), Posted.AddDays(3));
}

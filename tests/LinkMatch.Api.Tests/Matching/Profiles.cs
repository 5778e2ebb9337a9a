using LinkMatch.Api.Matching.Features;

namespace LinkMatch.Api.Tests.Matching;

/// <summary>Hand-built profiles for the pure matching code: a welder in Balikpapan and a welding vacancy there,
/// changed per test with <c>with</c>-style initialisers.</summary>
public static class Profiles
{
    public static readonly DateOnly Day = new(2026, 6, 1);

    // Competency ids as the pure code sees them: opaque numbers.
    public const long K3 = 1;
    public const long Smaw = 2;
    public const long SmawVertical = 3;
    public const long Gmaw = 4;
    public const long English = 5;

    public static VacancyProfile Vacancy(Requirement[]? requirements = null, string type = "job",
        string occupation = "7212", string region = "64.71", long? wageMax = 6_500_000, int? ageMin = null,
        int? ageMax = null, long[]? partners = null, int? quotaHeadroom = null, long employerId = 100,
        float minExperience = 2, string minEducation = "smk", int openings = 2) => new()
        {
            Id = 10,
            EmployerId = employerId,
            EmployerName = "PT Mitra Las",
            Type = type,
            Title = "Welder SMAW",
            OccupationCode = occupation,
            MinEducation = minEducation,
            MinExperienceYears = minExperience,
            AgeMin = ageMin,
            AgeMax = ageMax,
            WorkRegionCode = region,
            Openings = openings,
            WageMin = wageMax is null ? null : 4_000_000,
            WageMax = wageMax,
            Stipend = type == "apprenticeship" ? 3_500_000 : null,
            OpensOn = Day.AddDays(-5),
            ClosesOn = Day.AddDays(25),
            Requirements = requirements ??
            [
                new Requirement(K3, true, 2), new Requirement(Smaw, true, 2), new Requirement(SmawVertical, true, 2),
                new Requirement(Smaw + 100, true, 2), new Requirement(Gmaw, false, 1),
            ],
            PartnerOfficeIds = partners ?? [],
            ApprenticeQuotaHeadroom = quotaHeadroom,
        };

    public static SeekerProfile Seeker(HeldUnit[]? units = null, string region = "64.71", bool relocate = false,
        string education = "smk", long? expectedWage = 5_000_000, string[]? occupations = null,
        string[]? regions = null, CompletedCourse[]? courses = null, DateOnly? birthDate = null,
        PastApprenticeship[]? apprenticeships = null, long id = 1) => new()
        {
            Id = id,
            OfficeId = 1,
            RegionCode = region,
            WillingToRelocate = relocate,
            EducationLevel = education,
            ExpectedWage = expectedWage,
            RegisteredOn = Day.AddMonths(-6),
            BirthDate = birthDate ?? new DateOnly(1998, 3, 1),
            Units = SeekerProfile.Sorted(units ??
            [
                new HeldUnit(K3, 3, Evidence.Certified, 2), new HeldUnit(Smaw, 3, Evidence.Certified, 4),
                new HeldUnit(SmawVertical, 2, Evidence.SelfDeclared, 1),
            ]),
            PreferredOccupations = occupations ?? ["7212"],
            PreferredRegions = regions ?? ["64.71"],
            Courses = courses ?? [],
            Apprenticeships = apprenticeships ?? [],
        };

    public static CompletedCourse Course(DateOnly completedOn, long[]? units = null, string[]? occupations = null,
        long officeId = 7) => new(50, 60, officeId, completedOn, units ?? [K3, Smaw, SmawVertical],
        occupations ?? ["7212"]);
}

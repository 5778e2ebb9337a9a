using System.ComponentModel.DataAnnotations;
using LinkMatch.Api.Http;

namespace LinkMatch.Api.Vacancies;

/// <summary>Lowongan: a job or apprenticeship (pemagangan) opening as Perpres 57/2023 asks it to be reported:
/// the employer, title, openings, how long it is open, the requirements (age, sex, education, competencies,
/// experience), wage and work location, and — once it is — that it was filled and how many were filled.
/// <see cref="OfficeId"/> is the office of the MoU that covers it.</summary>
public sealed record Vacancy(long Id, long EmployerId, string EmployerName, long MouId, long OfficeId, string Type,
    string Title, string OccupationCode, [property: FreeText] string Description, string MinEducation, decimal MinExperienceYears,
    int? AgeMin, int? AgeMax, string Sex, string WorkRegionCode, int Openings, int Filled, long? WageMin,
    long? WageMax, string ContractType, int? ApprenticeshipMonths, long? Stipend, DateOnly OpensOn, DateOnly ClosesOn,
    string Status, DateTimeOffset? FilledReportedAt, DateTimeOffset? ClosedAt, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Units of competency asked for: mandatory or optional, each with a minimum level.</summary>
    public IReadOnlyList<VacancyCompetency> Competencies { get; init; } = [];
}

public sealed record VacancyCompetency(long CompetencyId, string Code, string Title, bool Mandatory, int MinLevel);

public sealed record VacancyCompetencyRequest([property: Id] long CompetencyId, bool Mandatory,
    [property: Range(1, 9)] int MinLevel = 1);

/// <summary>What both posting and amending a vacancy say about it, validated the same way for both. The
/// requests carry these as their own (flat) JSON properties.</summary>
public abstract record VacancyTerms
{
    [Required, StringLength(200, MinimumLength = 3)]
    public string Title { get; init; } = null!;

    [Required, StringLength(7), RegularExpression(VacancyTypes.OccupationPattern, ErrorMessage = VacancyTypes.OccupationHelp)]
    public string OccupationCode { get; init; } = null!;

    [Range(1, 10_000)]
    public int Openings { get; init; }

    [Required, OneOf("permanent", "fixed_term", "daily", "part_time", "apprenticeship")]
    public string ContractType { get; init; } = null!;

    [Required, StringLength(5)]
    public string WorkRegionCode { get; init; } = null!;

    public DateOnly OpensOn { get; init; }

    public DateOnly ClosesOn { get; init; }

    [StringLength(10_000), FreeText]
    public string Description { get; init; } = "";

    [MaxLength(100)]
    public VacancyCompetencyRequest[]? Competencies { get; init; }

    [OneOf("none", "sd", "smp", "sma", "smk", "d1", "d2", "d3", "d4", "s1", "s2", "s3")]
    public string MinEducation { get; init; } = "none";

    [Range(0d, 60d)]
    public decimal MinExperienceYears { get; init; }

    [Range(15, 100)]
    public int? AgeMin { get; init; }

    [Range(15, 100)]
    public int? AgeMax { get; init; }

    [OneOf("any", "male", "female")]
    public string Sex { get; init; } = "any";

    [Range(0d, 1e12)]
    public long? WageMin { get; init; }

    [Range(0d, 1e12)]
    public long? WageMax { get; init; }

    [Range(1, 36)]
    public int? ApprenticeshipMonths { get; init; }

    [Range(0d, 1e12)]
    public long? Stipend { get; init; }
}

/// <summary>Posting a vacancy. An employer may leave <see cref="EmployerId"/> out (or give its own); staff and
/// admins post on an employer's behalf and must name it. Status, filled count, office and MoU are not the caller's
/// to set.</summary>
public sealed record CreateVacancyRequest : VacancyTerms
{
    [Required, OneOf(VacancyTypes.Job, VacancyTypes.Apprenticeship)]
    public string Type { get; init; } = null!;

    [Id]
    public long? EmployerId { get; init; }
}

/// <summary>Amending an open vacancy. Its type and employer are fixed (they decide the covering MoU).</summary>
public sealed record UpdateVacancyRequest : VacancyTerms;

/// <summary>The report that the vacancy is filled, with how many people were hired through it.</summary>
public sealed record FillVacancyRequest([property: Range(1, 10_000)] int Filled);

/// <summary>Filters: <c>workRegionCode</c> '64' matches the whole province; <c>occupationCode</c> matches a KBJI
/// group and everything under it; <c>openOn</c> keeps vacancies open for applications on that day.</summary>
public sealed record VacancyFilter(
    [property: Id] long? OfficeId = null,
    [property: Id] long? EmployerId = null,
    [property: StringLength(5)] string? WorkRegionCode = null,
    [property: StringLength(7)] string? OccupationCode = null,
    [property: OneOf(VacancyStatuses.Open, VacancyStatuses.Filled, VacancyStatuses.Closed)] string? Status = null,
    [property: OneOf(VacancyTypes.Job, VacancyTypes.Apprenticeship)] string? Type = null,
    DateOnly? OpenOn = null,
    DateOnly? PostedFrom = null,
    DateOnly? PostedTo = null,
    [property: StringLength(100)] string? Q = null);

/// <summary>Where a vacancy stands: open for applications, reported filled, or closed unfilled.</summary>
public static class VacancyStatuses
{
    public const string Open = "open";
    public const string Filled = "filled";
    public const string Closed = "closed";
}

public static class VacancyTypes
{
    public const string Job = "job";
    public const string Apprenticeship = "apprenticeship";
    public const string OccupationPattern = @"^[0-9]{1,4}(\.[0-9]{2})?$";
    public const string OccupationHelp = "Use a KBJI 2014 code such as '7212'.";
}

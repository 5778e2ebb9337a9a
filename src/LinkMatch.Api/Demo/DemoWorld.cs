namespace LinkMatch.Api.Demo;

/// <summary>The demo world in memory, with local ids (1..n per kind) that the loader maps to database ids.</summary>
public sealed class DemoWorld
{
    public DateOnly Anchor { get; init; }
    public List<DemoOffice> Offices { get; } = [];
    public List<DemoCentre> Centres { get; } = [];
    public List<DemoCourse> Courses { get; } = [];
    public List<DemoCohort> Cohorts { get; } = [];
    public List<DemoSeeker> Seekers { get; } = [];
    public List<DemoEnrolment> Enrolments { get; } = [];
    public List<DemoEmployer> Employers { get; } = [];
    public List<DemoMou> Mous { get; } = [];
    public List<DemoVacancy> Vacancies { get; } = [];
    public List<DemoPlacement> Placements { get; } = [];
    public List<DemoCommitment> Commitments { get; } = [];
    public List<DemoActivity> Activities { get; } = [];

    /// <summary>Everyone the history considered for each ended vacancy, with their hidden fit: what a check of the
    /// history's hiring preferences compares.</summary>
    public List<DemoConsidered> Considered { get; } = [];
}

/// <summary>A person considered for a vacancy in the history: their fit without noise or preference, and whether
/// they were hired.</summary>
public sealed record DemoConsidered(int VacancyId, int SeekerId, double Fit, bool Hired);

public sealed record DemoOffice(int Id, string Code, string Name, string Level, string Region);

public sealed record DemoCentre(int Id, string Code, string Name, int OfficeId, string Region, string Address);

public sealed record DemoCourse(int Id, int CentreId, string Code, Trade Trade);

public sealed record DemoCohort(int Id, int CourseId, string Name, DateOnly StartsOn, DateOnly EndsOn, int Capacity,
    string Instructor);

/// <summary>A unit held: level 1–9, evidence, years of practice, where the claim comes from.</summary>
public sealed record HeldUnit(short Level, string Evidence, decimal Years, string Source);

public sealed record DemoAssessment(string Unit, bool Competent, DateOnly AssessedOn);

public sealed record DemoEnrolment(int Id, int CohortId, int SeekerId, string Status, DateOnly? CompletedOn,
    string? CertificateNumber, string? CertificateScheme, string? CertificateLsp, DateOnly? CertificateIssuedOn,
    List<DemoAssessment> Assessments);

/// <summary>An employer. <paramref name="Reporting"/> is its habit of reporting a vacancy filled
/// (<see cref="ReportingHabits"/>).</summary>
public sealed record DemoEmployer(int Id, string Name, string Kbli, string Address, string Region, string ContactName,
    string ContactEmail, string ContactPhone, int Workforce, Trade[] Hires, string Reporting);

/// <summary>How employers report that a vacancy is filled (Perpres 57/2023 asks them to): on the day, weeks late, or
/// never (the office closes the vacancy when it ends; its hires are known from the AK/1 cards returned).</summary>
public static class ReportingHabits
{
    public const string Prompt = "prompt";
    public const string Late = "late";
    public const string Silent = "silent";
}

/// <summary>An MoU with an employer, a BLK, or (<paramref name="PartnerKind"/>) a university or government body
/// named <paramref name="PartnerName"/>.</summary>
public sealed record DemoMou(int Id, string Number, int OfficeId, int? EmployerId, int? CentreId, string[] Scopes,
    DateOnly SignedOn, DateOnly ValidUntil, DateOnly? TerminatedOn, string? TerminationReason,
    string? PartnerKind = null, string? PartnerName = null)
{
    public bool ActiveOn(DateOnly day) => SignedOn <= day && day <= ValidUntil && (TerminatedOn is null || day < TerminatedOn);
}

/// <summary>A programme item of an MoU (see Reports/README.md, "MoU scorecard").</summary>
public sealed record DemoCommitment(int Id, int MouId, string Kind, int? Target, DateOnly StartsOn, DateOnly EndsOn,
    string OwedBy, string Description);

/// <summary>Work recorded under a commitment.</summary>
public sealed record DemoActivity(int CommitmentId, DateOnly OccurredOn, int Quantity, string Note, string Evidence);

public sealed record DemoRequirement(string Unit, bool Mandatory, short MinLevel);

public sealed class DemoVacancy
{
    public int Id { get; init; }
    public int EmployerId { get; init; }
    public int MouId { get; init; }
    public int OfficeId { get; init; }
    public required string Type { get; init; }
    public required string Title { get; init; }
    public required string Occupation { get; init; }
    public required string Description { get; init; }
    public required string MinEducation { get; init; }
    public decimal MinExperienceYears { get; init; }
    public short? AgeMin { get; init; }
    public short? AgeMax { get; init; }
    public string Sex { get; init; } = "any";
    public required string Region { get; init; }
    public int Openings { get; init; }
    public int Filled { get; set; }
    public long? WageMin { get; init; }
    public long? WageMax { get; init; }
    public required string ContractType { get; init; }
    public short? ApprenticeshipMonths { get; init; }
    public long? Stipend { get; init; }
    public DateOnly OpensOn { get; init; }
    public DateOnly ClosesOn { get; init; }
    public string Status { get; set; } = "open";

    /// <summary>The day the employer reported the vacancy filled, if it did.</summary>
    public DateOnly? FilledReportedOn { get; set; }

    /// <summary>The project wave it belongs to (<see cref="WorldGenerator.Waves"/>), or null for the everyday flow.</summary>
    public string? Wave { get; init; }

    public required Trade Trade { get; init; }
    public List<DemoRequirement> Requirements { get; } = [];
}

public sealed record DemoPlacement(int Id, int SeekerId, int VacancyId, int EmployerId, string Type, DateOnly StartDate,
    long? Wage, string Source);

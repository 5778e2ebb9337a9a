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

public sealed class DemoSeeker
{
    public int Id { get; init; }
    public int OfficeId { get; init; }
    public required string Ak1Number { get; init; }
    public required string Nik { get; init; }
    public required string FullName { get; init; }
    public DateOnly BirthDate { get; init; }
    public required string Sex { get; init; }
    public required string Education { get; init; }
    public string? Major { get; init; }
    public required string Region { get; init; }
    public required string Phone { get; init; }
    public string? Email { get; init; }
    public string? Disability { get; init; }
    public long ExpectedWage { get; init; }
    public bool WillingToRelocate { get; init; }
    public DateOnly RegisteredOn { get; init; }
    public DateOnly? LastReportedOn { get; init; }
    public bool Consented { get; init; }
    public bool Inactive { get; init; }
    public Trade? Trade { get; init; }

    /// <summary>Unobserved quality: how well the person does at assessments and interviews.</summary>
    public double Aptitude { get; init; }

    public List<string> PreferredOccupations { get; } = [];
    public List<string> PreferredRegions { get; } = [];

    /// <summary>The units held now, at the anchor date.</summary>
    public Dictionary<string, HeldUnit> Units { get; } = [];

    /// <summary>When each unit was gained or strengthened; what work brought is held from before registration.</summary>
    public List<(string Unit, DateOnly From, HeldUnit Held)> UnitHistory { get; } = [];

    /// <summary>Records a unit gained on a day; what is held now is the strongest evidence gained.</summary>
    public void Gain(string unit, DateOnly day, HeldUnit gained)
    {
        settled = null;
        UnitHistory.Add((unit, day, gained));
        if (!Units.TryGetValue(unit, out var held) || Strength(gained) > Strength(held))
        {
            Units[unit] = held is null ? gained : gained with { Years = Math.Max(held.Years, gained.Years) };
        }
    }

    /// <summary>The units as they were held on a day, the strongest evidence gained by then (with the most years):
    /// a hiring decision knows nothing learnt later.</summary>
    public IReadOnlyDictionary<string, HeldUnit> UnitsOn(DateOnly day)
    {
        // On or after the last gain the answer no longer changes: the history asks for it thousands of times.
        if (settled is { } known && day >= known.From)
        {
            return known.Units;
        }

        var units = Collect(day);
        var last = UnitHistory.Count == 0 ? DateOnly.MinValue : UnitHistory.Max(h => h.From);
        if (day >= last)
        {
            settled = (last, units);
        }

        return units;
    }

    private (DateOnly From, Dictionary<string, HeldUnit> Units)? settled;

    private Dictionary<string, HeldUnit> Collect(DateOnly day)
    {
        var held = new Dictionary<string, HeldUnit>(UnitHistory.Count);
        foreach (var (unit, from, value) in UnitHistory)
        {
            if (from > day)
            {
                continue;
            }

            if (!held.TryGetValue(unit, out var before))
            {
                held[unit] = value;
            }
            else
            {
                var stronger = Strength(value) > Strength(before) ? value : before;
                held[unit] = stronger with { Years = Math.Max(before.Years, value.Years) };
            }
        }

        return held;
    }

    private static double Strength(HeldUnit unit) => WorldGenerator.EvidenceWeight(unit.Evidence) * 10 + unit.Level;

    /// <summary>When the person was placed in the history, if they were.</summary>
    public DateOnly? PlacedOn { get; set; }

    public List<int> CompletedCourseIds { get; } = [];
    public DateOnly? LastCompletedOn { get; set; }
}

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

public sealed record DemoMou(int Id, string Number, int OfficeId, int? EmployerId, int? CentreId, string[] Scopes,
    DateOnly SignedOn, DateOnly ValidUntil, DateOnly? TerminatedOn, string? TerminationReason)
{
    public bool ActiveOn(DateOnly day) => SignedOn <= day && day <= ValidUntil && (TerminatedOn is null || day < TerminatedOn);
}

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

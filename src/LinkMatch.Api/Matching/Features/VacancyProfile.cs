namespace LinkMatch.Api.Matching.Features;

/// <summary>A unit of competency a vacancy asks for, mandatory or optional, at a minimum level.</summary>
public readonly record struct Requirement(long CompetencyId, bool Mandatory, short MinLevel);

/// <summary>Lowongan as matching sees it, with the facts about its employer that matching needs, as of the
/// vacancy's reference date (today for open vacancies, the opening date for training).</summary>
public sealed class VacancyProfile
{
    public required long Id { get; init; }

    public long EmployerId { get; init; }

    public string EmployerName { get; init; } = "";

    public long OfficeId { get; init; }

    /// <summary>'job' or 'apprenticeship': also the kind of its suggestions.</summary>
    public required string Type { get; init; }

    public string Title { get; init; } = "";

    /// <summary>KBJI 2014 code ('7212', or finer '7212.01').</summary>
    public required string OccupationCode { get; init; }

    public string MinEducation { get; init; } = "none";

    public float MinExperienceYears { get; init; }

    public int? AgeMin { get; init; }

    public int? AgeMax { get; init; }

    public required string WorkRegionCode { get; init; }

    public int Openings { get; init; } = 1;

    public long? WageMin { get; init; }

    public long? WageMax { get; init; }

    public long? Stipend { get; init; }

    public DateOnly OpensOn { get; init; }

    public DateOnly ClosesOn { get; init; }

    public Requirement[] Requirements { get; init; } = [];

    /// <summary>Offices with an MoU with this employer covering training, active on the reference date: a BLK of
    /// such an office is a partner of the employer.</summary>
    public long[] PartnerOfficeIds { get; init; } = [];

    /// <summary>Apprentices the employer may still take under the 20% rule on the reference date; null for jobs
    /// or when the employer's workforce is unknown.</summary>
    public int? ApprenticeQuotaHeadroom { get; init; }

    public bool IsApprenticeship => Type == "apprenticeship";

    /// <summary>Cached: matching compares it for every candidate.</summary>
    public string ProvinceCode => _province ??= Regions.Province(WorkRegionCode);

    private string? _province;
    private AgeWindow? _ages;

    /// <summary>The birth dates within the stated age range on <paramref name="day"/> (cached for the last day).</summary>
    public AgeWindow AgesOn(DateOnly day)
    {
        var ages = _ages;
        if (ages is null || ages.Day != day)
        {
            _ages = ages = new AgeWindow(day,
                AgeMin is { } min ? day.AddYears(-min) : null,
                AgeMax is { } max ? day.AddYears(-(max + 1)) : null);
        }

        return ages;
    }

    /// <summary>What the employer offers a month: the top of the wage range, else its bottom; the stipend for an
    /// apprenticeship.</summary>
    public long? Offer => IsApprenticeship ? Stipend : WageMax ?? WageMin;
}

/// <summary>Who is within an age range on a day: born on or before <see cref="BornOnOrBefore"/> (old enough) and
/// after <see cref="BornAfter"/> (not too old).</summary>
public sealed record AgeWindow(DateOnly Day, DateOnly? BornOnOrBefore, DateOnly? BornAfter)
{
    public bool Contains(DateOnly birth) =>
        (BornOnOrBefore is not { } latest || birth <= latest) && (BornAfter is not { } earliest || birth > earliest);
}

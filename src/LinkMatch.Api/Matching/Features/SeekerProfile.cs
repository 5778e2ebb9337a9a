namespace LinkMatch.Api.Matching.Features;

/// <summary>How a competency is known, weakest first (the order of the schema's evidence values).</summary>
public enum Evidence
{
    SelfDeclared = 0,
    Experience = 1,
    Trained = 2,
    Assessed = 3,
    Certified = 4,
}

/// <summary>A unit of competency a seeker holds: level 1–9, evidence, years of practice.</summary>
public readonly record struct HeldUnit(long CompetencyId, short Level, Evidence Evidence, float Years);

/// <summary>A BLK course the seeker completed: where, when, which units it teaches and which occupations
/// (KBJI) it prepares for. <see cref="CentreOfficeId"/> is the office the BLK belongs to (MoUs are signed by
/// offices).</summary>
public sealed record CompletedCourse(long CourseId, long TrainingCentreId, long CentreOfficeId, DateOnly CompletedOn,
    long[] Units, string[] Occupations);

/// <summary>An apprenticeship the seeker was placed in (pemagangan), to keep them from repeating a programme.</summary>
public readonly record struct PastApprenticeship(long EmployerId, string OccupationCode, DateOnly StartDate);

/// <summary>Pencari kerja as matching sees them: what they can do, where they are, what they want. Loaded by SQL
/// (<see cref="Candidates.SeekerLoader"/>), or rebuilt as of a past date for training
/// (<see cref="Training.SeekerHistory"/>). Sex, religion, disability and the exact age are deliberately absent: the
/// birth date is here only to test a vacancy's stated age range.</summary>
public sealed class SeekerProfile
{
    public required long Id { get; init; }

    public long OfficeId { get; init; }

    /// <summary>Kemendagri code of the regency or city ('64.71').</summary>
    public required string RegionCode { get; init; }

    public bool WillingToRelocate { get; init; }

    public required string EducationLevel { get; init; }

    public long? ExpectedWage { get; init; }

    public DateOnly RegisteredOn { get; init; }

    public DateOnly? BirthDate { get; init; }

    /// <summary>Sorted by competency id.</summary>
    public HeldUnit[] Units { get; set; } = [];

    public string[] PreferredOccupations { get; init; } = [];

    public string[] PreferredRegions { get; init; } = [];

    /// <summary>Completed courses, latest first.</summary>
    public CompletedCourse[] Courses { get; init; } = [];

    public PastApprenticeship[] Apprenticeships { get; init; } = [];

    /// <summary>Cached: matching compares it for every candidate.</summary>
    public string ProvinceCode => _province ??= Regions.Province(RegionCode);

    private string? _province;

    public HeldUnit? Find(long competencyId)
    {
        var units = Units;
        int lo = 0, hi = units.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var id = units[mid].CompetencyId;
            if (id == competencyId)
            {
                return units[mid];
            }

            if (id < competencyId)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return null;
    }

    /// <summary>The latest course completed on or before <paramref name="day"/>.</summary>
    public CompletedCourse? LastCourse(DateOnly day)
    {
        CompletedCourse? last = null;
        foreach (var course in Courses)
        {
            if (course.CompletedOn <= day && (last is null || course.CompletedOn > last.CompletedOn))
            {
                last = course;
            }
        }

        return last;
    }

    public static HeldUnit[] Sorted(IEnumerable<HeldUnit> units)
    {
        var array = units.ToArray();
        Array.Sort(array, static (a, b) => a.CompetencyId.CompareTo(b.CompetencyId));
        return array;
    }
}

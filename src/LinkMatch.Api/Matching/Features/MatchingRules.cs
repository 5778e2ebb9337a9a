namespace LinkMatch.Api.Matching.Features;

/// <summary>The rules features and eligibility apply. <see cref="RecentGraduateMonths"/>: a seeker is a recent
/// graduate when a BLK course was completed within this many months (apprenticeships take only recent graduates;
/// Permenaker 6/2020 leaves the span to the programme, 18 months is the offices' practice).
/// <see cref="ApprenticeQuotaShare"/>: apprentices are at most this share of a company's workforce.</summary>
public sealed record MatchingRules(int RecentGraduateMonths = 18, double ApprenticeQuotaShare = 0.2)
{
    public static readonly MatchingRules Default = new();

    public bool IsRecentGraduate(SeekerProfile seeker, DateOnly day) =>
        seeker.LastCourse(day) is { } course && course.CompletedOn >= day.AddMonths(-RecentGraduateMonths);
}

/// <summary>Why a seeker may not be suggested for a vacancy, beyond the status and consent the loaders check.</summary>
public enum Ineligibility
{
    None,
    OutsideAgeRange,
    OutOfReach,
    NotRecentGraduate,
    SameProgrammeBefore,
    ApprenticeQuotaReached,
}

/// <summary>The hard rules of who may be suggested for a vacancy on a day: within the vacancy's stated age range,
/// within reach (the same province, a preferred region, or willing to relocate), and for apprenticeships the
/// Permenaker 6/2020 rules: a recent graduate, not the same programme (employer and occupation) again, and the
/// employer below its apprentice quota. A vacancy's stated sex is not applied: staff see it and decide.</summary>
public static class Eligibility
{
    public static Ineligibility Check(VacancyProfile vacancy, SeekerProfile seeker, DateOnly day, MatchingRules rules)
    {
        if (vacancy.IsApprenticeship && vacancy.ApprenticeQuotaHeadroom is <= 0)
        {
            return Ineligibility.ApprenticeQuotaReached;
        }

        if (!InAgeRange(vacancy, seeker, day))
        {
            return Ineligibility.OutsideAgeRange;
        }

        if (!InReach(vacancy, seeker))
        {
            return Ineligibility.OutOfReach;
        }

        if (vacancy.IsApprenticeship)
        {
            if (!rules.IsRecentGraduate(seeker, day))
            {
                return Ineligibility.NotRecentGraduate;
            }

            foreach (var past in seeker.Apprenticeships)
            {
                if (past.EmployerId == vacancy.EmployerId && past.StartDate <= day
                    && Kbji.Closeness(past.OccupationCode, vacancy.OccupationCode) >= 1f)
                {
                    return Ineligibility.SameProgrammeBefore;
                }
            }
        }

        return Ineligibility.None;
    }

    public static bool InAgeRange(VacancyProfile vacancy, SeekerProfile seeker, DateOnly day)
    {
        if (seeker.BirthDate is not { } birth || (vacancy.AgeMin is null && vacancy.AgeMax is null))
        {
            return true;
        }

        return vacancy.AgesOn(day).Contains(birth);
    }

    public static bool InReach(VacancyProfile vacancy, SeekerProfile seeker) =>
        seeker.WillingToRelocate
        || seeker.ProvinceCode == vacancy.ProvinceCode
        || Array.IndexOf(seeker.PreferredRegions, vacancy.WorkRegionCode) >= 0;

    /// <summary>Whether the pair shares something candidate generation looks for: a required unit the seeker
    /// holds, or the vacancy's occupation minor group among the seeker's preferred occupations or the occupations
    /// of a course they completed. Only such pairs are scored.</summary>
    public static bool Shares(VacancyProfile vacancy, SeekerProfile seeker)
    {
        foreach (var requirement in vacancy.Requirements)
        {
            if (seeker.Find(requirement.CompetencyId) is not null)
            {
                return true;
            }
        }

        var group = Kbji.MinorGroup(vacancy.OccupationCode);
        foreach (var code in seeker.PreferredOccupations)
        {
            if (Kbji.MinorGroup(code) == group)
            {
                return true;
            }
        }

        foreach (var course in seeker.Courses)
        {
            foreach (var code in course.Occupations)
            {
                if (Kbji.MinorGroup(code) == group)
                {
                    return true;
                }
            }
        }

        return false;
    }
}

using LinkMatch.Api.Matching.Features;

namespace LinkMatch.Api.Matching.Candidates;

/// <summary>A cheap score that cuts a vacancy's candidates down before the full features and the model run:
/// <code>
/// pre = 3·mandatory coverage + 0.8·optional coverage + 1.2·occupation match + reach + 0.5·BLK course occupation
/// </code>
/// with reach 1 for the same regency or city (or a preferred region), 0.6 the same province, 0.3 otherwise. The
/// coverage terms come from the index's postings; the rest from the profile. It only decides who gets scored.</summary>
public static class PreScore
{
    public const float MandatoryWeight = 3f;
    public const float OptionalWeight = 0.8f;

    /// <summary>The pre-score of a pair computed from the profiles (the index path sums the same coverage terms
    /// from postings).</summary>
    public static float Of(VacancyProfile vacancy, SeekerProfile seeker)
    {
        var coverage = FeatureExtractor.Coverage.Of(vacancy, seeker);
        return (MandatoryWeight * coverage.MandatoryCoverage) + (OptionalWeight * coverage.OptionalCoverage)
            + Rest(vacancy, seeker);
    }

    /// <summary>The terms that do not come from units.</summary>
    public static float Rest(VacancyProfile vacancy, SeekerProfile seeker)
    {
        var reach = seeker.RegionCode == vacancy.WorkRegionCode
            || Array.IndexOf(seeker.PreferredRegions, vacancy.WorkRegionCode) >= 0 ? 1f
            : seeker.ProvinceCode == vacancy.ProvinceCode ? 0.6f : 0.3f;
        var course = 0f;
        foreach (var c in seeker.Courses)
        {
            course = Math.Max(course, Kbji.Best(vacancy.OccupationCode, c.Occupations));
        }

        return (1.2f * Kbji.Best(vacancy.OccupationCode, seeker.PreferredOccupations)) + reach + (0.5f * course);
    }

    /// <summary>The per-unit weight of a vacancy's mandatory (or optional) units in the coverage terms, and the
    /// constant the kind contributes when the vacancy lists none of it (coverage 1).</summary>
    public static (float Mandatory, float Optional, float Constant) UnitWeights(VacancyProfile vacancy)
    {
        int mandatory = 0, optional = 0;
        foreach (var requirement in vacancy.Requirements)
        {
            if (requirement.Mandatory)
            {
                mandatory++;
            }
            else
            {
                optional++;
            }
        }

        return (mandatory == 0 ? 0 : MandatoryWeight / mandatory, optional == 0 ? 0 : OptionalWeight / optional,
            (mandatory == 0 ? MandatoryWeight : 0) + (optional == 0 ? OptionalWeight : 0));
    }
}

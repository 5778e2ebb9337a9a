using F = LinkMatch.Api.Matching.Features.FeatureNames;

namespace LinkMatch.Api.Matching.Features;

/// <summary>Turns a (vacancy, seeker) pair into the feature vector the ranking model scores, as of a reference day
/// (today when suggesting, the vacancy's opening day when building training data). Pure code over in-memory
/// profiles, shared by scoring and training; ml-models/README.md documents every feature. NaN means "not
/// known". Never reads sex, religion, disability or the exact age.</summary>
public sealed class FeatureExtractor(MatchingRules rules)
{
    private const float DaysPerMonth = 30.4375f;

    private static readonly int Mandatory = F.IndexOf(F.MandatoryCoverage);
    private static readonly int Optional = F.IndexOf(F.OptionalCoverage);
    private static readonly int Missing = F.IndexOf(F.MandatoryMissing);
    private static readonly int Certified = F.IndexOf(F.CertifiedShare);
    private static readonly int Years = F.IndexOf(F.ExperienceYears);
    private static readonly int YearsGap = F.IndexOf(F.ExperienceGap);
    private static readonly int Occupation = F.IndexOf(F.OccupationMatch);
    private static readonly int Education = F.IndexOf(F.EducationGap);
    private static readonly int SameCity = F.IndexOf(F.SameCity);
    private static readonly int PreferredRegion = F.IndexOf(F.PreferredRegion);
    private static readonly int SameProvince = F.IndexOf(F.SameProvince);
    private static readonly int Relocate = F.IndexOf(F.WillingToRelocate);
    private static readonly int BlkUnits = F.IndexOf(F.BlkUnitCoverage);
    private static readonly int BlkOccupation = F.IndexOf(F.BlkCourseOccupation);
    private static readonly int BlkMou = F.IndexOf(F.BlkPartnerMou);
    private static readonly int SinceTraining = F.IndexOf(F.MonthsSinceTraining);
    private static readonly int Recent = F.IndexOf(F.RecentGraduate);
    private static readonly int Wage = F.IndexOf(F.WageRatio);
    private static readonly int SinceRegistration = F.IndexOf(F.MonthsSinceRegistration);
    private static readonly int Quota = F.IndexOf(F.ApprenticeQuotaHeadroom);

    public MatchingRules Rules { get; } = rules;

    /// <summary>Writes the <see cref="FeatureNames.Count"/> features of the pair into <paramref name="features"/>.</summary>
    public void Extract(VacancyProfile vacancy, SeekerProfile seeker, DateOnly day, Span<float> features)
    {
        if (features.Length < F.Count)
        {
            throw new ArgumentException($"room for {F.Count} features needed", nameof(features));
        }

        var coverage = Coverage.Of(vacancy, seeker);
        features[Mandatory] = coverage.MandatoryCoverage;
        features[Optional] = coverage.OptionalCoverage;
        features[Missing] = coverage.MandatoryMissing;
        features[Certified] = coverage.Required == 0 ? 0 : coverage.CertifiedCount / (float)coverage.Required;
        features[Years] = coverage.ExperienceYears;
        features[YearsGap] = coverage.ExperienceYears - vacancy.MinExperienceYears;

        features[Occupation] = Kbji.Best(vacancy.OccupationCode, seeker.PreferredOccupations);
        features[Education] = EducationLevels.Rank(seeker.EducationLevel) - EducationLevels.Rank(vacancy.MinEducation);

        features[SameCity] = seeker.RegionCode == vacancy.WorkRegionCode ? 1 : 0;
        features[PreferredRegion] = Array.IndexOf(seeker.PreferredRegions, vacancy.WorkRegionCode) >= 0 ? 1 : 0;
        features[SameProvince] = seeker.ProvinceCode == vacancy.ProvinceCode ? 1 : 0;
        features[Relocate] = seeker.WillingToRelocate ? 1 : 0;

        var training = Training.Of(vacancy, seeker, day);
        features[BlkUnits] = training.UnitCoverage;
        features[BlkOccupation] = training.OccupationMatch;
        features[BlkMou] = training.PartnerMou ? 1 : 0;
        features[SinceTraining] = training.LastCompleted is { } last ? Months(last, day) : float.NaN;
        features[Recent] = Rules.IsRecentGraduate(seeker, day) ? 1 : 0;

        features[Wage] = seeker.ExpectedWage is { } expected && vacancy.Offer is { } offer && offer > 0
            ? (float)(expected / (double)offer)
            : float.NaN;
        features[SinceRegistration] = Math.Max(0, Months(seeker.RegisteredOn, day));
        features[Quota] = vacancy.IsApprenticeship && vacancy.ApprenticeQuotaHeadroom is { } headroom
            ? Math.Clamp(headroom / (float)Math.Max(1, vacancy.Openings), 0, 10)
            : float.NaN;
    }

    public float[] Extract(VacancyProfile vacancy, SeekerProfile seeker, DateOnly day)
    {
        var features = new float[F.Count];
        Extract(vacancy, seeker, day, features);
        return features;
    }

    private static float Months(DateOnly from, DateOnly to) => (to.DayNumber - from.DayNumber) / DaysPerMonth;

    /// <summary>What the seeker's units cover of the vacancy's requirements.</summary>
    internal readonly record struct Coverage(float MandatoryCoverage, float OptionalCoverage, int MandatoryMissing,
        int Required, int CertifiedCount, float ExperienceYears, int MandatoryHeld, int MandatoryCount,
        int OptionalHeld, int OptionalCount)
    {
        /// <summary>Coverage of a kind of requirement is the mean credit (evidence weight, scaled by level) over
        /// its units; 1 when the vacancy lists none of that kind (nothing is missing).</summary>
        public static Coverage Of(VacancyProfile vacancy, SeekerProfile seeker)
        {
            float mandatory = 0, optional = 0, years = 0;
            int mandatoryCount = 0, optionalCount = 0, missing = 0, certified = 0, mandatoryHeld = 0, optionalHeld = 0;
            foreach (var requirement in vacancy.Requirements)
            {
                var held = seeker.Find(requirement.CompetencyId);
                var credit = held is { } h ? EvidenceWeights.Credit(h, requirement) : 0;
                if (requirement.Mandatory)
                {
                    mandatoryCount++;
                    mandatory += credit;
                    missing += held is null ? 1 : 0;
                    mandatoryHeld += held is null ? 0 : 1;
                }
                else
                {
                    optionalCount++;
                    optional += credit;
                    optionalHeld += held is null ? 0 : 1;
                }

                if (held is { } unit)
                {
                    certified += unit.Evidence == Evidence.Certified ? 1 : 0;
                    years = Math.Max(years, unit.Years);
                }
            }

            return new Coverage(mandatoryCount == 0 ? 1 : mandatory / mandatoryCount,
                optionalCount == 0 ? 1 : optional / optionalCount, missing, vacancy.Requirements.Length, certified,
                years, mandatoryHeld, mandatoryCount, optionalHeld, optionalCount);
        }
    }

    /// <summary>How the seeker's completed BLK courses line up with the vacancy.</summary>
    internal readonly record struct Training(float UnitCoverage, float OccupationMatch, bool PartnerMou,
        DateOnly? LastCompleted, CompletedCourse? BestCourse)
    {
        public static Training Of(VacancyProfile vacancy, SeekerProfile seeker, DateOnly day)
        {
            if (seeker.Courses.Length == 0)
            {
                return new Training(0, 0, false, null, null);
            }

            var taught = 0;
            foreach (var requirement in vacancy.Requirements)
            {
                foreach (var course in seeker.Courses)
                {
                    if (course.CompletedOn <= day && Array.IndexOf(course.Units, requirement.CompetencyId) >= 0)
                    {
                        taught++;
                        break;
                    }
                }
            }

            float occupation = 0;
            var partner = false;
            DateOnly? last = null;
            CompletedCourse? best = null;
            var bestScore = -1f;
            foreach (var course in seeker.Courses)
            {
                if (course.CompletedOn > day)
                {
                    continue;
                }

                var match = Kbji.Best(vacancy.OccupationCode, course.Occupations);
                occupation = Math.Max(occupation, match);
                var isPartner = Array.IndexOf(vacancy.PartnerOfficeIds, course.CentreOfficeId) >= 0;
                partner |= isPartner;
                last = last is null || course.CompletedOn > last ? course.CompletedOn : last;
                var score = match + (isPartner ? 0.5f : 0) + TaughtCount(course, vacancy);
                if (score > bestScore)
                {
                    (best, bestScore) = (course, score);
                }
            }

            return new Training(vacancy.Requirements.Length == 0 ? 0 : taught / (float)vacancy.Requirements.Length,
                occupation, partner, last, best);
        }

        /// <summary>How many of the vacancy's required units the course teaches.</summary>
        public static int TaughtCount(CompletedCourse course, VacancyProfile vacancy)
        {
            var count = 0;
            foreach (var requirement in vacancy.Requirements)
            {
                count += Array.IndexOf(course.Units, requirement.CompetencyId) >= 0 ? 1 : 0;
            }

            return count;
        }
    }
}

using LinkMatch.Api.Matching.Features;
using static LinkMatch.Api.Tests.Matching.Profiles;
using F = LinkMatch.Api.Matching.Features.FeatureNames;

namespace LinkMatch.Api.Tests.Matching;

public class FeatureExtractorTests
{
    private static readonly FeatureExtractor Extractor = new(MatchingRules.Default);

    private static float Feature(VacancyProfile vacancy, SeekerProfile seeker, string name) =>
        Extractor.Extract(vacancy, seeker, Day)[F.IndexOf(name)];

    [Fact]
    public void A_certified_welder_for_a_welding_vacancy_gets_every_feature_as_documented()
    {
        var f = Extractor.Extract(Vacancy(), Seeker(), Day);
        float Of(string name) => f[F.IndexOf(name)];

        // Mandatory: K3 and SMAW certified (1.0 each), vertical SMAW self-declared (0.3), the fourth missing.
        Assert.Equal((1f + 1f + 0.3f + 0f) / 4, Of(F.MandatoryCoverage), 5);
        Assert.Equal(0f, Of(F.OptionalCoverage));
        Assert.Equal(1f, Of(F.MandatoryMissing));
        Assert.Equal(2f / 5, Of(F.CertifiedShare), 5);
        Assert.Equal(4f, Of(F.ExperienceYears));
        Assert.Equal(2f, Of(F.ExperienceGap));
        Assert.Equal(1f, Of(F.OccupationMatch));
        Assert.Equal(0f, Of(F.EducationGap));
        Assert.Equal(1f, Of(F.SameCity));
        Assert.Equal(1f, Of(F.PreferredRegion));
        Assert.Equal(1f, Of(F.SameProvince));
        Assert.Equal(0f, Of(F.WillingToRelocate));
        Assert.Equal(0f, Of(F.BlkUnitCoverage));
        Assert.Equal(0f, Of(F.BlkCourseOccupation));
        Assert.Equal(0f, Of(F.BlkPartnerMou));
        Assert.True(float.IsNaN(Of(F.MonthsSinceTraining)));
        Assert.Equal(0f, Of(F.RecentGraduate));
        Assert.Equal(5_000_000f / 6_500_000f, Of(F.WageRatio), 5);
        Assert.Equal(182 / 30.4375f, Of(F.MonthsSinceRegistration), 3);
        Assert.True(float.IsNaN(Of(F.ApprenticeQuotaHeadroom)));
    }

    [Fact]
    public void Coverage_weighs_evidence_and_scales_down_a_level_below_the_minimum()
    {
        var vacancy = Vacancy([new Requirement(Smaw, true, 4), new Requirement(K3, true, 2)]);
        var assessed = Seeker([new HeldUnit(Smaw, 2, Evidence.Assessed, 0), new HeldUnit(K3, 2, Evidence.Trained, 0)]);
        Assert.Equal(((0.85f * 0.5f) + 0.65f) / 2, Feature(vacancy, assessed, F.MandatoryCoverage), 5);
        var experienced = Seeker([new HeldUnit(Smaw, 4, Evidence.Experience, 6), new HeldUnit(K3, 9, Evidence.SelfDeclared, 0)]);
        Assert.Equal((0.6f + 0.3f) / 2, Feature(vacancy, experienced, F.MandatoryCoverage), 5);
        Assert.Equal(6f, Feature(vacancy, experienced, F.ExperienceYears));
    }

    [Fact]
    public void A_vacancy_without_mandatory_units_misses_nothing()
    {
        var vacancy = Vacancy([new Requirement(Gmaw, false, 1)]);
        Assert.Equal(1f, Feature(vacancy, Seeker(), F.MandatoryCoverage));
        Assert.Equal(0f, Feature(vacancy, Seeker(), F.MandatoryMissing));
        Assert.Equal(0f, Feature(vacancy, Seeker(), F.OptionalCoverage));
    }

    [Theory]
    [InlineData("7212", 1f)]
    [InlineData("7212.01", 1f)]
    [InlineData("7214", 0.6f)]
    [InlineData("7231", 0.4f)]
    [InlineData("7411", 0.2f)]
    [InlineData("5120", 0f)]
    public void Occupation_match_follows_the_KBJI_hierarchy(string preferred, float expected) =>
        Assert.Equal(expected, Feature(Vacancy(), Seeker(occupations: [preferred]), F.OccupationMatch));

    [Theory]
    [InlineData("smk", 0f)]
    [InlineData("sma", 0f)]
    [InlineData("smp", -1f)]
    [InlineData("s1", 4f)]
    public void Education_gap_is_the_difference_of_ranks(string education, float expected) =>
        Assert.Equal(expected, Feature(Vacancy(), Seeker(education: education), F.EducationGap));

    [Fact]
    public void Region_features_tell_the_same_city_a_preferred_region_the_province_and_relocation_apart()
    {
        var samarinda = Seeker(region: "64.72", regions: ["64.72", "64.71"]);
        Assert.Equal(0f, Feature(Vacancy(), samarinda, F.SameCity));
        Assert.Equal(1f, Feature(Vacancy(), samarinda, F.PreferredRegion));
        Assert.Equal(1f, Feature(Vacancy(), samarinda, F.SameProvince));
        var makassar = Seeker(region: "73.71", relocate: true, regions: ["73.71"]);
        Assert.Equal(0f, Feature(Vacancy(), makassar, F.PreferredRegion));
        Assert.Equal(0f, Feature(Vacancy(), makassar, F.SameProvince));
        Assert.Equal(1f, Feature(Vacancy(), makassar, F.WillingToRelocate));
    }

    [Fact]
    public void BLK_features_count_units_taught_the_course_occupation_a_partner_MoU_and_recency()
    {
        var seeker = Seeker(courses: [Course(Day.AddDays(-61), officeId: 7)]);
        var vacancy = Vacancy(partners: [7]);
        Assert.Equal(3f / 5, Feature(vacancy, seeker, F.BlkUnitCoverage), 5);
        Assert.Equal(1f, Feature(vacancy, seeker, F.BlkCourseOccupation));
        Assert.Equal(1f, Feature(vacancy, seeker, F.BlkPartnerMou));
        Assert.Equal(61 / 30.4375f, Feature(vacancy, seeker, F.MonthsSinceTraining), 3);
        Assert.Equal(1f, Feature(vacancy, seeker, F.RecentGraduate));
        Assert.Equal(0f, Feature(Vacancy(partners: [8]), seeker, F.BlkPartnerMou));
        var longAgo = Seeker(courses: [Course(Day.AddMonths(-19))]);
        Assert.Equal(0f, Feature(vacancy, longAgo, F.RecentGraduate));
    }

    [Fact]
    public void A_course_completed_after_the_reference_day_does_not_count()
    {
        var seeker = Seeker(courses: [Course(Day.AddDays(10), officeId: 7)]);
        var vacancy = Vacancy(partners: [7]);
        Assert.Equal(0f, Feature(vacancy, seeker, F.BlkUnitCoverage));
        Assert.Equal(0f, Feature(vacancy, seeker, F.BlkPartnerMou));
        Assert.True(float.IsNaN(Feature(vacancy, seeker, F.MonthsSinceTraining)));
        Assert.Equal(0f, Feature(vacancy, seeker, F.RecentGraduate));
    }

    [Fact]
    public void Wage_ratio_compares_the_expectation_with_the_offer_or_the_stipend()
    {
        Assert.True(float.IsNaN(Feature(Vacancy(), Seeker(expectedWage: null), F.WageRatio)));
        Assert.True(float.IsNaN(Feature(Vacancy(wageMax: null), Seeker(), F.WageRatio)));
        Assert.Equal(8f / 6.5f, Feature(Vacancy(), Seeker(expectedWage: 8_000_000), F.WageRatio), 4);
        var apprenticeship = Vacancy(type: "apprenticeship", quotaHeadroom: 4, openings: 2);
        Assert.Equal(3.5f / 3.5f, Feature(apprenticeship, Seeker(expectedWage: 3_500_000), F.WageRatio), 4);
        Assert.Equal(2f, Feature(apprenticeship, Seeker(), F.ApprenticeQuotaHeadroom));
    }

    [Fact]
    public void Nothing_protected_is_a_feature_and_the_birth_date_changes_no_feature()
    {
        string[] protectedWords = ["sex", "gender", "age", "birth", "religion", "disability"];
        foreach (var name in F.All)
        {
            Assert.Empty(name.Split('_').Intersect(protectedWords));
        }

        var young = Extractor.Extract(Vacancy(), Seeker(birthDate: new DateOnly(2004, 1, 1)), Day);
        var older = Extractor.Extract(Vacancy(), Seeker(birthDate: new DateOnly(1975, 1, 1)), Day);
        Assert.Equal(young, older);
    }
}

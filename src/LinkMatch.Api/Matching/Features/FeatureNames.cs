namespace LinkMatch.Api.Matching.Features;

/// <summary>The features of a (seeker, vacancy) pair, in the order <see cref="FeatureExtractor"/> writes them.
/// Each is documented in ml-models/README.md. A model stores the names it was trained on; scoring maps by name
/// (<see cref="FeatureLayout"/>), so a model trained on fewer or reordered features still scores.</summary>
public static class FeatureNames
{
    public const string MandatoryCoverage = "mandatory_coverage";
    public const string OptionalCoverage = "optional_coverage";
    public const string MandatoryMissing = "mandatory_missing";
    public const string CertifiedShare = "certified_share";
    public const string ExperienceYears = "experience_years";
    public const string ExperienceGap = "experience_gap";
    public const string OccupationMatch = "occupation_match";
    public const string EducationGap = "education_gap";
    public const string SameCity = "same_city";
    public const string PreferredRegion = "preferred_region";
    public const string SameProvince = "same_province";
    public const string WillingToRelocate = "willing_to_relocate";
    public const string BlkUnitCoverage = "blk_unit_coverage";
    public const string BlkCourseOccupation = "blk_course_occupation";
    public const string BlkPartnerMou = "blk_partner_mou";
    public const string MonthsSinceTraining = "months_since_training";
    public const string RecentGraduate = "recent_graduate";
    public const string WageRatio = "wage_ratio";
    public const string MonthsSinceRegistration = "months_since_registration";
    public const string ApprenticeQuotaHeadroom = "apprentice_quota_headroom";

    public static readonly IReadOnlyList<string> All =
    [
        MandatoryCoverage, OptionalCoverage, MandatoryMissing, CertifiedShare, ExperienceYears, ExperienceGap,
        OccupationMatch, EducationGap, SameCity, PreferredRegion, SameProvince, WillingToRelocate, BlkUnitCoverage,
        BlkCourseOccupation, BlkPartnerMou, MonthsSinceTraining, RecentGraduate, WageRatio, MonthsSinceRegistration,
        ApprenticeQuotaHeadroom,
    ];

    public static int Count => All.Count;

    public static int IndexOf(string name)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (All[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>Maps the extractor's feature order onto a model's: a model column whose name the extractor does not
/// write is NaN (missing).</summary>
public sealed class FeatureLayout
{
    private readonly int[] _source;

    public FeatureLayout(IReadOnlyList<string> modelFeatures)
    {
        _source = new int[modelFeatures.Count];
        var identity = modelFeatures.Count == FeatureNames.Count;
        for (var m = 0; m < _source.Length; m++)
        {
            _source[m] = FeatureNames.IndexOf(modelFeatures[m]);
            identity &= _source[m] == m;
        }

        IsIdentity = identity;
    }

    public bool IsIdentity { get; }

    public int Width => _source.Length;

    /// <summary>Writes <paramref name="extracted"/> (extractor order) into <paramref name="model"/> (model order).</summary>
    public void Map(ReadOnlySpan<float> extracted, Span<float> model)
    {
        if (IsIdentity)
        {
            extracted.CopyTo(model);
            return;
        }

        for (var m = 0; m < _source.Length; m++)
        {
            model[m] = _source[m] >= 0 ? extracted[_source[m]] : float.NaN;
        }
    }
}

namespace LinkMatch.Api.Reports.EqualOpportunity;

/// <summary>The groups of the equal-opportunity report, in SQL, for the report and for the models' fairness on
/// held-out vacancies alike.</summary>
internal static class EqualOpportunityGroups
{
    /// <summary>A lateral list of (dimension, group) over a row <c>f</c> with the columns <c>sex</c>, <c>age</c>
    /// (in years on the day that counts), <c>disability</c>, <c>local</c> (the seeker lives in the office's region)
    /// and <c>education_level</c>; use as <c>cross join lateral {Dimensions} as d (dimension, grp)</c>.</summary>
    public const string Dimensions = """
        (values
            ('sex', f.sex),
            ('age_band', case when f.age < 15 then 'under-15' when f.age < 25 then '15-24' when f.age < 35 then '25-34'
                              when f.age < 45 then '35-44' when f.age < 55 then '45-54' else '55+' end),
            ('disability', case when f.disability is null then 'none_recorded' else 'recorded' end),
            ('residence', case when f.local then 'local' else 'elsewhere' end),
            ('education', case when f.education_level in ('none', 'sd', 'smp') then 'smp_or_less'
                               when f.education_level in ('d1', 'd2', 'd3', 'd4') then 'diploma'
                               when f.education_level in ('s1', 's2', 's3') then 'university'
                               else f.education_level end))
        """;
}

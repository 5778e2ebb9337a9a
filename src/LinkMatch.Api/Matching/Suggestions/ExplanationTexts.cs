using System.Globalization;
using LinkMatch.Api.Matching.Candidates;
using LinkMatch.Api.Matching.Features;
using F = LinkMatch.Api.Matching.Features.FeatureNames;

namespace LinkMatch.Api.Matching.Suggestions;

/// <summary>What a factor's sentence may refer to: the pair, the day, and the names of things.</summary>
public sealed record ExplanationContext(VacancyProfile Vacancy, SeekerProfile Seeker, DateOnly Day,
    ReferenceNames Names, MatchingRules Rules);

/// <summary>One plain sentence per feature, stating what is true of the pair with the real values and names
/// ("holds 3 of 4 mandatory units (certified: …)", "lives in Kota Balikpapan"; "memiliki 3 dari 4 unit kompetensi
/// wajib (bersertifikat: …)", "tinggal di Kota Balikpapan"). Whether the fact helped or hurt is the contribution's
/// sign, shown by where the sentence goes, not by its wording. Null when the feature says nothing about this pair
/// (no optional unit asked for, an apprentice quota for a job): such a factor is left out. The facts are gathered
/// once into a <see cref="Phrase"/>, which is then written in each language (<c>ExplanationText*.resx</c>).</summary>
public static class ExplanationTexts
{
    public static string? For(string feature, ExplanationContext c) => For(feature, c, ExplanationLanguage.English);

    public static string? For(string feature, ExplanationContext c, ExplanationLanguage language) =>
        PhraseFor(feature, c)?.In(language);

    public static Phrase? PhraseFor(string feature, ExplanationContext c) => feature switch
    {
        F.MandatoryCoverage or F.MandatoryMissing => Mandatory(c),
        F.OptionalCoverage => Optional(c),
        F.CertifiedShare => Certified(c),
        F.ExperienceYears or F.ExperienceGap => Experience(c),
        F.OccupationMatch => Occupation(c),
        F.EducationGap => Education(c),
        F.SameCity or F.SameProvince => Residence(c),
        F.PreferredRegion => new(Array.IndexOf(c.Seeker.PreferredRegions, c.Vacancy.WorkRegionCode) >= 0
            ? "Region.Preferred" : "Region.NotPreferred", c.Names.Region(c.Vacancy.WorkRegionCode)),
        F.WillingToRelocate => new(c.Seeker.WillingToRelocate ? "Relocate.Yes" : "Relocate.No"),
        F.BlkUnitCoverage or F.BlkCourseOccupation => Training(c),
        F.MonthsSinceTraining => FeatureExtractor.Training.Of(c.Vacancy, c.Seeker, c.Day).LastCompleted is { } last
            ? new("LastTraining.Finished", Ago(last, c.Day))
            : new("LastTraining.None"),
        F.BlkPartnerMou => PartnerMou(c),
        F.RecentGraduate => c.Rules.IsRecentGraduate(c.Seeker, c.Day)
            ? new("RecentGraduate.Yes", c.Rules.RecentGraduateMonths)
            : new("RecentGraduate.No"),
        F.WageRatio => Wage(c),
        F.MonthsSinceRegistration => new("Registered", Ago(c.Seeker.RegisteredOn, c.Day)),
        // For a job the quota says nothing about the pair: the factor is left out.
        F.ApprenticeQuotaHeadroom => !c.Vacancy.IsApprenticeship ? null
            : c.Vacancy.ApprenticeQuotaHeadroom is { } room
                ? new(room == 1 ? "Quota.One" : "Quota.Many", c.Vacancy.EmployerName, room)
                : new("Quota.Unknown"),
        _ => new("Feature", feature.Replace('_', ' ')),
    };

    /// <summary>"Rp 8.0 jt" for millions (juta), "Rp 750,000" below.</summary>
    public static string Rupiah(long amount) => Rupiah(amount, ExplanationLanguage.English);

    /// <summary>In Indonesian "Rp 8 jt", "Rp 4,5 jt", "Rp 750.000".</summary>
    public static string Rupiah(long amount, ExplanationLanguage language) => Money(amount).In(language);

    private static Phrase Money(long amount) => amount >= 1_000_000
        ? new("Money.Millions", amount / 1_000_000.0)
        : new("Money.Amount", amount);

    private static Phrase EvidenceName(Evidence evidence) => new(evidence switch
    {
        Evidence.Certified => "Evidence.Certified",
        Evidence.Assessed => "Evidence.Assessed",
        Evidence.Trained => "Evidence.Trained",
        Evidence.Experience => "Evidence.Experience",
        _ => "Evidence.SelfDeclared",
    });

    private static Phrase? Mandatory(ExplanationContext c)
    {
        var mandatory = c.Vacancy.Requirements.Where(r => r.Mandatory).ToList();
        if (mandatory.Count == 0)
        {
            return null;
        }

        var held = mandatory.Where(r => c.Seeker.Find(r.CompetencyId) is not null).ToList();
        var missing = mandatory.Except(held).ToList();
        var lacks = string.Join(", ", missing.Take(2).Select(r => c.Names.Unit(r.CompetencyId)));
        if (held.Count == 0)
        {
            return new("Mandatory.None", 0, mandatory.Count, lacks);
        }

        // The strongest evidence; among equals the unit listed last (the core of the trade, after safety).
        var best = held.Select((r, i) => (Unit: c.Seeker.Find(r.CompetencyId)!.Value, i))
            .MaxBy(x => (x.Unit.Evidence, x.Unit.Level, x.i)).Unit;
        return missing.Count == 0
            ? new("Mandatory.All", held.Count, mandatory.Count, EvidenceName(best.Evidence),
                c.Names.Unit(best.CompetencyId))
            : new("Mandatory.Some", held.Count, mandatory.Count, EvidenceName(best.Evidence),
                c.Names.Unit(best.CompetencyId), lacks);
    }

    private static Phrase? Optional(ExplanationContext c)
    {
        var optional = c.Vacancy.Requirements.Where(r => !r.Mandatory).ToList();
        if (optional.Count == 0)
        {
            return null;
        }

        var held = optional.Where(r => c.Seeker.Find(r.CompetencyId) is not null).ToList();
        return held.Count == 0
            ? new("Optional.None", optional.Count, c.Names.Unit(optional[0].CompetencyId))
            : new("Optional.Some", held.Count, optional.Count, c.Names.Unit(held[0].CompetencyId));
    }

    private static Phrase Certified(ExplanationContext c)
    {
        var certified = c.Vacancy.Requirements
            .Where(r => c.Seeker.Find(r.CompetencyId) is { Evidence: Evidence.Certified }).ToList();
        return certified.Count == 0
            ? new("Certified.None")
            : new("Certified.Some", certified.Count, c.Vacancy.Requirements.Length,
                c.Names.Unit(certified[0].CompetencyId));
    }

    private static Phrase Experience(ExplanationContext c)
    {
        var years = c.Vacancy.Requirements.Select(r => c.Seeker.Find(r.CompetencyId)?.Years ?? 0)
            .DefaultIfEmpty(0).Max();
        var asked = c.Vacancy.MinExperienceYears;
        return asked > 0 ? new("Experience.Asked", years, asked) : new("Experience", years);
    }

    private static Phrase Occupation(ExplanationContext c)
    {
        var target = c.Vacancy.OccupationCode;
        var best = c.Seeker.PreferredOccupations.OrderByDescending(o => Kbji.Closeness(target, o)).FirstOrDefault();
        if (best is null || Kbji.Closeness(target, best) == 0)
        {
            return new("Occupation.None", c.Names.Occupation(target));
        }

        return new(Kbji.Closeness(target, best) >= 1 ? "Occupation.Same" : "Occupation.Related",
            c.Names.Occupation(best));
    }

    private static Phrase Education(ExplanationContext c)
    {
        var meets = EducationLevels.Rank(c.Seeker.EducationLevel) >= EducationLevels.Rank(c.Vacancy.MinEducation);
        return new(meets ? "Education.Meets" : "Education.Below", EducationLabel(c.Seeker.EducationLevel),
            EducationLabel(c.Vacancy.MinEducation));
    }

    /// <summary>"SMK", "S1" in both languages; only "no schooling" has words.</summary>
    private static object EducationLabel(string level) =>
        level == "none" ? new Phrase("Education.NoSchooling") : EducationLevels.Label(level);

    private static Phrase Residence(ExplanationContext c)
    {
        var home = c.Names.Region(c.Seeker.RegionCode);
        if (c.Seeker.RegionCode == c.Vacancy.WorkRegionCode)
        {
            return new("Residence.Same", home);
        }

        return new(c.Seeker.ProvinceCode == c.Vacancy.ProvinceCode ? "Residence.Province" : "Residence.Outside", home,
            c.Names.Region(c.Vacancy.WorkRegionCode));
    }

    private static Phrase Training(ExplanationContext c)
    {
        var training = FeatureExtractor.Training.Of(c.Vacancy, c.Seeker, c.Day);
        if (training.BestCourse is not { } course)
        {
            return new("Training.None");
        }

        var courseName = c.Names.Course(course.CourseId);
        var centre = c.Names.TrainingCentre(course.TrainingCentreId);
        // The year as a plain number: no digit grouping in either language.
        var year = course.CompletedOn.Year.ToString(CultureInfo.InvariantCulture);
        var taught = FeatureExtractor.Training.TaughtCount(course, c.Vacancy);
        return taught > 0
            ? new("Training.CourseTeaches", courseName, centre, year, taught, c.Vacancy.Requirements.Length)
            : new("Training.Course", courseName, centre, year);
    }

    private static Phrase PartnerMou(ExplanationContext c)
    {
        var partner = c.Seeker.Courses.FirstOrDefault(k => k.CompletedOn <= c.Day
            && Array.IndexOf(c.Vacancy.PartnerOfficeIds, k.CentreOfficeId) >= 0);
        return partner is not null
            ? new("PartnerMou.Yes", c.Names.TrainingCentre(partner.TrainingCentreId), c.Vacancy.EmployerName)
            : new("PartnerMou.No", c.Vacancy.EmployerName);
    }

    private static Phrase Wage(ExplanationContext c)
    {
        if (c.Seeker.ExpectedWage is not { } expected || c.Vacancy.Offer is not { } offer)
        {
            return new("Wage.NotStated");
        }

        var what = new Phrase(c.Vacancy.IsApprenticeship ? "Wage.Stipend" : "Wage.Offer");
        // A little above the offer is a matter for the interview, and the model often learns it goes with hires:
        // the sentence must read right whichever way the contribution points.
        var key = expected <= offer ? "Wage.Within" : expected * 10 <= offer * 11 ? "Wage.Close" : "Wage.Above";
        return new(key, Money(expected), what, Money(offer));
    }

    /// <summary>"3 months ago", "2 years ago".</summary>
    private static Phrase Ago(DateOnly from, DateOnly to)
    {
        var months = (int)Math.Floor((to.DayNumber - from.DayNumber) / 30.4375);
        return months switch
        {
            <= 0 => new("Months.This"),
            1 => new("Months.One"),
            < 24 => new("Months.Many", months),
            _ => new("Years.Many", months / 12),
        };
    }
}

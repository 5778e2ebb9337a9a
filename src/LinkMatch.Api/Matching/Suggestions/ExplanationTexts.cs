using System.Globalization;
using LinkMatch.Api.Matching.Candidates;
using LinkMatch.Api.Matching.Features;
using F = LinkMatch.Api.Matching.Features.FeatureNames;

namespace LinkMatch.Api.Matching.Suggestions;

/// <summary>What a factor's sentence may refer to: the pair, the day, and the names of things.</summary>
public sealed record ExplanationContext(VacancyProfile Vacancy, SeekerProfile Seeker, DateOnly Day,
    ReferenceNames Names, MatchingRules Rules);

/// <summary>One plain sentence per feature, stating what is true of the pair with the real values and names
/// ("holds 3 of 4 mandatory units (certified: …)", "lives in Kota Balikpapan"). Whether the fact helped or hurt is
/// the contribution's sign, shown by where the sentence goes, not by its wording. Null when the feature says
/// nothing about this pair (no optional unit asked for, an apprentice quota for a job): such a factor is left
/// out.</summary>
public static class ExplanationTexts
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string? For(string feature, ExplanationContext c) => feature switch
    {
        F.MandatoryCoverage or F.MandatoryMissing => Mandatory(c),
        F.OptionalCoverage => Optional(c),
        F.CertifiedShare => Certified(c),
        F.ExperienceYears or F.ExperienceGap => Experience(c),
        F.OccupationMatch => Occupation(c),
        F.EducationGap => Education(c),
        F.SameCity or F.SameProvince => Residence(c),
        F.PreferredRegion => Array.IndexOf(c.Seeker.PreferredRegions, c.Vacancy.WorkRegionCode) >= 0
            ? $"wants to work in {c.Names.Region(c.Vacancy.WorkRegionCode)}"
            : $"has not listed {c.Names.Region(c.Vacancy.WorkRegionCode)} among preferred work regions",
        F.WillingToRelocate => c.Seeker.WillingToRelocate ? "willing to relocate" : "not willing to relocate",
        F.BlkUnitCoverage or F.BlkCourseOccupation => Training(c),
        F.MonthsSinceTraining => FeatureExtractor.Training.Of(c.Vacancy, c.Seeker, c.Day).LastCompleted is { } last
            ? $"finished BLK training {Months(last, c.Day)}"
            : "has no BLK training",
        F.BlkPartnerMou => PartnerMou(c),
        F.RecentGraduate => c.Rules.IsRecentGraduate(c.Seeker, c.Day)
            ? $"a recent BLK graduate (within {c.Rules.RecentGraduateMonths} months)"
            : "not a recent BLK graduate",
        F.WageRatio => Wage(c),
        F.MonthsSinceRegistration => $"registered as a job seeker {Months(c.Seeker.RegisteredOn, c.Day)}",
        // For a job the quota says nothing about the pair: the factor is left out.
        F.ApprenticeQuotaHeadroom => !c.Vacancy.IsApprenticeship ? null
            : c.Vacancy.ApprenticeQuotaHeadroom is { } room
                ? $"{c.Vacancy.EmployerName} may take {room} more apprentice{(room == 1 ? "" : "s")} under the 20% rule"
                : "the employer's workforce, and so its apprentice quota, is not recorded",
        _ => feature.Replace('_', ' '),
    };

    /// <summary>"Rp 8.0 jt" for millions (juta), "Rp 750,000" below.</summary>
    public static string Rupiah(long amount) => amount >= 1_000_000
        ? string.Create(Invariant, $"Rp {amount / 1_000_000.0:0.0} jt")
        : string.Create(Invariant, $"Rp {amount:N0}");

    private static string? Mandatory(ExplanationContext c)
    {
        var mandatory = c.Vacancy.Requirements.Where(r => r.Mandatory).ToList();
        if (mandatory.Count == 0)
        {
            return null;
        }

        var held = mandatory.Where(r => c.Seeker.Find(r.CompetencyId) is not null).ToList();
        var missing = mandatory.Except(held).ToList();
        var text = $"holds {held.Count} of {mandatory.Count} mandatory units";
        if (held.Count > 0)
        {
            // The strongest evidence; among equals the unit listed last (the core of the trade, after safety).
            var best = held.Select((r, i) => (Unit: c.Seeker.Find(r.CompetencyId)!.Value, i))
                .MaxBy(x => (x.Unit.Evidence, x.Unit.Level, x.i)).Unit;
            text += $" ({EvidenceWeights.Name(best.Evidence)}: {c.Names.Unit(best.CompetencyId)})";
        }

        if (missing.Count > 0)
        {
            text += $"; lacks {string.Join(", ", missing.Take(2).Select(r => c.Names.Unit(r.CompetencyId)))}";
        }

        return text;
    }

    private static string? Optional(ExplanationContext c)
    {
        var optional = c.Vacancy.Requirements.Where(r => !r.Mandatory).ToList();
        if (optional.Count == 0)
        {
            return null;
        }

        var held = optional.Where(r => c.Seeker.Find(r.CompetencyId) is not null).ToList();
        return held.Count == 0
            ? $"holds none of the {optional.Count} optional units ({c.Names.Unit(optional[0].CompetencyId)})"
            : $"holds {held.Count} of {optional.Count} optional units ({c.Names.Unit(held[0].CompetencyId)})";
    }

    private static string Certified(ExplanationContext c)
    {
        var certified = c.Vacancy.Requirements
            .Where(r => c.Seeker.Find(r.CompetencyId) is { Evidence: Evidence.Certified }).ToList();
        return certified.Count == 0
            ? "holds no certificate for the required units"
            : $"certified in {certified.Count} of the {c.Vacancy.Requirements.Length} required units " +
              $"({c.Names.Unit(certified[0].CompetencyId)})";
    }

    private static string Experience(ExplanationContext c)
    {
        var years = c.Vacancy.Requirements.Select(r => c.Seeker.Find(r.CompetencyId)?.Years ?? 0)
            .DefaultIfEmpty(0).Max();
        var asked = c.Vacancy.MinExperienceYears;
        var text = string.Create(Invariant, $"{years:0.#} years of experience in the required units");
        return asked > 0 ? text + string.Create(Invariant, $" ({asked:0.#} asked)") : text;
    }

    private static string Occupation(ExplanationContext c)
    {
        var target = c.Vacancy.OccupationCode;
        var best = c.Seeker.PreferredOccupations.OrderByDescending(o => Kbji.Closeness(target, o)).FirstOrDefault();
        if (best is null || Kbji.Closeness(target, best) == 0)
        {
            return $"has not named {c.Names.Occupation(target)} or related work as a preference";
        }

        return Kbji.Closeness(target, best) >= 1
            ? $"wants to work as {c.Names.Occupation(best)}"
            : $"wants related work ({c.Names.Occupation(best)})";
    }

    private static string Education(ExplanationContext c)
    {
        var seeker = EducationLevels.Label(c.Seeker.EducationLevel);
        var minimum = EducationLevels.Label(c.Vacancy.MinEducation);
        return EducationLevels.Rank(c.Seeker.EducationLevel) >= EducationLevels.Rank(c.Vacancy.MinEducation)
            ? $"education {seeker} meets the minimum ({minimum})"
            : $"education {seeker} is below the minimum ({minimum})";
    }

    private static string Residence(ExplanationContext c)
    {
        var home = c.Names.Region(c.Seeker.RegionCode);
        if (c.Seeker.RegionCode == c.Vacancy.WorkRegionCode)
        {
            return $"lives in {home}";
        }

        var work = c.Names.Region(c.Vacancy.WorkRegionCode);
        return c.Seeker.ProvinceCode == c.Vacancy.ProvinceCode
            ? $"lives in {home}, in the same province as {work}"
            : $"lives in {home}, outside the province of {work}";
    }

    private static string Training(ExplanationContext c)
    {
        var training = FeatureExtractor.Training.Of(c.Vacancy, c.Seeker, c.Day);
        if (training.BestCourse is not { } course)
        {
            return "has not completed a BLK course";
        }

        var text = $"completed {c.Names.Course(course.CourseId)} at {c.Names.TrainingCentre(course.TrainingCentreId)}" +
            string.Create(Invariant, $" in {course.CompletedOn.Year}");
        var taught = FeatureExtractor.Training.TaughtCount(course, c.Vacancy);
        return taught > 0 ? text + $", which teaches {taught} of the {c.Vacancy.Requirements.Length} required units" : text;
    }

    private static string PartnerMou(ExplanationContext c)
    {
        var partner = c.Seeker.Courses.FirstOrDefault(k => k.CompletedOn <= c.Day
            && Array.IndexOf(c.Vacancy.PartnerOfficeIds, k.CentreOfficeId) >= 0);
        return partner is not null
            ? $"trained at {c.Names.TrainingCentre(partner.TrainingCentreId)}, a partner of {c.Vacancy.EmployerName} under an MoU"
            : $"not trained at a BLK partnered with {c.Vacancy.EmployerName}";
    }

    private static string Wage(ExplanationContext c)
    {
        if (c.Seeker.ExpectedWage is not { } expected || c.Vacancy.Offer is not { } offer)
        {
            return "expected wage or offer not stated";
        }

        var what = c.Vacancy.IsApprenticeship ? "the stipend" : "the offer";
        // A little above the offer is a matter for the interview, and the model often learns it goes with hires:
        // the sentence must read right whichever way the contribution points.
        return expected <= offer ? $"expects {Rupiah(expected)}, within {what} of {Rupiah(offer)}"
            : expected * 10 <= offer * 11 ? $"expects {Rupiah(expected)}, close to {what} of {Rupiah(offer)}"
            : $"expects {Rupiah(expected)}, above {what} of {Rupiah(offer)}";
    }

    private static string Months(DateOnly from, DateOnly to)
    {
        var months = (int)Math.Floor((to.DayNumber - from.DayNumber) / 30.4375);
        return months switch
        {
            <= 0 => "this month",
            1 => "1 month ago",
            < 24 => string.Create(Invariant, $"{months} months ago"),
            _ => string.Create(Invariant, $"{months / 12} years ago"),
        };
    }
}

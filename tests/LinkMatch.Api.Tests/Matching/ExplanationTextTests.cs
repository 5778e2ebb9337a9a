using LinkMatch.Api.Matching.Candidates;
using LinkMatch.Api.Matching.Features;
using LinkMatch.Api.Matching.Suggestions;
using static LinkMatch.Api.Tests.Matching.Profiles;
using F = LinkMatch.Api.Matching.Features.FeatureNames;

namespace LinkMatch.Api.Tests.Matching;

public class ExplanationTextTests
{
    private static readonly ReferenceNames Names = new()
    {
        Units = new Dictionary<long, string>
        {
            [K3] = "Menerapkan K3 di Tempat Kerja Pengelasan",
            [Smaw] = "Melakukan Pengelasan SMAW Pelat Posisi 1G/2G",
            [SmawVertical] = "Melakukan Pengelasan SMAW Pelat Posisi 3G/4G",
            [Smaw + 100] = "Membaca Gambar Teknik dan Simbol Las",
            [Gmaw] = "Melakukan Pengelasan GMAW/FCAW",
        },
        Regions = new Dictionary<string, string> { ["64.71"] = "Kota Balikpapan", ["73.71"] = "Kota Makassar" },
        Occupations = new Dictionary<string, string> { ["7212"] = "Tukang Las dan Pemotong Logam" },
        Courses = new Dictionary<long, string> { [50] = "Pengelasan SMAW Pelat" },
        TrainingCentres = new Dictionary<long, string> { [60] = "UPTD BLK Industri Balikpapan" },
    };

    private static string? Text(string feature, VacancyProfile vacancy, SeekerProfile seeker) =>
        ExplanationTexts.For(feature, new ExplanationContext(vacancy, seeker, Day, Names, MatchingRules.Default));

    [Fact]
    public void Sentences_name_the_units_places_courses_and_amounts_of_the_pair()
    {
        var seeker = Seeker(courses: [Course(new DateOnly(2026, 3, 1))], expectedWage: 8_000_000);
        Assert.Equal("holds 3 of 4 mandatory units (certified: Melakukan Pengelasan SMAW Pelat Posisi 1G/2G); " +
            "lacks Membaca Gambar Teknik dan Simbol Las", Text(F.MandatoryCoverage, Vacancy(), seeker));
        Assert.Equal("lives in Kota Balikpapan", Text(F.SameCity, Vacancy(), seeker));
        Assert.Equal("lives in Kota Makassar, outside the province of Kota Balikpapan",
            Text(F.SameCity, Vacancy(), Seeker(region: "73.71")));
        Assert.Equal("completed Pengelasan SMAW Pelat at UPTD BLK Industri Balikpapan in 2026, which teaches 3 of " +
            "the 5 required units", Text(F.BlkUnitCoverage, Vacancy(), seeker));
        Assert.Equal("expects Rp 8.0 jt, above the offer of Rp 6.5 jt", Text(F.WageRatio, Vacancy(), seeker));
        Assert.Equal("expects Rp 7.0 jt, close to the offer of Rp 6.5 jt",
            Text(F.WageRatio, Vacancy(), Seeker(expectedWage: 7_000_000)));
        Assert.Equal("expects Rp 6.5 jt, within the offer of Rp 6.5 jt",
            Text(F.WageRatio, Vacancy(), Seeker(expectedWage: 6_500_000)));
        Assert.Equal("wants to work as Tukang Las dan Pemotong Logam", Text(F.OccupationMatch, Vacancy(), seeker));
        Assert.Equal("Rp 750,000", ExplanationTexts.Rupiah(750_000));
    }

    [Fact]
    public void Features_that_say_nothing_about_the_pair_give_no_sentence()
    {
        var onlyMandatory = Vacancy([new Requirement(Smaw, true, 2)]);
        Assert.Null(Text(F.OptionalCoverage, onlyMandatory, Seeker()));
        Assert.Null(Text(F.ApprenticeQuotaHeadroom, Vacancy(), Seeker()));
        Assert.NotNull(Text(F.ApprenticeQuotaHeadroom, Vacancy(type: "apprenticeship", quotaHeadroom: 4), Seeker()));
    }

    [Fact]
    public void The_summary_puts_reasons_for_first_and_the_strongest_against_last()
    {
        var summary = Explainer.Summary(
        [
            new ExplanationFactor(F.MandatoryCoverage, 1, 0.8, "holds 4 of 4 mandatory units"),
            new ExplanationFactor(F.SameCity, 1, 0.1, "lives in Kota Balikpapan"),
            new ExplanationFactor(F.WageRatio, 1.3f, -0.2, "expects Rp 8.0 jt, above the offer of Rp 6.5 jt"),
        ]);
        Assert.Equal("Holds 4 of 4 mandatory units; lives in Kota Balikpapan. Against: expects Rp 8.0 jt, above " +
            "the offer of Rp 6.5 jt.", summary);
    }
}

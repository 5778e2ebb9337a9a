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

    private static string? Indonesian(string feature, VacancyProfile vacancy, SeekerProfile seeker) =>
        ExplanationTexts.For(feature, new ExplanationContext(vacancy, seeker, Day, Names, MatchingRules.Default),
            ExplanationLanguage.Indonesian);

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
        ExplanationFactor[] factors =
        [
            new(F.MandatoryCoverage, 1, 0.8, "holds 4 of 4 mandatory units",
                "memiliki 4 dari 4 unit kompetensi wajib"),
            new(F.SameCity, 1, 0.1, "lives in Kota Balikpapan", "tinggal di Kota Balikpapan"),
            new(F.WageRatio, 1.3f, -0.2, "expects Rp 8.0 jt, above the offer of Rp 6.5 jt",
                "mengharapkan Rp 8 jt, di atas tawaran Rp 6,5 jt"),
        ];
        Assert.Equal("Holds 4 of 4 mandatory units; lives in Kota Balikpapan. Against: expects Rp 8.0 jt, above " +
            "the offer of Rp 6.5 jt.", Explainer.Summary(factors, ExplanationLanguage.English));
        Assert.Equal("Memiliki 4 dari 4 unit kompetensi wajib; tinggal di Kota Balikpapan. Kendala: mengharapkan " +
            "Rp 8 jt, di atas tawaran Rp 6,5 jt.", Explainer.Summary(factors, ExplanationLanguage.Indonesian));
        Assert.Equal("Tidak ada alasan kuat yang mendukung. Kendala: tinggal di Kota Balikpapan.",
            Explainer.Summary([factors[1] with { Contribution = -0.1 }], ExplanationLanguage.Indonesian));
    }

    [Fact]
    public void Indonesian_sentences_name_the_same_units_places_and_amounts_with_indonesian_numbers()
    {
        var seeker = Seeker(courses: [Course(new DateOnly(2026, 3, 1))], expectedWage: 8_000_000);
        Assert.Equal("memiliki 3 dari 4 unit kompetensi wajib (bersertifikat: Melakukan Pengelasan SMAW Pelat " +
            "Posisi 1G/2G); belum memiliki Membaca Gambar Teknik dan Simbol Las",
            Indonesian(F.MandatoryCoverage, Vacancy(), seeker));
        Assert.Equal("memiliki 1 dari 1 unit kompetensi wajib (lulus uji kompetensi: Melakukan Pengelasan GMAW/FCAW)",
            Indonesian(F.MandatoryCoverage, Vacancy([new Requirement(Gmaw, true, 2)]),
                Seeker([new HeldUnit(Gmaw, 2, Evidence.Assessed, 1)])));
        Assert.Equal("tinggal di Kota Balikpapan", Indonesian(F.SameCity, Vacancy(), seeker));
        Assert.Equal("tinggal di Kota Makassar, beda provinsi dengan Kota Balikpapan",
            Indonesian(F.SameCity, Vacancy(), Seeker(region: "73.71")));
        Assert.Equal("lulus pelatihan Pengelasan SMAW Pelat di UPTD BLK Industri Balikpapan tahun 2026, yang " +
            "mengajarkan 3 dari 5 unit kompetensi yang diminta", Indonesian(F.BlkUnitCoverage, Vacancy(), seeker));
        Assert.Equal("lulusan BLK baru (dalam 18 bulan terakhir)", Indonesian(F.RecentGraduate, Vacancy(), seeker));
        Assert.Equal("lulus pelatihan BLK 3 bulan lalu", Indonesian(F.MonthsSinceTraining, Vacancy(), seeker));
        Assert.Equal("ingin bekerja sebagai Tukang Las dan Pemotong Logam",
            Indonesian(F.OccupationMatch, Vacancy(), seeker));
        Assert.Equal("terdaftar sebagai pencari kerja 5 bulan lalu",
            Indonesian(F.MonthsSinceRegistration, Vacancy(), seeker));
        Assert.Equal("PT Mitra Las masih dapat menerima 4 peserta magang lagi (batas 20% dari jumlah pekerja)",
            Indonesian(F.ApprenticeQuotaHeadroom, Vacancy(type: "apprenticeship", quotaHeadroom: 4), seeker));
        Assert.Equal("pendidikan SMA di bawah syarat minimal (D3)",
            Indonesian(F.EducationGap, Vacancy(minEducation: "d3"), Seeker(education: "sma")));
    }

    [Fact]
    public void Indonesian_money_and_decimals_use_a_decimal_comma_and_dots_between_thousands()
    {
        Assert.Equal("mengharapkan Rp 8 jt, di atas tawaran Rp 6,5 jt",
            Indonesian(F.WageRatio, Vacancy(), Seeker(expectedWage: 8_000_000)));
        Assert.Equal("mengharapkan Rp 4,2 jt, sesuai tawaran Rp 4,5 jt",
            Indonesian(F.WageRatio, Vacancy(wageMax: 4_500_000), Seeker(expectedWage: 4_200_000)));
        Assert.Equal("mengharapkan Rp 3,8 jt, mendekati uang saku Rp 3,5 jt",
            Indonesian(F.WageRatio, Vacancy(type: "apprenticeship"), Seeker(expectedWage: 3_800_000)));
        Assert.Equal("mengharapkan Rp 750.000, sesuai tawaran Rp 6,5 jt",
            Indonesian(F.WageRatio, Vacancy(), Seeker(expectedWage: 750_000)));
        Assert.Equal("Rp 750.000", ExplanationTexts.Rupiah(750_000, ExplanationLanguage.Indonesian));
        Assert.Equal("Rp 12,3 jt", ExplanationTexts.Rupiah(12_300_000, ExplanationLanguage.Indonesian));

        var experienced = Seeker([new HeldUnit(Smaw, 3, Evidence.Certified, 2.5f)]);
        var asked = Vacancy(minExperience: 1.5f);
        Assert.Equal("pengalaman 2,5 tahun pada unit kompetensi yang diminta (minimal 1,5 tahun)",
            Indonesian(F.ExperienceYears, asked, experienced));
        // The same facts in English, with the decimal point the stored English rows have always had.
        Assert.Equal("2.5 years of experience in the required units (1.5 asked)",
            Text(F.ExperienceYears, asked, experienced));
    }

    [Fact]
    public void Both_languages_have_every_sentence_with_the_same_arguments()
    {
        var english = ExplanationLanguage.English.Formats;
        var indonesian = ExplanationLanguage.Indonesian.Formats;
        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), indonesian.Keys.Order(StringComparer.Ordinal));
        Assert.All(english, e => Assert.Equal(e.Value.MinimumArgumentCount,
            indonesian[e.Key].MinimumArgumentCount));
        // The English evidence words are the ones the sentences used before the resources existed.
        Assert.All(Enum.GetValues<Evidence>(), e => Assert.Equal(EvidenceWeights.Name(e),
            ExplanationLanguage.English.Write(new Phrase("Evidence." + e))));
        Assert.NotEqual(english["Mandatory.Some"].Format, indonesian["Mandatory.Some"].Format);
    }
}

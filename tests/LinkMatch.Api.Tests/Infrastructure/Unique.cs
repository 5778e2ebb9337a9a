using System.Globalization;

namespace LinkMatch.Api.Tests.Infrastructure;

/// <summary>Values no two tests of one run are given, so that no test picks a literal another test could pick:
/// codes, names, numbers, NIKs and provinces. Process-wide and thread-safe.</summary>
public static class Unique
{
    /// <summary>The seeded provinces (db/0004_reference_data.sql) a test may have to itself: all but Kalimantan
    /// Timur (64, where every intent method, the canary and the demo put people and vacancies by default) and
    /// Kalimantan Utara (65, where the reference-data tests add regencies). Only seeded codes are valid regions.</summary>
    private static readonly string[] FreeProvinces =
    [
        "11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35", "36", "51", "52",
        "53", "61", "62", "63", "71", "72", "73", "74", "75", "76", "81", "82", "91", "92", "93", "94", "95", "96",
    ];

    private static long counter = DateTime.UtcNow.Ticks % 1_000_000;
    private static int provincesTaken;
    private static long niksTaken;

    public static string Code(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10].ToUpperInvariant()}";

    public static string Name(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    public static long Number() => Interlocked.Increment(ref counter);

    /// <summary>A province no other test of this run is given (a test's own corner of a service: its seekers live
    /// there and are not willing to relocate, its vacancies are there). There are only as many as the reference
    /// data seeds, so running out fails loudly rather than handing one out twice.</summary>
    public static string Province()
    {
        var taken = Interlocked.Increment(ref provincesTaken);
        if (taken > FreeProvinces.Length)
        {
            throw new InvalidOperationException(
                $"Every one of the {FreeProvinces.Length} provinces free for tests is taken: a test that needs a " +
                "province of its own must run on a service of its own, or the allocator must hand provinces out " +
                "per service.");
        }

        return FreeProvinces[taken - 1];
    }

    /// <summary>A valid NIK no other test of this run is given: the regency's four digits, the birth date (day plus
    /// 40 for a woman), then a district and serial counted up process-wide. Districts start at 10, so the canary's
    /// (01) is never made.</summary>
    public static string Nik(string regency, DateOnly birth, bool female)
    {
        var n = Interlocked.Increment(ref niksTaken) - 1;
        if (n >= 90 * 9999)
        {
            throw new InvalidOperationException("Every district and serial of a test NIK is taken.");
        }

        var day = birth.Day + (female ? 40 : 0);
        return string.Create(CultureInfo.InvariantCulture,
            $"{regency}{10 + n / 9999:D2}{day:D2}{birth.Month:D2}{birth.Year % 100:D2}{n % 9999 + 1:D4}");
    }
}

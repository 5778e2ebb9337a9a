using System.Numerics;
using LinkMatch.Api.Matching.Features;

namespace LinkMatch.Api.Matching.Candidates;

/// <summary>A KBJI code as a number: its first four characters packed into an integer (first character highest)
/// and how many there are, so that closeness is a comparison of integers instead of strings.</summary>
public readonly record struct PackedOccupation(uint Chars, int Length)
{
    public static PackedOccupation Of(string code)
    {
        var length = Math.Min(code.Length, 4);
        var chars = 0u;
        for (var k = 0; k < length; k++)
        {
            chars |= (uint)(byte)code[k] << (24 - (8 * k));
        }

        return new PackedOccupation(chars, length);
    }

    /// <summary>Exactly <see cref="Kbji.Closeness"/> of the two codes.</summary>
    public static float Closeness(PackedOccupation a, PackedOccupation b)
    {
        var differ = a.Chars ^ b.Chars;
        var prefix = differ == 0 ? 4 : BitOperations.LeadingZeroCount(differ) / 8;
        return Math.Min(prefix, Math.Min(a.Length, b.Length)) switch
        {
            4 => 1f,
            3 => 0.6f,
            2 => 0.4f,
            1 => 0.2f,
            _ => 0f,
        };
    }

    public static float Best(PackedOccupation target, PackedOccupation[] codes)
    {
        var best = 0f;
        foreach (var code in codes)
        {
            best = Math.Max(best, Closeness(target, code));
        }

        return best;
    }
}

/// <summary>What candidate generation reads about a seeker for every vacancy that touches them, as numbers in one
/// small struct: the id, region and province as ids (<see cref="MatchKeys.Code"/>), the birth date as a day number,
/// preferred regions and occupations, and the occupations of every course completed.</summary>
public readonly record struct SeekerKey(long Id, int Region, int Province, int BornOn, bool Relocates, int[] PreferredRegions,
    PackedOccupation[] PreferredOccupations, PackedOccupation[] CourseOccupations)
{
    public const int NoBirthDate = int.MinValue;
}

/// <summary>The same about a vacancy on a day; for apprenticeships generation checks the full rules instead.</summary>
public readonly record struct VacancyKey(int Region, int Province, PackedOccupation Occupation, int BornOnOrBefore,
    int BornAfter, bool AgeLimited);

/// <summary>The seekers' keys, and the ids given to region codes. <see cref="InReach"/>,
/// <see cref="InAgeRange"/> and <see cref="Rest"/> give exactly what <see cref="PreScore.Rest"/> and
/// <see cref="Eligibility"/> give from the profiles.</summary>
public sealed class MatchKeys
{
    private readonly Dictionary<string, int> _codes;

    private MatchKeys(SeekerKey[] seekers, Dictionary<string, int> codes) => (Seekers, _codes) = (seekers, codes);

    public SeekerKey[] Seekers { get; }

    public static MatchKeys Build(IReadOnlyList<SeekerProfile> seekers)
    {
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        int Id(string code) => codes.TryGetValue(code, out var id) ? id : codes[code] = codes.Count;
        var occupations = new Dictionary<string, PackedOccupation>(StringComparer.Ordinal);
        PackedOccupation[] Pack(IEnumerable<string> list)
        {
            var packed = list.Distinct(StringComparer.Ordinal).Select(code =>
                occupations.TryGetValue(code, out var p) ? p : occupations[code] = PackedOccupation.Of(code)).ToArray();
            return packed.Length == 0 ? [] : packed;
        }

        var keys = new SeekerKey[seekers.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            var s = seekers[i];
            keys[i] = new SeekerKey(s.Id, Id(s.RegionCode), Id(s.ProvinceCode),
                s.BirthDate is { } born ? born.DayNumber : SeekerKey.NoBirthDate, s.WillingToRelocate,
                s.PreferredRegions.Length == 0 ? [] : [.. s.PreferredRegions.Select(Id)],
                Pack(s.PreferredOccupations), Pack(s.Courses.SelectMany(c => c.Occupations)));
        }

        return new MatchKeys(keys, codes);
    }

    /// <summary>The id of a region or province code; -1 (no seeker's) when no seeker lives in or prefers it.</summary>
    public int Code(string code) => _codes.TryGetValue(code, out var id) ? id : -1;

    public VacancyKey Of(VacancyProfile vacancy, DateOnly day)
    {
        var ages = vacancy.AgesOn(day);
        return new VacancyKey(Code(vacancy.WorkRegionCode), Code(vacancy.ProvinceCode),
            PackedOccupation.Of(vacancy.OccupationCode),
            ages.BornOnOrBefore?.DayNumber ?? int.MaxValue, ages.BornAfter?.DayNumber ?? int.MinValue,
            vacancy.AgeMin is not null || vacancy.AgeMax is not null);
    }

    public static bool InAgeRange(in VacancyKey vacancy, in SeekerKey seeker) =>
        !vacancy.AgeLimited || seeker.BornOn == SeekerKey.NoBirthDate
        || (seeker.BornOn <= vacancy.BornOnOrBefore && seeker.BornOn > vacancy.BornAfter);

    public static bool InReach(in VacancyKey vacancy, in SeekerKey seeker) =>
        seeker.Relocates || seeker.Province == vacancy.Province
        || Array.IndexOf(seeker.PreferredRegions, vacancy.Region) >= 0;

    /// <summary><see cref="PreScore.Rest"/>, term for term in the same order (so equal to the last bit).</summary>
    public static float Rest(in VacancyKey vacancy, in SeekerKey seeker)
    {
        var reach = seeker.Region == vacancy.Region
            || Array.IndexOf(seeker.PreferredRegions, vacancy.Region) >= 0 ? 1f
            : seeker.Province == vacancy.Province ? 0.6f : 0.3f;
        var course = PackedOccupation.Best(vacancy.Occupation, seeker.CourseOccupations);
        return (1.2f * PackedOccupation.Best(vacancy.Occupation, seeker.PreferredOccupations)) + reach
            + (0.5f * course);
    }
}

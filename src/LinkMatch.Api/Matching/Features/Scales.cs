namespace LinkMatch.Api.Matching.Features;

/// <summary>Region codes: '64' is a province, '64.71' a regency or city within it.</summary>
public static class Regions
{
    public static string Province(string regionCode) => regionCode.Length >= 2 ? regionCode[..2] : regionCode;
}

/// <summary>KBJI 2014 is structured like ISCO-08: major group (1 digit), sub-major (2), minor (3), unit group (4),
/// and finer codes ('7212.01') below a unit group. Closeness of two codes is the deepest level they share.</summary>
public static class Kbji
{
    /// <summary>1 for the same unit group, 0.6 the same minor group, 0.4 the same sub-major group, 0.2 the same
    /// major group, 0 otherwise.</summary>
    public static float Closeness(string a, string b)
    {
        var shared = 0;
        var n = Math.Min(Math.Min(a.Length, b.Length), 4);
        while (shared < n && a[shared] == b[shared])
        {
            shared++;
        }

        return shared switch
        {
            4 => 1f,
            3 => 0.6f,
            2 => 0.4f,
            1 => 0.2f,
            _ => 0f,
        };
    }

    /// <summary>The best closeness of any of <paramref name="codes"/> to <paramref name="target"/>.</summary>
    public static float Best(string target, IEnumerable<string> codes)
    {
        var best = 0f;
        foreach (var code in codes)
        {
            best = Math.Max(best, Closeness(target, code));
        }

        return best;
    }

    /// <summary>The minor group (first three digits): the key candidate generation shares on.</summary>
    public static string MinorGroup(string code) => code.Length >= 3 ? code[..3] : code;
}

/// <summary>Education levels in order, as ranks that can be compared.</summary>
public static class EducationLevels
{
    public static int Rank(string level) => level switch
    {
        "none" => 0,
        "sd" => 1,
        "smp" => 2,
        "sma" or "smk" => 3,
        "d1" => 4,
        "d2" => 5,
        "d3" => 6,
        "d4" or "s1" => 7,
        "s2" => 8,
        "s3" => 9,
        _ => 0,
    };

    public static string Label(string level) => level == "none" ? "no schooling" : level.ToUpperInvariant();
}

/// <summary>How much each kind of evidence counts: certified &gt; assessed &gt; trained &gt; experience &gt;
/// self-declared.</summary>
public static class EvidenceWeights
{
    public static float Of(Evidence evidence) => evidence switch
    {
        Evidence.Certified => 1f,
        Evidence.Assessed => 0.85f,
        Evidence.Trained => 0.65f,
        Evidence.Experience => 0.6f,
        _ => 0.3f,
    };

    public static Evidence Parse(string evidence) => evidence switch
    {
        "certified" => Evidence.Certified,
        "assessed" => Evidence.Assessed,
        "trained" => Evidence.Trained,
        "experience" => Evidence.Experience,
        _ => Evidence.SelfDeclared,
    };

    public static string Name(Evidence evidence) => evidence switch
    {
        Evidence.Certified => "certified",
        Evidence.Assessed => "assessed",
        Evidence.Trained => "trained",
        Evidence.Experience => "experience",
        _ => "self-declared",
    };

    /// <summary>A held unit's credit towards a requirement: its evidence weight, scaled down when its level is
    /// below the minimum.</summary>
    public static float Credit(HeldUnit held, Requirement requirement) =>
        Of(held.Evidence) * Math.Min(1f, held.Level / (float)Math.Max((short)1, requirement.MinLevel));
}

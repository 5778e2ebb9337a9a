using LinkMatch.Api.Matching.Features;

namespace LinkMatch.Api.Matching.Candidates;

/// <summary>Inverted indexes from what seekers hold to the seekers: unit of competency → the seekers holding it
/// (with the credit parts pre-scoring needs), KBJI minor group → the seekers who prefer or trained for an
/// occupation in it. A vacancy's candidates are the union of the postings of its units and of its occupation's
/// minor group: only pairs that share something are ever scored. Reach (province) is a filter on the union, not a
/// key: living in the same place alone is not a reason to suggest someone.</summary>
public sealed class CandidateIndex
{
    private readonly Dictionary<long, UnitPosting[]> _units;
    private readonly Dictionary<string, int[]> _groups;

    private CandidateIndex(IReadOnlyList<SeekerProfile> seekers, Dictionary<long, UnitPosting[]> units,
        Dictionary<string, int[]> groups)
    {
        Seekers = seekers;
        Keys = MatchKeys.Build(seekers);
        _units = units;
        _groups = groups;
    }

    public IReadOnlyList<SeekerProfile> Seekers { get; }

    /// <summary>The seekers' facts candidate generation compares, by the same positions.</summary>
    public MatchKeys Keys { get; }

    /// <summary>A seeker holding a unit: where in <see cref="Seekers"/>, the evidence weight and level.</summary>
    public readonly record struct UnitPosting(int Seeker, float Weight, short Level);

    public static CandidateIndex Build(IReadOnlyList<SeekerProfile> seekers)
    {
        var units = new Dictionary<long, List<UnitPosting>>();
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < seekers.Count; i++)
        {
            var seeker = seekers[i];
            foreach (var unit in seeker.Units)
            {
                if (!units.TryGetValue(unit.CompetencyId, out var list))
                {
                    units[unit.CompetencyId] = list = [];
                }

                list.Add(new UnitPosting(i, EvidenceWeights.Of(unit.Evidence), unit.Level));
            }

            seen.Clear();
            foreach (var code in seeker.PreferredOccupations.Concat(seeker.Courses.SelectMany(c => c.Occupations)))
            {
                var group = Kbji.MinorGroup(code);
                if (seen.Add(group))
                {
                    if (!groups.TryGetValue(group, out var list))
                    {
                        groups[group] = list = [];
                    }

                    list.Add(i);
                }
            }
        }

        return new CandidateIndex(seekers,
            units.ToDictionary(u => u.Key, u => u.Value.ToArray()),
            groups.ToDictionary(g => g.Key, g => g.Value.ToArray(), StringComparer.Ordinal));
    }

    public ReadOnlySpan<UnitPosting> Holders(long competencyId) =>
        _units.TryGetValue(competencyId, out var postings) ? postings : [];

    public ReadOnlySpan<int> InGroup(string minorGroup) =>
        _groups.TryGetValue(minorGroup, out var seekers) ? seekers : [];

    /// <summary>How many seekers share something with the vacancy (before any filter): the pairs a naive matcher
    /// restricted to sharing pairs would score.</summary>
    public int SharingCount(VacancyProfile vacancy)
    {
        var seen = new HashSet<int>();
        foreach (var requirement in vacancy.Requirements)
        {
            foreach (var posting in Holders(requirement.CompetencyId))
            {
                seen.Add(posting.Seeker);
            }
        }

        foreach (var seeker in InGroup(Kbji.MinorGroup(vacancy.OccupationCode)))
        {
            seen.Add(seeker);
        }

        return seen.Count;
    }
}

namespace LinkMatch.Api.Matching.Suggestions;

/// <summary>A scored pair; indexes into the caller's vacancy and seeker lists.</summary>
public readonly record struct ScoredPair(int Vacancy, int Seeker, double Score);

/// <summary>Exposure caps (France's inclusion platform spreads candidates across employers instead of sending
/// everyone to the same one): a seeker is in at most <c>seekerCap</c> proposed suggestions at once, and a vacancy
/// has at most max(MinSuggestionsPerVacancy, SuggestionsPerOpening × open places). A full refresh assigns greedily
/// by score over every scored pair; a recompute of one vacancy or one seeker works within the current counts and
/// may displace the counterpart's weakest suggestion when it scores higher.</summary>
public static class ExposureCaps
{
    /// <summary>The pairs kept by a greedy pass in descending score (ties: lower vacancy, then seeker index),
    /// counting on from the given per-vacancy and per-seeker counts (updated).</summary>
    public static List<ScoredPair> Greedy(List<ScoredPair> pairs, Func<int, int> vacancyCap, int seekerCap,
        int[] perVacancy, int[] perSeeker)
    {
        pairs.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score)
            : a.Vacancy != b.Vacancy ? a.Vacancy.CompareTo(b.Vacancy) : a.Seeker.CompareTo(b.Seeker));
        var kept = new List<ScoredPair>();
        foreach (var pair in pairs)
        {
            if (perVacancy[pair.Vacancy] < vacancyCap(pair.Vacancy) && perSeeker[pair.Seeker] < seekerCap)
            {
                perVacancy[pair.Vacancy]++;
                perSeeker[pair.Seeker]++;
                kept.Add(pair);
            }
        }

        return kept;
    }

    /// <summary>One side's recompute: walks its candidates (best first) until <paramref name="ownCap"/> are taken.
    /// A counterpart below its cap takes the pair; a full one takes it only by giving up its weakest proposed
    /// suggestion, when that scored less. Returns the taken candidates and the ids of the displaced rows.</summary>
    public static (List<T> Taken, List<long> Displaced) Incremental<T>(IEnumerable<(T Candidate, long Counterpart,
        double Score)> ranked, int ownCap, Func<long, int> counterpartCap, IReadOnlyDictionary<long, Exposure> exposure)
    {
        var taken = new List<T>();
        var displaced = new List<long>();
        foreach (var (candidate, counterpart, score) in ranked)
        {
            if (taken.Count >= ownCap)
            {
                break;
            }

            var current = exposure.TryGetValue(counterpart, out var e) ? e : default;
            if (current.Count < counterpartCap(counterpart))
            {
                taken.Add(candidate);
            }
            else if (current.Count > 0 && current.WeakestScore < score)
            {
                taken.Add(candidate);
                displaced.Add(current.WeakestId);
            }
        }

        return (taken, displaced);
    }
}

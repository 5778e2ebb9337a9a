using LinkMatch.Api.Matching.Suggestions;

namespace LinkMatch.Api.Matching.Refresh;

/// <summary>A pair a part staged: what it kept under the caps as if alone, or one of its best pairs left over.</summary>
public readonly record struct StagedPair(int Vacancy, int Seeker, double Score, bool Kept);

/// <summary>Joins the parts of a refresh under the global per-seeker cap. Each part assigned its vacancies as if it
/// were alone, so a seeker who tops lists in several parts may be kept more than the cap allows in all: such a
/// seeker keeps their best pairs (ties: lower vacancy, then seeker index), and each vacancy that lost one refills,
/// greedily by score, from its left-over pairs whose seekers are below the cap. A vacancy's own cap held in its part
/// and still holds. With a single part nothing changes: its kept pairs are the result.</summary>
public static class Reconcile
{
    public static List<ScoredPair> Run(IReadOnlyList<StagedPair> staged, Func<int, int> vacancyCap, int seekerCap,
        int vacancies, int seekers)
    {
        var perVacancy = new int[vacancies];
        var perSeeker = new int[seekers];
        var kept = staged.Where(p => p.Kept).Select(p => new ScoredPair(p.Vacancy, p.Seeker, p.Score)).ToList();
        var result = new List<ScoredPair>(kept.Count);
        foreach (var own in kept.GroupBy(p => p.Seeker))
        {
            var best = own.OrderByDescending(p => p.Score).ThenBy(p => p.Vacancy).Take(seekerCap);
            foreach (var pair in best)
            {
                result.Add(pair);
                perVacancy[pair.Vacancy]++;
                perSeeker[pair.Seeker]++;
            }
        }

        var taken = result.Select(p => (p.Vacancy, p.Seeker)).ToHashSet();
        var spare = staged.Where(p => !p.Kept && perVacancy[p.Vacancy] < vacancyCap(p.Vacancy)
                                      && !taken.Contains((p.Vacancy, p.Seeker)))
            .Select(p => new ScoredPair(p.Vacancy, p.Seeker, p.Score)).ToList();
        result.AddRange(ExposureCaps.Greedy(spare, vacancyCap, seekerCap, perVacancy, perSeeker));
        return result;
    }
}

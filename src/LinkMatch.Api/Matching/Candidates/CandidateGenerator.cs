using LinkMatch.Api.Matching.Features;

namespace LinkMatch.Api.Matching.Candidates;

/// <summary>What candidate generation did for one vacancy: the seekers that shared something with it, how many of
/// them were eligible, and the best of those by pre-score (positions in the index's seeker list).</summary>
public sealed record CandidateSet(int Sharing, int Eligible, int[] Seekers);

/// <summary>Generates a vacancy's candidates from a <see cref="CandidateIndex"/>: walks the postings of its units
/// (summing the coverage part of the pre-score) and of its occupation's minor group, drops the ineligible, and
/// keeps the <c>limit</c> best by pre-score (ties to the lower seeker id, so runs are repeatable). Holds scratch
/// arrays: one generator per thread.</summary>
public sealed class CandidateGenerator(CandidateIndex index, MatchingRules rules)
{
    private readonly float[] _coverage = new float[index.Seekers.Count];
    private readonly int[] _stamp = new int[index.Seekers.Count];
    private readonly List<int> _touched = [];
    private readonly PriorityQueue<int, (float Score, long NegatedId)> _best = new();
    private int _round;

    public CandidateSet Generate(VacancyProfile vacancy, DateOnly day, int limit)
    {
        NextRound();
        var (mandatory, optional, constant) = PreScore.UnitWeights(vacancy);
        foreach (var requirement in vacancy.Requirements)
        {
            var weight = requirement.Mandatory ? mandatory : optional;
            var minLevel = (float)Math.Max((short)1, requirement.MinLevel);
            foreach (var posting in index.Holders(requirement.CompetencyId))
            {
                Touch(posting.Seeker);
                _coverage[posting.Seeker] += weight * posting.Weight * Math.Min(1f, posting.Level / minLevel);
            }
        }

        foreach (var seeker in index.InGroup(Kbji.MinorGroup(vacancy.OccupationCode)))
        {
            Touch(seeker);
        }

        var eligible = 0;
        _best.Clear();
        foreach (var i in _touched)
        {
            var seeker = index.Seekers[i];
            if (Eligibility.Check(vacancy, seeker, day, rules) != Ineligibility.None)
            {
                continue;
            }

            eligible++;
            var priority = (_coverage[i] + constant + PreScore.Rest(vacancy, seeker), -seeker.Id);
            if (_best.Count < limit)
            {
                _best.Enqueue(i, priority);
            }
            else if (limit > 0 && _best.TryPeek(out _, out var worst) && Compare(priority, worst) > 0)
            {
                _best.EnqueueDequeue(i, priority);
            }
        }

        var result = new int[_best.Count];
        for (var k = result.Length - 1; k >= 0; k--)
        {
            result[k] = _best.Dequeue();
        }

        return new CandidateSet(_touched.Count, eligible, result);
    }

    private static int Compare((float Score, long NegatedId) a, (float Score, long NegatedId) b)
    {
        var byScore = a.Score.CompareTo(b.Score);
        return byScore != 0 ? byScore : a.NegatedId.CompareTo(b.NegatedId);
    }

    private void NextRound()
    {
        _touched.Clear();
        if (++_round == int.MaxValue)
        {
            Array.Clear(_stamp);
            _round = 1;
        }
    }

    private void Touch(int seeker)
    {
        if (_stamp[seeker] != _round)
        {
            _stamp[seeker] = _round;
            _coverage[seeker] = 0;
            _touched.Add(seeker);
        }
    }
}

using LinkMatch.Api.Matching.Candidates;
using LinkMatch.Api.Matching.Features;

namespace LinkMatch.Matching.Bench;

/// <summary>Candidate generation as it was before walks were shared between vacancies asking for the same units and
/// the search stopped at the cut: one walk per vacancy, every touched seeker checked, facts read from the profiles.
/// The <c>generate</c> benchmark runs it beside <see cref="CandidateGenerator"/> and checks both give the same lists.</summary>
public sealed class LegacyCandidateGenerator(CandidateIndex index, MatchingRules rules)
{
    // The round a seeker was last touched in and its coverage so far, side by side: one cache line per touch.
    private readonly (int Stamp, float Coverage)[] _touch = new (int, float)[index.Seekers.Count];
    private readonly int[] _touched = new int[index.Seekers.Count];
    private int _touchedCount;
    private readonly PriorityQueue<int, (float Score, long NegatedId)> _best = new();
    private int _round;

    /// <summary>The largest value the non-unit terms of the pre-score can add (occupation, reach, course).</summary>
    private const float MaxRest = 1.2f + 1f + 0.5f;

    /// <summary>The best <paramref name="limit"/> eligible candidates of the vacancy on <paramref name="day"/>,
    /// leaving out <paramref name="excluded"/> seekers (by position in the index; those already at their cap).</summary>
    public CandidateSet Generate(VacancyProfile vacancy, DateOnly day, int limit, bool[]? excluded = null)
    {
        NextRound();
        var (mandatory, optional, constant) = PreScore.UnitWeights(vacancy);
        Span<float> credit = stackalloc float[10];
        foreach (var requirement in vacancy.Requirements)
        {
            // The coverage part of a held unit's pre-score by its level (1–9), so the walk only multiplies.
            var weight = requirement.Mandatory ? mandatory : optional;
            var minLevel = (float)Math.Max((short)1, requirement.MinLevel);
            for (var level = 0; level < credit.Length; level++)
            {
                credit[level] = weight * Math.Min(1f, level / minLevel);
            }

            foreach (var posting in index.Holders(requirement.CompetencyId))
            {
                ref var touch = ref Touch(posting.Seeker);
                touch.Coverage += posting.Weight * credit[Math.Clamp((int)posting.Level, 0, 9)];
            }
        }

        foreach (var seeker in index.InGroup(Kbji.MinorGroup(vacancy.OccupationCode)))
        {
            _ = ref Touch(seeker);
        }

        var eligible = 0;
        _best.Clear();
        var worst = float.NegativeInfinity;
        foreach (var i in _touched.AsSpan(0, _touchedCount))
        {
            // Once the cut is full, a seeker whose units cannot lift them above its worst is not looked at further.
            var coverage = _touch[i].Coverage;
            if ((excluded is not null && excluded[i]) || coverage + constant + MaxRest < worst)
            {
                continue;
            }

            var seeker = index.Seekers[i];
            if (Eligibility.Check(vacancy, seeker, day, rules) != Ineligibility.None)
            {
                continue;
            }

            eligible++;
            var priority = (coverage + constant + PreScore.Rest(vacancy, seeker), -seeker.Id);
            if (_best.Count < limit)
            {
                _best.Enqueue(i, priority);
            }
            else if (limit > 0 && _best.TryPeek(out _, out var last) && Compare(priority, last) > 0)
            {
                _best.EnqueueDequeue(i, priority);
            }

            if (_best.Count == limit && _best.TryPeek(out _, out var full))
            {
                worst = full.Score;
            }
        }

        var result = new int[_best.Count];
        for (var k = result.Length - 1; k >= 0; k--)
        {
            result[k] = _best.Dequeue();
        }

        return new CandidateSet(_touchedCount, eligible, result);
    }

    private static int Compare((float Score, long NegatedId) a, (float Score, long NegatedId) b)
    {
        var byScore = a.Score.CompareTo(b.Score);
        return byScore != 0 ? byScore : a.NegatedId.CompareTo(b.NegatedId);
    }

    private void NextRound()
    {
        _touchedCount = 0;
        if (++_round == int.MaxValue)
        {
            Array.Clear(_touch);
            _round = 1;
        }
    }

    private ref (int Stamp, float Coverage) Touch(int seeker)
    {
        ref var touch = ref _touch[seeker];
        if (touch.Stamp != _round)
        {
            touch = (_round, 0f);
            _touched[_touchedCount++] = seeker;
        }

        return ref touch;
    }
}

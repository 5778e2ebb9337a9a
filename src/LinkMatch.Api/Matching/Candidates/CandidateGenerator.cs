using LinkMatch.Api.Matching.Features;

namespace LinkMatch.Api.Matching.Candidates;

/// <summary>What candidate generation did for one vacancy: the seekers that shared something with it, how many of
/// them were checked and found eligible (seekers whose units alone could not reach the cut are not checked), and the
/// best of those by pre-score (positions in the index's seeker list).</summary>
public sealed record CandidateSet(int Sharing, int Eligible, int[] Seekers);

/// <summary>Generates a vacancy's candidates from a <see cref="CandidateIndex"/>: walks the postings of its units
/// (summing the coverage part of the pre-score) and of its occupation's minor group, drops the ineligible, and
/// keeps the <c>limit</c> best by pre-score (ties to the lower seeker id, so runs are repeatable).
/// <para>The walk's result depends only on the vacancy's requirements and minor group, so it is kept for the next
/// vacancy that asks for the same (give vacancies in <see cref="WalkGroups"/>). The seekers it touched are bucketed
/// by coverage and checked from the highest bucket down: once the cut is full, a bucket whose best coverage plus the
/// most the other terms can add stays below the cut's worst ends the search, since no seeker in it or below can
/// enter. The result is exactly the best <c>limit</c> of all sharing, eligible seekers.</para>
/// Holds scratch arrays: one generator per thread.</summary>
public sealed class CandidateGenerator(CandidateIndex index, MatchingRules rules)
{
    /// <summary>The largest value the non-unit terms of the pre-score can add (occupation, reach, course).</summary>
    private const float MaxRest = 1.2f + 1f + 0.5f;

    /// <summary>Coverage buckets per unit of coverage: a power of two, so that bucketing is exact.</summary>
    private const float BucketScale = 64f;

    /// <summary>Coverage is at most 3.8 (3 mandatory + 0.8 optional); the last bucket takes anything above 4.</summary>
    private const int Buckets = 4 * 64 + 1;

    // The round a seeker was last touched in and its coverage so far, side by side: one cache line per touch.
    private readonly (int Stamp, float Coverage)[] _touch = new (int, float)[index.Seekers.Count];
    private readonly int[] _touched = new int[index.Seekers.Count];
    private int _touchedCount;
    private int _round;

    // The last walk: its key, and the seekers it touched ordered by coverage bucket (highest last).
    private Requirement[]? _walkedRequirements;
    private string? _walkedGroup;
    private readonly int[] _ordered = new int[index.Seekers.Count];
    private readonly float[] _orderedCoverage = new float[index.Seekers.Count];
    private readonly int[] _bucketStart = new int[Buckets + 1];

    private readonly PriorityQueue<int, (float Score, long NegatedId)> _best = new();

    /// <summary>The vacancies (positions into the list) grouped by the units and minor group they ask for, in order
    /// of first appearance: generating a group's vacancies one after another on one generator walks once.</summary>
    public static List<int[]> WalkGroups(IReadOnlyList<VacancyProfile> vacancies)
    {
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var v = 0; v < vacancies.Count; v++)
        {
            var key = WalkKey(vacancies[v]);
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
            }

            list.Add(v);
        }

        return [.. groups.Values.Select(g => g.ToArray())];
    }

    /// <summary>The vacancies' positions in <see cref="WalkGroups"/> order.</summary>
    public static int[] WalkOrder(IReadOnlyList<VacancyProfile> vacancies) => [.. WalkGroups(vacancies).SelectMany(g => g)];

    private static string WalkKey(VacancyProfile vacancy) =>
        string.Join(',', vacancy.Requirements.Select(r => $"{r.CompetencyId}:{(r.Mandatory ? 1 : 0)}:{r.MinLevel}"))
        + "|" + Kbji.MinorGroup(vacancy.OccupationCode);

    /// <summary>The best <paramref name="limit"/> eligible candidates of the vacancy on <paramref name="day"/>,
    /// leaving out <paramref name="excluded"/> seekers (by position in the index; those already at their cap).</summary>
    public CandidateSet Generate(VacancyProfile vacancy, DateOnly day, int limit, bool[]? excluded = null)
    {
        var group = Kbji.MinorGroup(vacancy.OccupationCode);
        if (_walkedRequirements is null || _walkedGroup != group
            || !_walkedRequirements.AsSpan().SequenceEqual(vacancy.Requirements))
        {
            Walk(vacancy, group);
        }

        var constant = PreScore.UnitWeights(vacancy).Constant;
        var keys = index.Keys.Seekers;
        var at = index.Keys.Of(vacancy, day);
        var apprenticeship = vacancy.IsApprenticeship;
        var eligible = 0;
        _best.Clear();
        var worst = float.NegativeInfinity;
        for (var bucket = Buckets - 1; bucket >= 0; bucket--)
        {
            var (from, to) = (_bucketStart[bucket], _bucketStart[bucket + 1]);
            if (from == to)
            {
                continue;
            }

            var bucketBest = bucket == Buckets - 1 ? float.PositiveInfinity : (bucket + 1) / BucketScale;
            if (bucketBest + constant + MaxRest < worst)
            {
                break;
            }

            for (var k = from; k < to; k++)
            {
                // Within a bucket, a seeker whose units cannot lift them above the worst is not looked at further.
                var i = _ordered[k];
                var coverage = _orderedCoverage[k];
                if ((excluded is not null && excluded[i]) || coverage + constant + MaxRest < worst)
                {
                    continue;
                }

                ref readonly var key = ref keys[i];
                if (apprenticeship
                        ? Eligibility.Check(vacancy, index.Seekers[i], day, rules) != Ineligibility.None
                        : !MatchKeys.InAgeRange(at, key) || !MatchKeys.InReach(at, key))
                {
                    continue;
                }

                eligible++;
                var priority = (coverage + constant + MatchKeys.Rest(at, key), -key.Id);
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
        }

        var result = new int[_best.Count];
        for (var k = result.Length - 1; k >= 0; k--)
        {
            result[k] = _best.Dequeue();
        }

        return new CandidateSet(_touchedCount, eligible, result);
    }

    /// <summary>Sums every touched seeker's coverage over the vacancy's units, adds its minor group's seekers, and
    /// orders them by coverage bucket (a counting sort: linear in the seekers touched).</summary>
    private void Walk(VacancyProfile vacancy, string group)
    {
        NextRound();
        var (mandatory, optional, _) = PreScore.UnitWeights(vacancy);
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

        foreach (var seeker in index.InGroup(group))
        {
            _ = ref Touch(seeker);
        }

        Array.Clear(_bucketStart);
        var touched = _touched.AsSpan(0, _touchedCount);
        foreach (var i in touched)
        {
            _bucketStart[Bucket(_touch[i].Coverage) + 1]++;
        }

        for (var b = 1; b <= Buckets; b++)
        {
            _bucketStart[b] += _bucketStart[b - 1];
        }

        Span<int> next = stackalloc int[Buckets];
        _bucketStart.AsSpan(0, Buckets).CopyTo(next);
        foreach (var i in touched)
        {
            var coverage = _touch[i].Coverage;
            var at = next[Bucket(coverage)]++;
            _ordered[at] = i;
            _orderedCoverage[at] = coverage;
        }

        _walkedRequirements = vacancy.Requirements;
        _walkedGroup = group;
    }

    /// <summary>The bucket of a coverage: every coverage in bucket b is below (b + 1) / 64, except in the last.</summary>
    private static int Bucket(float coverage) => Math.Clamp((int)(coverage * BucketScale), 0, Buckets - 1);

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

using System.Diagnostics;
using LinkMatch.Api.Matching.Candidates;
using LinkMatch.Api.Matching.Features;
using LinkMatch.Api.Matching.Models;

namespace LinkMatch.Api.Matching.Suggestions;

/// <summary>The full refresh's assignment under the exposure caps, in rounds. Candidate generation runs once per
/// vacancy and keeps its candidates <see cref="MatchingOptions.CandidateDepth"/> deep in pre-score order. The first
/// round scores the best <see cref="MatchingOptions.CandidatesPerVacancy"/> of each list and assigns greedily by
/// score. The best seekers of a trade top every similar vacancy's list and fill their caps at once, which would leave
/// most vacancies short; so each later round scores, for every vacancy with room, the next candidates down its list
/// who are not yet at their cap, and assigns again among everything scored and still free. A vacancy leaves the
/// rounds when it is full or its list runs out.</summary>
public sealed class CappedAssignment(CandidateIndex index, IReadOnlyList<VacancyProfile> vacancies, ServingModel model,
    FeatureExtractor extractor, MatchingOptions settings, IReadOnlySet<(long, long)> acted, DateOnly day,
    int? seekerCap = null)
{
    private readonly int[] _perVacancy = new int[vacancies.Count];
    private readonly int[] _perSeeker = new int[index.Seekers.Count];
    private readonly int[][] _lists = new int[vacancies.Count][];
    private readonly int[] _cursor = new int[vacancies.Count];
    private readonly List<ScoredPair>[] _free = new List<ScoredPair>[vacancies.Count];
    private readonly List<ScoredPair>[] _scored = new List<ScoredPair>[vacancies.Count];

    public List<ScoredPair> Kept { get; } = [];

    public long Sharing { get; private set; }
    public long Checked { get; private set; }
    public long Scored { get; private set; }
    public int Rounds { get; private set; }

    /// <summary>Thread time spent generating candidates and scoring them, in seconds.</summary>
    public double GenerateSeconds { get; private set; }
    public double ScoreSeconds { get; private set; }

    public void Run(ParallelOptions parallel)
    {
        var pending = Enumerable.Range(0, vacancies.Count).ToList();
        var cap = seekerCap ?? settings.MaxSuggestionsPerSeeker;
        while (pending.Count > 0 && Rounds < settings.AssignmentRounds)
        {
            Rounds++;
            var first = Rounds == 1;
            var tally = new RoundTally();
            // The first round generates each group of vacancies asking for the same units on one thread, so that
            // they share one walk of the index.
            var work = first ? CandidateGenerator.WalkGroups(vacancies) : pending.Select(v => new[] { v }).ToList();
            Parallel.ForEach(work, parallel,
                () => (Generator: new CandidateGenerator(index, extractor.Rules), Scorer: new PairScorer(model, extractor)),
                (group, _, local) =>
                {
                    foreach (var v in group)
                    {
                        Step(v, first, local.Generator, local.Scorer, cap, tally);
                    }

                    return local;
                },
                static _ => { });

            var kept = ExposureCaps.Greedy([.. pending.SelectMany(v => _free[v])], Cap, cap, _perVacancy,
                _perSeeker);
            foreach (var group in kept.GroupBy(p => p.Vacancy))
            {
                var taken = group.Select(p => p.Seeker).ToHashSet();
                _free[group.Key].RemoveAll(p => taken.Contains(p.Seeker));
            }

            Kept.AddRange(kept);
            (Sharing, Checked, Scored) = (Sharing + tally.Sharing, Checked + tally.Checked, Scored + tally.Scored);
            GenerateSeconds += tally.GenerateTicks / (double)Stopwatch.Frequency;
            ScoreSeconds += tally.ScoreTicks / (double)Stopwatch.Frequency;
            pending = pending.Where(v => _perVacancy[v] < Cap(v) && _cursor[v] < _lists[v].Length).ToList();
        }
    }

    /// <summary>One vacancy's turn in a round: in the first, generate its candidate list; then score the next
    /// candidates down the list and offer them, less those whose seekers are already at their cap.</summary>
    private void Step(int v, bool first, CandidateGenerator generator, PairScorer scorer, int cap, RoundTally tally)
    {
        var vacancy = vacancies[v];
        var started = Stopwatch.GetTimestamp();
        if (first)
        {
            var candidates = generator.Generate(vacancy, day,
                Math.Max(settings.CandidateDepth, settings.CandidatesPerVacancy));
            _lists[v] = candidates.Seekers;
            _free[v] = [];
            _scored[v] = [];
            Interlocked.Add(ref tally.Sharing, candidates.Sharing);
            Interlocked.Add(ref tally.Checked, candidates.Eligible);
        }

        var generated = Stopwatch.GetTimestamp();
        var next = Next(v, first ? settings.CandidatesPerVacancy : 4 * (Cap(v) - _perVacancy[v]), cap);
        var scores = scorer.Score(vacancy, next.Select(i => index.Seekers[i]).ToList(), day);
        for (var k = 0; k < next.Count; k++)
        {
            _free[v].Add(new ScoredPair(v, next[k], scores[k]));
            _scored[v].Add(_free[v][^1]);
        }

        _free[v].RemoveAll(p => _perSeeker[p.Seeker] >= cap);
        Interlocked.Add(ref tally.GenerateTicks, generated - started);
        Interlocked.Add(ref tally.ScoreTicks, Stopwatch.GetTimestamp() - generated);
        Interlocked.Add(ref tally.Scored, next.Count);
    }

    /// <summary>A round's counts, added to by every thread.</summary>
    private sealed class RoundTally
    {
        public long Sharing;
        public long Checked;
        public long Scored;
        public long GenerateTicks;
        public long ScoreTicks;
    }

    /// <summary>Every pair scored, in every round: what a refresh in parts stages, so that the join can assign
    /// them all again under the global caps.</summary>
    public IEnumerable<ScoredPair> AllScored() => _scored.Where(s => s is not null).SelectMany(s => s);

    /// <summary>The next <paramref name="count"/> candidates down the vacancy's list who are below their cap and
    /// not acted on; those passed over at their cap stay there (a cap only fills within a refresh).</summary>
    private List<int> Next(int v, int count, int seekerCap)
    {
        var list = _lists[v];
        var vacancyId = vacancies[v].Id;
        var next = new List<int>(Math.Max(0, count));
        while (next.Count < count && _cursor[v] < list.Length)
        {
            var seeker = list[_cursor[v]++];
            if (_perSeeker[seeker] < seekerCap && !acted.Contains((vacancyId, index.Seekers[seeker].Id)))
            {
                next.Add(seeker);
            }
        }

        return next;
    }

    private int Cap(int vacancy) => settings.VacancyCap(vacancies[vacancy].Openings);
}

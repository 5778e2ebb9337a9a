using System.ComponentModel.DataAnnotations;
using LinkMatch.Api.Matching.Features;
using LinkMatch.Ranking;

namespace LinkMatch.Api.Matching;

/// <summary>Matching (section <c>Matching</c>): candidate generation, exposure caps, schedules and training.</summary>
public sealed class MatchingOptions
{
    /// <summary>How many candidates of a vacancy, best by pre-score, go on to full features and the model.</summary>
    [Range(1, 100_000)]
    public int CandidatesPerVacancy { get; set; } = 200;

    /// <summary>Exposure cap: a seeker is in at most this many proposed suggestions at once.</summary>
    [Range(1, 1000)]
    public int MaxSuggestionsPerSeeker { get; set; } = 5;

    /// <summary>Exposure cap: a vacancy has at most max(<see cref="MinSuggestionsPerVacancy"/>,
    /// <see cref="SuggestionsPerOpening"/> × its open places) proposed suggestions.</summary>
    [Range(1, 10_000)]
    public int MinSuggestionsPerVacancy { get; set; } = 10;

    [Range(1, 100)]
    public int SuggestionsPerOpening { get; set; } = 3;

    /// <summary>How deep the full refresh keeps each vacancy's candidates (in pre-score order), for the rounds that
    /// reach past seekers already at their cap.</summary>
    [Range(1, 100_000)]
    public int CandidateDepth { get; set; } = 1000;

    /// <summary>Rounds of the full refresh's capped assignment: each scores the next candidates of the vacancies
    /// left short by seekers at their cap.</summary>
    [Range(1, 50)]
    public int AssignmentRounds { get; set; } = 8;

    /// <summary>A full refresh writes in transactions of whole vacancy lists of about this many suggestions.</summary>
    [Range(1, 1_000_000)]
    public int RefreshBatchRows { get; set; } = 20_000;

    /// <summary>A full refresh of more open vacancies than this is split into parts of about this many, by work
    /// region, each a job of its own that any worker process may run.</summary>
    [Range(1, 1_000_000)]
    public int RefreshPartVacancies { get; set; } = 100_000;

    /// <summary>A BLK course completed within this many months makes a seeker a recent graduate.</summary>
    [Range(1, 120)]
    public int RecentGraduateMonths { get; set; } = 18;

    /// <summary>Apprentices may be at most this share of a company's workforce (Permenaker 6/2020).</summary>
    [Range(0.0, 1.0)]
    public double ApprenticeQuotaShare { get; set; } = 0.2;

    /// <summary>The embedded ml-models/NAME.zip (an ML.NET model) that serves when no model does.</summary>
    [Required, RegularExpression("^[A-Za-z0-9._-]+$")]
    public string BaselineModel { get; set; } = "baseline";

    /// <summary>Full refresh of every suggestion (Quartz cron, <see cref="TimeZone"/>): nightly at 02:00.</summary>
    [Required]
    public string RefreshCron { get; set; } = "0 0 2 * * ?";

    /// <summary>Retraining on the office's outcomes: Sundays at 03:00.</summary>
    [Required]
    public string RetrainCron { get; set; } = "0 0 3 ? * SUN";

    [Required]
    public string TimeZone { get; set; } = "Asia/Makassar";

    /// <summary>Threads scoring a full refresh; 0 uses every core.</summary>
    [Range(0, 256)]
    public int Threads { get; set; }

    [Required]
    public TrainingSettings Training { get; set; } = new();

    public MatchingRules Rules => new(RecentGraduateMonths, ApprenticeQuotaShare);

    /// <summary>How a full refresh (or a part of one) spreads its work over <see cref="Threads"/>.</summary>
    public ParallelOptions Parallel(CancellationToken ct) => new()
    {
        CancellationToken = ct,
        MaxDegreeOfParallelism = Threads > 0 ? Threads : Environment.ProcessorCount,
    };

    public int VacancyCap(int openings) => Math.Max(MinSuggestionsPerVacancy, SuggestionsPerOpening * Math.Max(1, openings));
}

/// <summary>Training data and LambdaMART parameters (LightGBM through ML.NET, see TrainingOptions) of the retraining
/// job and the <c>train-model</c> command.</summary>
public sealed class TrainingSettings
{
    /// <summary>Vacancies that opened within this many days are training data.</summary>
    [Range(30, 3650)]
    public int WindowDays { get; set; } = 1095;

    /// <summary>The latest share of vacancies (by opening date) held out to evaluate and compare models.</summary>
    [Range(0.05, 0.5)]
    public double HoldoutShare { get; set; } = 0.2;

    /// <summary>The share of the remaining (earlier) vacancies, the latest ones, used to stop boosting early.</summary>
    [Range(0.0, 0.5)]
    public double ValidationShare { get; set; } = 0.15;

    /// <summary>Candidates from candidate generation kept as negatives (label 0) per vacancy.</summary>
    [Range(1, 10_000)]
    public int NegativesPerVacancy { get; set; } = 50;

    [Range(1, 5000)]
    public int Trees { get; set; } = 150;

    [Range(2, 32)]
    public int Leaves { get; set; } = 31;

    /// <summary>Depth limit of a tree (0: none). Explanations cost about leaves × depth² per tree, so shallow trees
    /// keep TreeSHAP for every stored suggestion affordable.</summary>
    [Range(0, 32)]
    public int MaxDepth { get; set; } = 4;

    [Range(0.001, 1.0)]
    public double LearningRate { get; set; } = 0.05;

    [Range(1, 10_000)]
    public int MinExamplesPerLeaf { get; set; } = 20;

    [Range(0, 1000)]
    public int EarlyStoppingRounds { get; set; } = 30;

    /// <summary>Training threads; 1 keeps a retrain inside the API process from taking every core.</summary>
    [Range(0, 256)]
    public int Threads { get; set; } = 1;

    public int Seed { get; set; } = 2026;

    public TrainingOptions ToOptions() => new()
    {
        Trees = Trees,
        Leaves = Leaves,
        MaxDepth = MaxDepth,
        LearningRate = LearningRate,
        MinExamplesPerLeaf = MinExamplesPerLeaf,
        EarlyStoppingRounds = EarlyStoppingRounds,
        Threads = Threads,
        Seed = Seed,
    };
}

using System.Globalization;
using System.Text;
using LinkMatch.Ranking;

namespace LinkMatch.Api.Matching.Training;

/// <summary>Writes the model card that goes beside a model file: data, features, parameters, quality on held-out
/// vacancies, fairness, date.</summary>
public static class ModelCard
{
    /// <summary>The card; <paramref name="replaced"/> is the model file this one replaces, as its metrics file
    /// described it (null: none).</summary>
    public static string Write(string name, RankingModel model, TrainingData data, HoldoutScore score,
        HoldoutScore rule, ReplacedModel? replaced, string dataSource, double seconds, DateTimeOffset trainedAt,
        ModelFairness? fairness = null)
    {
        var w = data.Window;
        var s = new StringBuilder();
        void Line(FormattableString text) => s.AppendLine(text.ToString(CultureInfo.InvariantCulture));
        Line($"# Model card: `{name}`");
        s.AppendLine();
        Line($"LambdaMART ranking model that orders job seekers for a vacancy: LightGBM's LambdaRank trained through ML.NET (`MLContext.Ranking.Trainers.LightGbm`), served and explained by LinkMatch.Ranking. Trained {trainedAt:yyyy-MM-dd} by `LinkMatch.Api train-model --out ml-models/{name}.zip`; the file is an ML.NET model (`mlContext.Model.Load` reads it, see [README.md](README.md#scoring-with-plain-mlnet)). The service embeds it and serves it when no model in the database does (a new installation). Retrained models replace it through `matching.retrain`.");
        s.AppendLine();
        s.AppendLine("## Data");
        Line($"- Source: {dataSource}.");
        Line($"- Queries: ended (filled or closed) vacancies that opened in the window and had at least one hire: {w.TrainQueries + w.ValidationQueries + w.HoldoutQueries} of {w.Vacancies} ended vacancies; {w.Positives} positive rows.");
        Line($"- Training: {w.TrainQueries} vacancies, {w.TrainRows} rows, opening {w.TrainFrom:yyyy-MM-dd} to {w.TrainTo:yyyy-MM-dd} ({w.ValidationQueries} of the latest used for early stopping).");
        Line($"- Held out (the later slice, never trained on): {w.HoldoutQueries} vacancies, {w.HoldoutRows} rows, opening {w.HoldoutFrom:yyyy-MM-dd} to {w.HoldoutTo:yyyy-MM-dd}.");
        s.AppendLine("- Labels (`Matching/Training/TrainingLabels.cs`): hired 4, interviewed 3, referred 2, suggested and not rejected 1, rejected 0; other candidates 0 (a seeded sample of up to 50 per vacancy from candidate generation: sharing a unit or occupation group, eligible, best 200 by pre-score).");
        s.AppendLine("- Each vacancy is seen as of its opening day: units of competency and courses known after it opened do not count (see `TrainingHistoryLoader`); region, education, preferences and expected wage are as registered now (the registry keeps no history of them).");
        s.AppendLine("- Only seekers with open consent to matching who are not erased are used.");
        s.AppendLine();
        s.AppendLine("## Features");
        s.AppendLine("Documented in [README.md](README.md#features). Share of the total split gain:");
        s.AppendLine();
        s.AppendLine("| feature | gain share | splits |");
        s.AppendLine("|---|---|---|");
        var importance = model.GainImportance().ToDictionary(i => i.Feature);
        foreach (var feature in model.FeatureNames)
        {
            var i = importance.GetValueOrDefault(feature);
            Line($"| `{feature}` | {i.Share:P1} | {i.Splits} |");
        }

        s.AppendLine();
        s.AppendLine("## Fairness");
        s.AppendLine("Sex, religion (not recorded), disability and the exact age are never features. Age is used only as a filter against the vacancy's own stated range; the vacancy's stated sex is not applied by matching (staff see it and decide). Region, education and expected wage are features because vacancies state them. Suggestions are proposals for staff: none becomes a referral or placement without a person (UU 27/2022).");
        s.AppendLine();
        if (fairness is not null)
        {
            WriteFairness(s, fairness);
        }

        s.AppendLine("## Parameters");
        var o = model.Options;
        var depth = o.MaxDepth > 0 ? $"at most {o.MaxDepth} deep" : "no depth limit";
        Line($"{model.TreeCount} trees kept (early stopping on the validation slice's NDCG@5), up to {o.Trees} rounds; {o.Leaves} leaves, {depth}; learning rate {o.LearningRate}; at least {o.MinExamplesPerLeaf} rows and {o.MinHessianPerLeaf} hessian a leaf; L2 {o.L2}; {o.MaxBins} bins; sigmoid {o.Sigmoid}; seed {o.Seed}; {(o.Threads > 0 ? o.Threads.ToString(CultureInfo.InvariantCulture) : "every core's")} thread(s), LightGBM's deterministic mode. Training took {seconds:0.0} s.");
        s.AppendLine();
        s.AppendLine("## Quality on the held-out vacancies");
        s.AppendLine("| ranking | NDCG@10 | NDCG@5 |");
        s.AppendLine("|---|---|---|");
        Line($"| this model | {score.Ndcg10:0.0000} | {score.Ndcg5:0.0000} |");
        if (replaced is { } before)
        {
            Line($"| the model this file replaced ({before.Description}, trained {before.TrainedAt:yyyy-MM-dd}), as measured then | {before.Ndcg10:0.0000} | {before.Ndcg5:0.0000} |");
            if (before.OnThisSlice is { } again)
            {
                Line($"| the model this file replaced, on this model's held-out slice | {again.Ndcg10:0.0000} | {again.Ndcg5:0.0000} |");
            }
        }

        Line($"| rule: 3·mandatory + 0.8·optional coverage + 1.2·occupation match | {rule.Ndcg10:0.0000} | {rule.Ndcg5:0.0000} |");
        s.AppendLine();
        Line($"NDCG over {score.Queries} held-out vacancies, each with its hires and sampled candidates; a retrained model replaces the serving one only when its NDCG@10 on the same held-out slice is at least as high.");
        if (replaced is { } previous)
        {
            Line($"The replaced model's figures come from its metrics file: the same held-out slice when the demo seed, anchor date and window are the same ({previous.HoldoutQueries} vacancies then).");
        }
        return s.ToString();
    }

    /// <summary>"Fairness on the held-out vacancies": each group's share of top-10 places under this model and the
    /// model it is compared with (Matching/README.md, "Fairness of a model").</summary>
    public static void WriteFairness(StringBuilder s, ModelFairness f)
    {
        void Line(FormattableString text) => s.AppendLine(text.ToString(CultureInfo.InvariantCulture));
        var other = f.ServingVersion is { } v ? $"serving model {v.ToString(CultureInfo.InvariantCulture)}"
            : "replaced model";
        var compared = f.Groups.Any(g => g.Serving is not null);
        s.AppendLine("## Fairness on the held-out vacancies");
        Line($"Each of the {f.Vacancies} held-out vacancies' candidates ({f.Candidates} in all: its hires and the sampled others) ranked by this model{(compared ? $" and by the {other}" : "")}; the top {f.TopK} of a vacancy count as suggested. Per group (as the equal-opportunity report defines them, on the vacancy's opening day and relative to its office): candidates, the share ranked in a top {f.TopK} with its 95 % Wilson interval, the ratio to the best group's share and the four-fifths judgement (only groups of at least 30; counts of 1–4 suppressed). None of these attributes is a feature; method in `src/LinkMatch.Api/Matching/README.md`.");
        s.AppendLine();
        s.AppendLine(compared
            ? $"| dimension | group | candidates | this model: in top {f.TopK} (95 % interval) | ratio | judgement | {other}: in top {f.TopK} | ratio | judgement |"
            : $"| dimension | group | candidates | this model: in top {f.TopK} (95 % interval) | ratio | judgement |");
        s.AppendLine(compared ? "|---|---|---|---|---|---|---|---|---|" : "|---|---|---|---|---|---|");
        foreach (var g in f.Groups)
        {
            var people = g.Candidates?.ToString(CultureInfo.InvariantCulture) ?? "1–4";
            var row = $"| {g.Dimension} | {g.Group} | {people} | {Rate(g.Model, true)} | {Ratio(g.Model)} | {g.Model.Judgement} |";
            s.AppendLine(compared && g.Serving is { } sv ? $"{row} {Rate(sv, false)} | {Ratio(sv)} | {sv.Judgement} |" : row);
        }

        s.AppendLine();
    }

    private static string Rate(Reports.EqualOpportunity.RateJudgement j, bool interval) => j.Rate is not { } r
        ? "suppressed"
        : interval ? string.Create(CultureInfo.InvariantCulture, $"{j.Count} ({r:0.000}; {j.Low:0.000}–{j.High:0.000})")
        : string.Create(CultureInfo.InvariantCulture, $"{j.Count} ({r:0.000})");

    private static string Ratio(Reports.EqualOpportunity.RateJudgement j) =>
        j.RatioToBest is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "–";
}

/// <summary>What a model card says of the model file it replaces: read from that file's metrics, and
/// <paramref name="OnThisSlice"/> the file itself scored on the new model's held-out slice, when it could be read.</summary>
public sealed record ReplacedModel(string Description, DateTimeOffset TrainedAt, double Ndcg10, double Ndcg5, int HoldoutQueries,
    HoldoutScore? OnThisSlice = null);

using System.Diagnostics;

namespace LinkMatch.Ranking;

/// <summary>Where the seconds of a training run went, stage by stage (wall clock).</summary>
public sealed record TrainingTimings(
    double Binning, double Gradients, double Histograms, double SplitSearch, double Partition, double ScoreUpdates,
    double Total)
{
    public override string ToString() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"binning={Binning:F2}s gradients={Gradients:F2}s histograms={Histograms:F2}s split_search={SplitSearch:F2}s partition={Partition:F2}s score_updates={ScoreUpdates:F2}s total={Total:F2}s");
}

/// <summary>Accumulates stage times during training.</summary>
internal sealed class StageClock
{
    public long Binning;
    public long Gradients;
    public long Histograms;
    public long SplitSearch;
    public long Partition;
    public long ScoreUpdates;

    public static long Now => Stopwatch.GetTimestamp();

    public static void Add(ref long stage, long since) => stage += Stopwatch.GetTimestamp() - since;

    public TrainingTimings ToTimings(double total)
    {
        static double S(long ticks) => (double)ticks / Stopwatch.Frequency;
        return new TrainingTimings(S(Binning), S(Gradients), S(Histograms), S(SplitSearch), S(Partition), S(ScoreUpdates), total);
    }
}

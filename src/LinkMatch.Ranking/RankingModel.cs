namespace LinkMatch.Ranking;

/// <summary>A trained learning-to-rank model.</summary>
public sealed class RankingModel;

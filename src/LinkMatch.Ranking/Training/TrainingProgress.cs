namespace LinkMatch.Ranking;

/// <summary>Reported after each boosting round.</summary>
/// <remarks>ValidationNdcg: NDCG@k on the validation set after this round, when there is one.</remarks>
public readonly record struct TrainingProgress(int Round, int Leaves, double? ValidationNdcg, int BestRound);

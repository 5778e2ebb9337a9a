using LinkMatch.Ranking.Bench;

return args.Length > 0 && args[0] == "generate" ? SyntheticData.Run(args[1..])
    : args.Length > 0 && args[0] == "score" ? ScoringThroughput.Run(args[1..])
    : args.Length > 0 && args[0] == "mlnet-train" ? MlNetTraining.Run(args[1..])
    : Usage();

static int Usage()
{
    Console.Error.WriteLine("""
        usage:
          LinkMatch.Ranking.Bench generate --out PREFIX [--rows 1000000] [--features 50] [--queries 20000] [--seed 42]
              writes PREFIX.train(.query) and PREFIX.test(.query, a tenth of the rows) in libsvm form
          LinkMatch.Ranking.Bench mlnet-train --data TRAIN --out MODEL.zip [--test TEST --scores FILE] [--trees 100]
              [--leaves 31] [--learning-rate 0.1] [--bins 255] [--min-leaf 20] [--min-hessian 0.1] [--lambda 1]
              [--sigmoid 1] [--threads N] [--seed 0] [--warm]
              ML.NET LightGBM LambdaRank; prints train_seconds (Fit alone; with --warm also a second Fit's) and, with
              --test, NDCG; writes the scores
              and the model file as the service stores it (ML.NET's zip with LinkMatch's forest inside)
          LinkMatch.Ranking.Bench score --model MODEL.zip|MODEL.json --data FILE [--seconds 1] [--rounds 5]
              scoring throughput on one thread: with a model zip, our forest as the library loads it against
              ML.NET's Transform and PredictionEngine on the same file, taking turns; with a JSON model, ours alone
        """);
    return 2;
}

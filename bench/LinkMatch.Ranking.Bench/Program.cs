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
          LinkMatch.Ranking.Bench score --model MODEL.json --data FILE [--seconds 3]
              batch-scoring throughput on one thread, rows per second
        """);
    return 2;
}

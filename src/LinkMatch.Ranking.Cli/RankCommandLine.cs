namespace LinkMatch.Ranking.Cli;

/// <summary>Dispatches the sub-commands; exit codes: 0 done, 1 bad data or model file, 2 bad usage.</summary>
internal static class RankCommandLine
{
    public const string Usage = """
        usage:
          linkmatch-rank train   --data FILE [--valid FILE] --out MODEL.zip [options]
          linkmatch-rank predict --model MODEL.zip --data FILE      one score per input line, in order
          linkmatch-rank eval    --model MODEL.zip --data FILE      NDCG@1,3,5,10 and MAP
          linkmatch-rank explain --model MODEL.zip --data FILE --row N [--top K]
                                                                    SHAP contributions of row N (0-based)
        data: libsvm lines "label index:value ...", absent features 0, group sizes in FILE.query
        train (LightGBM LambdaRank through ML.NET; MODEL.zip is an ML.NET model) options, defaults in brackets:
          --trees N [100]           --leaves N [31]             --learning-rate X [0.1]
          --min-leaf N [20]         --min-hessian X [0.001]     --lambda X [1]
          --bins N [255]            --max-depth N [0 = none]    --min-gain X [0]
          --sigmoid X [1]           --subsample X [1]           --feature-fraction X [1]
          --early-stopping N [20]   (rounds without a better validation NDCG@5; 0 = never stop)
          --threads N [all cores]   --seed S [0]                --quiet
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            error.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        try
        {
            var options = CliOptions.Parse(args.AsSpan(1));
            return args[0] switch
            {
                "train" => TrainCommand.Run(options, output, error),
                "predict" => ScoringCommands.Predict(options, output),
                "eval" => ScoringCommands.Evaluate(options, output),
                "explain" => ScoringCommands.Explain(options, output),
                _ => throw new UsageException($"unknown command '{args[0]}'"),
            };
        }
        catch (UsageException e)
        {
            error.WriteLine($"linkmatch-rank: {e.Message}");
            error.WriteLine(Usage);
            return 2;
        }
        catch (Exception e) when (e is DataFormatException or ModelFormatException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"linkmatch-rank: {e.Message}");
            return 1;
        }
    }
}

/// <summary>A command line that does not fit the usage text.</summary>
internal sealed class UsageException(string message) : Exception(message);

using LinkMatch.Ranking.Cli;

return RankCommandLine.Run(args, Console.Out, Console.Error);

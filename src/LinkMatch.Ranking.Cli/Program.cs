Console.Error.WriteLine("usage: linkmatch-rank train|predict|eval|explain ...");
return 2;

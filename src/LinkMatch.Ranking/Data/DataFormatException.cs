namespace LinkMatch.Ranking;

/// <summary>An input file that cannot be read as ranking data; the message names the file and line.</summary>
public sealed class DataFormatException : FormatException
{
    public DataFormatException()
    {
    }

    public DataFormatException(string message)
        : base(message)
    {
    }

    public DataFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DataFormatException(string file, long line, string problem)
        : base(line > 0 ? $"{file}:{line}: {problem}" : $"{file}: {problem}")
    {
        File = file;
        Line = line;
    }

    public string? File { get; }

    /// <summary>1-based line number, or 0 when the problem is with the file as a whole.</summary>
    public long Line { get; }
}

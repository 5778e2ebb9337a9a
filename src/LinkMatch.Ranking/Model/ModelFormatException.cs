namespace LinkMatch.Ranking;

/// <summary>A model file that cannot be loaded: not a model zip, not a LinkMatch ranking model, an unknown version,
/// or inconsistent.</summary>
public sealed class ModelFormatException : Exception
{
    public ModelFormatException()
    {
    }

    public ModelFormatException(string message)
        : base(message)
    {
    }

    public ModelFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

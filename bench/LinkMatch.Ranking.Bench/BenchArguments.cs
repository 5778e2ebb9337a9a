using System.Globalization;

namespace LinkMatch.Ranking.Bench;

internal static class BenchArguments
{
    public static string Get(string[] args, string name, string? fallback = null)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1]
            : fallback ?? throw new ArgumentException($"{name} is required");
    }

    public static int Int(string[] args, string name, int fallback) =>
        int.Parse(Get(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    public static double Double(string[] args, string name, double fallback) =>
        double.Parse(Get(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
}

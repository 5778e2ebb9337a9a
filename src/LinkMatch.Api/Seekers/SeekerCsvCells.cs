using System.Globalization;

namespace LinkMatch.Api.Seekers;

/// <summary>Typed access to one CSV row's cells; a cell that does not parse adds a reject naming its column.</summary>
internal sealed class Cells(string[] record, Dictionary<string, int> index, int line, List<ImportReject> rejects)
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];
    private static readonly string[] Evidence = ["certified", "assessed", "trained", "experience", "self_declared"];

    public int Line => line;

    public void Reject(string column, string reason) => rejects.Add(new ImportReject(line, column, reason));

    public string? Text(string column) =>
        index.TryGetValue(column, out var i) && record[i].Trim() is { Length: > 0 } value ? value : null;

    public DateOnly? Date(string column)
    {
        if (Text(column) is not { } value)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Reject(column, "Not a date: use YYYY-MM-DD or DD/MM/YYYY.");
        return null;
    }

    public string? Sex(string column) => Text(column)?.ToLowerInvariant() switch
    {
        null => null,
        "male" or "l" or "laki-laki" => "male",
        "female" or "p" or "perempuan" => "female",
        _ => Invalid<string>(column, "Use male/female (or L/P)."),
    };

    public bool? Bool(string column) => Text(column)?.ToLowerInvariant() switch
    {
        null => null,
        "true" or "yes" or "ya" or "y" or "1" => true,
        "false" or "no" or "tidak" or "n" or "0" => false,
        _ => Invalid<bool?>(column, "Use true/false, yes/no, ya/tidak or 1/0."),
    };

    public long? Long(string column)
    {
        if (Text(column) is not { } value)
        {
            return null;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        Reject(column, "Not a whole number of rupiah (digits only).");
        return null;
    }

    public string[]? List(string column) =>
        Text(column)?.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary><c>code:level:evidence[:years]</c> entries separated by ';'.</summary>
    public IReadOnlyList<CsvCompetency> Competencies(string column)
    {
        var result = new List<CsvCompetency>();
        foreach (var entry in List(column) ?? [])
        {
            var parts = entry.Split(':', StringSplitOptions.TrimEntries);
            var evidence = parts.Length >= 3 ? parts[2].ToLowerInvariant().Replace('-', '_') : "";
            decimal years = 0;
            if (parts.Length is < 3 or > 4 || parts[0].Length is 0 or > 64
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var level)
                || level is < 1 or > 9 || !Evidence.Contains(evidence)
                || (parts.Length == 4 && (!decimal.TryParse(parts[3], NumberStyles.AllowDecimalPoint,
                    CultureInfo.InvariantCulture, out years) || years > 60)))
            {
                Reject(column, "Write each competency as code:level:evidence[:years], level 1–9, evidence one of " +
                    $"{string.Join(", ", Evidence)}, years 0–60, separated by ';'.");
                return [];
            }

            if (result.Any(c => c.Code == parts[0]))
            {
                Reject(column, $"Entry {result.Count + 1} repeats an earlier competency.");
                return [];
            }

            result.Add(new CsvCompetency(parts[0], level, evidence, Math.Round(years, 1)));
        }

        return result;
    }

    private T? Invalid<T>(string column, string reason)
    {
        Reject(column, reason);
        return default;
    }
}

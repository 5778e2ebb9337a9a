using System.Globalization;
using System.Text;

namespace LinkMatch.Api.Reports;

/// <summary>RFC 4180 CSV for report downloads: a header row of snake_case names, one row per record, CRLF line ends,
/// UTF-8. Numbers are written unformatted with invariant culture; empty cells are nulls. A text cell that a
/// spreadsheet would run as a formula (starting with = + - @, tab or carriage return) is prefixed with a single
/// quote, so an employer or course name cannot inject one.</summary>
public sealed class CsvTable
{
    private readonly StringBuilder text = new();
    private readonly int columns;

    public CsvTable(params string[] headers)
    {
        columns = headers.Length;
        AppendRow(headers.Select(h => (object?)h).ToArray());
    }

    public CsvTable Row(params object?[] cells)
    {
        if (cells.Length != columns)
        {
            throw new ArgumentException($"A row needs {columns} cells, not {cells.Length}.", nameof(cells));
        }

        AppendRow(cells);
        return this;
    }

    public override string ToString() => text.ToString();

    private void AppendRow(object?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            text.Append(Cell(cells[i]));
        }

        text.Append("\r\n");
    }

    public static string Cell(object? value) => value switch
    {
        null => "",
        string s => Quote(Defuse(s)),
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Quote(Defuse(value.ToString() ?? "")),
    };

    private static string Defuse(string s) =>
        s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + s : s;

    private static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}

/// <summary>Whether a request asks for CSV: <c>?format=csv</c>, or <c>Accept: text/csv</c> unless
/// <c>?format=json</c>.</summary>
internal static class CsvNegotiation
{
    public static bool Wanted(ReportFormatQuery format, HttpRequest request) => format.Format switch
    {
        "csv" => true,
        "json" => false,
        _ => request.GetTypedHeaders().Accept.Any(a =>
            a.MediaType.Equals(ReportServing.CsvMediaType, StringComparison.OrdinalIgnoreCase)),
    };
}

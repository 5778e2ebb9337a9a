using System.Text;

namespace LinkMatch.Api.Seekers;

/// <summary>One CSV record: the line it starts on, its fields, and whether its quoting was broken.</summary>
internal sealed record CsvRecord(int Line, string[] Fields, bool Malformed);

/// <summary>Reads RFC 4180 CSV (comma-separated, double quotes, "" for a quote inside quotes, CRLF or LF, line breaks
/// inside quotes) and keeps the line each record starts on. It never throws on bad input, so no record text can
/// reach an exception message or a log.</summary>
internal static class CsvRecords
{
    public static IEnumerable<CsvRecord> Read(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var start = 1;
        var quoted = false;
        var fieldStart = true;
        var malformed = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when fieldStart:
                    quoted = true;
                    fieldStart = false;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStart = true;
                    break;
                case '\r' or '\n':
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    fields.Add(field.ToString());
                    if (fields.Count > 1 || fields[0].Length > 0 || malformed)
                    {
                        yield return new CsvRecord(start, [.. fields], malformed);
                    }

                    fields.Clear();
                    field.Clear();
                    fieldStart = true;
                    malformed = false;
                    start = ++line;
                    break;
                default:
                    // A quote inside an unquoted field, or text after a closing quote.
                    malformed |= c == '"' || (!fieldStart && field.Length == 0 && i > 0 && text[i - 1] == '"');
                    field.Append(c);
                    fieldStart = false;
                    break;
            }
        }

        fields.Add(field.ToString());
        if (fields.Count > 1 || fields[0].Length > 0 || quoted || malformed)
        {
            yield return new CsvRecord(start, [.. fields], malformed || quoted);
        }
    }
}

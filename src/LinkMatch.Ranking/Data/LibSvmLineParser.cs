using System.Globalization;
using System.Text;

namespace LinkMatch.Ranking;

/// <summary>Parses libsvm lines into columns, allocating a column the first time its index appears.</summary>
internal sealed class LibSvmLineParser(string path, int capacity, int? featureLimit)
{
    private static readonly float[] PowersOfTen = [1f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f];

    private readonly float[] _labels = new float[capacity];
    private readonly List<float[]?> _columns = [];
    private readonly List<int> _lastRowOfColumn = [];
    private long[]? _queryIds;
    private long _lineNumber;
    private long _firstLineWithoutQid;
    private int _rows;

    internal sealed record Parsed(float[]?[] Columns, float[] Labels, long[]? QueryIds);

    public void ParseLine(ReadOnlySpan<byte> line)
    {
        _lineNumber++;
        var comment = line.IndexOf((byte)'#');
        if (comment >= 0)
        {
            line = line[..comment];
        }

        line = line.Trim(" \t\r"u8);
        if (line.IsEmpty)
        {
            return;
        }

        var row = _rows;
        var end = line.IndexOfAny((byte)' ', (byte)'\t');
        var labelToken = end < 0 ? line : line[..end];
        if (!TryParseFloat(labelToken, out var label) || !float.IsFinite(label) || label < 0 || label > RankingMetrics.MaxLabel)
        {
            Fail($"label '{Text(labelToken)}' is not a number in 0..{RankingMetrics.MaxLabel}");
        }

        _labels[row] = label;
        var hasQid = false;
        line = end < 0 ? [] : line[end..];
        while (!line.IsEmpty)
        {
            line = line.TrimStart(" \t"u8);
            if (line.IsEmpty)
            {
                break;
            }

            end = line.IndexOfAny((byte)' ', (byte)'\t');
            var token = end < 0 ? line : line[..end];
            line = end < 0 ? [] : line[end..];
            var colon = token.IndexOf((byte)':');
            if (colon <= 0 || colon == token.Length - 1)
            {
                Fail($"expected 'index:value' but found '{Text(token)}'");
            }

            var key = token[..colon];
            var valueText = token[(colon + 1)..];
            if (key.SequenceEqual("qid"u8))
            {
                SetQueryId(row, valueText);
                hasQid = true;
                continue;
            }

            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var feature))
            {
                Fail($"feature index '{Text(key)}' is not a whole number");
            }

            if (!TryParseFloat(valueText, out var value))
            {
                Fail($"value '{Text(valueText)}' of feature {feature} is not a number");
            }

            if (featureLimit is { } limit && feature >= limit)
            {
                continue;
            }

            StoreValue(row, feature, value);
        }

        if (!hasQid && _firstLineWithoutQid == 0)
        {
            _firstLineWithoutQid = _lineNumber;
        }

        _rows++;
    }

    public Parsed Finish()
    {
        var columns = _columns.ToArray();
        var labels = _labels;
        if (_rows != capacity)
        {
            labels = _labels[.._rows];
            for (var f = 0; f < columns.Length; f++)
            {
                if (columns[f] is { } column)
                {
                    columns[f] = column[.._rows];
                }
            }
        }

        // Lines without qid leave the grouping to the query file; the reader reports if that is absent too.
        var queryIds = _queryIds is not null && _firstLineWithoutQid == 0 ? _queryIds[.._rows] : null;
        return new Parsed(columns, labels, queryIds);
    }

    /// <summary>
    /// Parses a float; plain decimals of up to 7 digits take an exact fast path (an exact integer over an exact
    /// power of ten, divided once, is correctly rounded), anything else goes to the framework parser.
    /// </summary>
    internal static bool TryParseFloat(ReadOnlySpan<byte> text, out float value)
    {
        var i = 0;
        var negative = false;
        if (text.Length > 0 && (text[0] == '-' || text[0] == '+'))
        {
            negative = text[0] == '-';
            i++;
        }

        uint mantissa = 0;
        var digits = 0;
        var scale = 0;
        while (i < text.Length && (uint)(text[i] - '0') <= 9 && digits < 8)
        {
            mantissa = (mantissa * 10) + (uint)(text[i] - '0');
            digits++;
            i++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && (uint)(text[i] - '0') <= 9 && digits < 8)
            {
                mantissa = (mantissa * 10) + (uint)(text[i] - '0');
                digits++;
                scale++;
                i++;
            }
        }

        if (i == text.Length && digits > 0 && mantissa <= (1u << 24) && scale < PowersOfTen.Length)
        {
            value = mantissa / PowersOfTen[scale];
            value = negative ? -value : value;
            return true;
        }

        return float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private void StoreValue(int row, int feature, float value)
    {
        while (_columns.Count <= feature)
        {
            _columns.Add(null);
            _lastRowOfColumn.Add(-1);
        }

        var column = _columns[feature] ??= new float[capacity];
        if (_lastRowOfColumn[feature] == row)
        {
            Fail($"feature {feature} appears twice");
        }

        _lastRowOfColumn[feature] = row;
        column[row] = value;
    }

    private void SetQueryId(int row, ReadOnlySpan<byte> text)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var qid))
        {
            Fail($"qid '{Text(text)}' is not a whole number");
        }

        _queryIds ??= new long[capacity];
        _queryIds[row] = qid;
    }

    private static string Text(ReadOnlySpan<byte> bytes) =>
        Encoding.UTF8.GetString(bytes.Length > 40 ? bytes[..40] : bytes);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Fail(string problem) => throw new DataFormatException(path, _lineNumber, problem);
}

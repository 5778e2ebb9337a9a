using System.Buffers;
using System.Globalization;

namespace LinkMatch.Ranking;

/// <summary>
/// Reads libsvm ranking data: one row a line, <c>label index:value ...</c>, absent features 0, "nan" a missing value.
/// Query sizes come from <c>FILE.query</c> (or <c>FILE.group</c>), one a line; without either, from <c>qid:</c> tokens.
/// Feature index k is column k, named "f{k}".
/// </summary>
public static class LibSvmReader
{
    private const int ChunkSize = 1 << 20;

    /// <remarks>path: The data file.</remarks>
    /// <remarks>featureCount: Width to read into (e.g. a model's); indices beyond it are ignored. Null: the widest index seen + 1.</remarks>
    /// <remarks>requireQueries: when false, data without query sizes is read as one query (enough for scoring).</remarks>
    public static RankingDataset Load(string path, int? featureCount = null, bool requireQueries = true)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new DataFormatException(path, 0, "file not found");
        }

        var rows = CountLines(path);
        var parser = new LibSvmLineParser(path, rows, featureCount);
        ReadLines(path, parser);
        var data = parser.Finish();
        var querySizes = ReadQuerySizes(path, data.Labels.Length, data.QueryIds, requireQueries);
        var width = featureCount ?? data.Columns.Length;
        var columns = new float[width][];
        for (var f = 0; f < width; f++)
        {
            columns[f] = f < data.Columns.Length && data.Columns[f] is { } column ? column : new float[data.Labels.Length];
        }

        var names = new string[width];
        for (var f = 0; f < width; f++)
        {
            names[f] = string.Create(CultureInfo.InvariantCulture, $"f{f}");
        }

        return RankingDataset.FromColumns(columns, data.Labels, querySizes, names);
    }

    private static int CountLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long lines = 0;
            var last = (byte)'\n';
            int read;
            while ((read = stream.Read(buffer, 0, ChunkSize)) > 0)
            {
                lines += buffer.AsSpan(0, read).Count((byte)'\n');
                last = buffer[read - 1];
            }

            if (last != '\n')
            {
                lines++;
            }

            return lines <= int.MaxValue ? (int)lines : throw new DataFormatException(path, 0, "more than 2^31 lines");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void ReadLines(string path, LibSvmLineParser parser)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize * 2);
        try
        {
            var kept = 0;
            int read;
            while ((read = stream.Read(buffer, kept, buffer.Length - kept)) > 0)
            {
                var filled = kept + read;
                var span = buffer.AsSpan(0, filled);
                var start = 0;
                int newline;
                while ((newline = span[start..].IndexOf((byte)'\n')) >= 0)
                {
                    parser.ParseLine(span.Slice(start, newline));
                    start += newline + 1;
                }

                kept = filled - start;
                if (kept == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, kept).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                else
                {
                    buffer.AsSpan(start, kept).CopyTo(buffer);
                }
            }

            if (kept > 0)
            {
                parser.ParseLine(buffer.AsSpan(0, kept));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int[] ReadQuerySizes(string path, int rows, long[]? queryIds, bool required)
    {
        var queryPath = path + ".query";
        if (!File.Exists(queryPath) && File.Exists(path + ".group"))
        {
            queryPath = path + ".group";
        }

        if (!File.Exists(queryPath))
        {
            if (queryIds is not null)
            {
                return SizesFromQueryIds(queryIds);
            }

            return required || rows == 0
                ? throw new DataFormatException(path, 0, $"no query sizes: expected {path}.query or qid: tokens")
                : [rows];
        }

        var sizes = new List<int>();
        long sum = 0;
        var lineNumber = 0;
        foreach (var line in File.ReadLines(queryPath))
        {
            lineNumber++;
            var text = line.AsSpan().Trim();
            if (text.IsEmpty)
            {
                continue;
            }

            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size <= 0)
            {
                throw new DataFormatException(queryPath, lineNumber, $"query size '{text}' is not a positive whole number");
            }

            sizes.Add(size);
            sum += size;
        }

        return sum == rows
            ? [.. sizes]
            : throw new DataFormatException(queryPath, 0, $"query sizes sum to {sum} but {path} has {rows} rows");
    }

    private static int[] SizesFromQueryIds(long[] queryIds)
    {
        var sizes = new List<int>();
        for (var i = 0; i < queryIds.Length; i++)
        {
            if (i == 0 || queryIds[i] != queryIds[i - 1])
            {
                sizes.Add(0);
            }

            sizes[^1]++;
        }

        return [.. sizes];
    }
}

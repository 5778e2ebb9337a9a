using System.Runtime.Intrinsics.X86;

namespace LinkMatch.Ranking;

/// <summary>
/// The rows of each leaf, as consecutive ranges of one index array. Splitting a leaf reorders its range stably
/// (left rows first, each side in its old order), so rows stay ascending and the result is the same whatever the
/// thread count: large ranges are cut into fixed blocks whose places are found by a prefix sum.
/// </summary>
internal sealed class RowPartition
{
    private const int BlockSize = 1 << 14;
    private const int PrefetchDistance = 32;

    private readonly int[] _scratch;
    private readonly int[] _blockLefts;
    private readonly ParallelOptions _parallel;

    public RowPartition(int rows, ParallelOptions parallel)
    {
        Rows = new int[rows];
        _scratch = new int[rows];
        _blockLefts = new int[(rows / BlockSize) + 2];
        _parallel = parallel;
    }

    public int[] Rows { get; }

    /// <summary>Rows in use this round, in ascending order at the front of <see cref="Rows"/>.</summary>
    public int Count { get; private set; }

    /// <summary>True when the rows in use are all rows, in order: position i holds row i.</summary>
    public bool IsIdentity { get; private set; }

    public void UseAllRows()
    {
        for (var i = 0; i < Rows.Length; i++)
        {
            Rows[i] = i;
        }

        Count = Rows.Length;
        IsIdentity = true;
    }

    public void UseRows(ReadOnlySpan<int> rows)
    {
        rows.CopyTo(Rows);
        Count = rows.Length;
        IsIdentity = rows.Length == Rows.Length;
    }

    /// <summary>
    /// Moves the rows of [begin, begin + count) that go left to the front and returns how many did; a row goes
    /// left when goesLeft[its bin] is set, its bin being bins[row * width + position].
    /// </summary>
    public int Split(int begin, int count, byte[] bins, int width, int position, bool[] goesLeft)
    {
        IsIdentity = false;
        if (count < 2 * BlockSize)
        {
            var left = Scatter(bins, width, position, goesLeft, begin, begin + count, Rows, begin, _scratch, 0);
            Array.Copy(_scratch, 0, Rows, begin + left, count - left);
            return left;
        }

        var blocks = (count + BlockSize - 1) / BlockSize;
        Parallel.For(0, blocks, _parallel, block =>
        {
            var start = begin + (block * BlockSize);
            _blockLefts[block] = CountLeft(bins, width, position, goesLeft, start, Math.Min(begin + count, start + BlockSize));
        });

        var totalLeft = 0;
        for (var block = 0; block < blocks; block++)
        {
            totalLeft += _blockLefts[block];
        }

        Parallel.For(0, blocks, _parallel, block =>
        {
            var leftBefore = 0;
            for (var b = 0; b < block; b++)
            {
                leftBefore += _blockLefts[b];
            }

            var start = begin + (block * BlockSize);
            var end = Math.Min(begin + count, start + BlockSize);
            Scatter(bins, width, position, goesLeft, start, end, _scratch, begin + leftBefore, _scratch,
                begin + totalLeft + (block * BlockSize) - leftBefore);
        });
        Array.Copy(_scratch, begin, Rows, begin, count);
        return totalLeft;
    }

    private unsafe int CountLeft(byte[] bins, int width, int position, bool[] goesLeft, int start, int end)
    {
        var lefts = 0;
        fixed (int* rows = Rows)
        fixed (byte* data = bins)
        fixed (bool* left = goesLeft)
        {
            for (var i = start; i < end; i++)
            {
                Prefetch(data, rows, i + PrefetchDistance, end, width);
                lefts += left[data[((long)rows[i] * width) + position]] ? 1 : 0;
            }
        }

        return lefts;
    }

    /// <summary>Writes rows going left to leftTarget from leftAt on and the others to rightTarget from rightAt on.</summary>
    private unsafe int Scatter(
        byte[] bins, int width, int position, bool[] goesLeft, int start, int end, int[] leftTarget, int leftAt,
        int[] rightTarget, int rightAt)
    {
        var lefts = 0;
        fixed (int* rows = Rows, leftRows = leftTarget, rightRows = rightTarget)
        fixed (byte* data = bins)
        fixed (bool* left = goesLeft)
        {
            for (var i = start; i < end; i++)
            {
                Prefetch(data, rows, i + PrefetchDistance, end, width);
                var row = rows[i];
                if (left[data[((long)row * width) + position]])
                {
                    leftRows[leftAt + lefts++] = row;
                }
                else
                {
                    rightRows[rightAt++] = row;
                }
            }
        }

        return lefts;
    }

    private static unsafe void Prefetch(byte* data, int* rows, int ahead, int end, int width)
    {
        if (Sse.IsSupported && ahead < end)
        {
            Sse.Prefetch0(data + ((long)rows[ahead] * width));
        }
    }
}

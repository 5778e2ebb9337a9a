using System.Runtime.Intrinsics.X86;

namespace LinkMatch.Ranking;

/// <summary>
/// The rows of each leaf, as consecutive ranges of one index array. Splitting a leaf reorders its range stably
/// (left rows first, each side in its old order), so rows stay ascending and the result is the same whatever the
/// thread count: large ranges are cut into fixed blocks whose places are found by a prefix sum.
/// Rows are read in ascending order from one byte column, and sorted without branches.
/// </summary>
internal sealed class RowPartition
{
    private const int BlockSize = 1 << 14;
    private const int PrefetchDistance = 32;

    private readonly int[] _scratch;
    private readonly int[] _scratchRight;
    private readonly int[] _blockLefts;
    private readonly ParallelOptions _parallel;

    public RowPartition(int rows, ParallelOptions parallel)
    {
        Rows = new int[rows];
        _scratch = new int[rows];
        _scratchRight = new int[rows];
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
    /// left when goesLeft[column[row]] is set.
    /// </summary>
    public int Split(int begin, int count, byte[] column, bool[] goesLeft)
    {
        IsIdentity = false;
        if (count < 2 * BlockSize)
        {
            // In place: a row is only ever written at or before the position being read.
            var left = Scatter(column, goesLeft, begin, begin + count, Rows, begin, _scratch, 0);
            Array.Copy(_scratch, 0, Rows, begin + left, count - left);
            return left;
        }

        // Each block sorts its rows into its own range of two scratch arrays, then copies them to their places.
        var blocks = (count + BlockSize - 1) / BlockSize;
        Parallel.For(0, blocks, _parallel, block =>
        {
            var start = begin + (block * BlockSize);
            _blockLefts[block] = Scatter(column, goesLeft, start, Math.Min(begin + count, start + BlockSize), _scratch, start, _scratchRight, start);
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
            var size = Math.Min(begin + count, start + BlockSize) - start;
            var lefts = _blockLefts[block];
            Array.Copy(_scratch, start, Rows, begin + leftBefore, lefts);
            Array.Copy(_scratchRight, start, Rows, begin + totalLeft + (block * BlockSize) - leftBefore, size - lefts);
        });
        return totalLeft;
    }

    /// <remarks>Without branches: each row is written to both sides and only the side it belongs to moves on.</remarks>
    private unsafe int Scatter(
        byte[] column, bool[] goesLeft, int start, int end, int[] leftTarget, int leftAt, int[] rightTarget, int rightAt)
    {
        int lefts = 0, rights = 0;
        fixed (int* rows = Rows, leftRows = leftTarget, rightRows = rightTarget)
        fixed (byte* data = column)
        fixed (bool* left = goesLeft)
        {
            var l = leftRows + leftAt;
            var r = rightRows + rightAt;
            for (var i = start; i < end; i++)
            {
                Prefetch(data, rows, i + PrefetchDistance, end);
                var row = rows[i];
                int isLeft = *(byte*)(left + data[row]);
                l[lefts] = row;
                r[rights] = row;
                lefts += isLeft;
                rights += 1 - isLeft;
            }
        }

        return lefts;
    }

    private static unsafe void Prefetch(byte* data, int* rows, int ahead, int end)
    {
        if (Sse.IsSupported && ahead < end)
        {
            Sse.Prefetch0(data + rows[ahead]);
        }
    }
}

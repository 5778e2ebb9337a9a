namespace LinkMatch.Ranking;

/// <summary>
/// The rows of each leaf, as consecutive ranges of one index array. Splitting a leaf reorders its range stably
/// (left rows first, each side in its old order), so rows stay ascending and the result is the same whatever the
/// thread count: large ranges are cut into fixed blocks whose places are found by a prefix sum.
/// </summary>
internal sealed class RowPartition
{
    private const int BlockSize = 1 << 14;

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

    /// <summary>Moves the rows of [begin, begin + count) whose bin goes left to the front; returns how many did.</summary>
    public int Split(int begin, int count, byte[] bins, int width, int position, bool[] goesLeft)
    {
        IsIdentity = false;
        if (count < 2 * BlockSize)
        {
            return SplitBlock(begin, count, bins, width, position, goesLeft);
        }

        var blocks = (count + BlockSize - 1) / BlockSize;
        Parallel.For(0, blocks, _parallel, block =>
        {
            var start = begin + (block * BlockSize);
            var end = Math.Min(begin + count, start + BlockSize);
            var lefts = 0;
            for (var i = start; i < end; i++)
            {
                lefts += goesLeft[bins[(Rows[i] * width) + position]] ? 1 : 0;
            }

            _blockLefts[block] = lefts;
        });

        var totalLeft = 0;
        for (var block = 0; block < blocks; block++)
        {
            totalLeft += _blockLefts[block];
        }

        Parallel.For(0, blocks, _parallel, block =>
        {
            int leftBefore = 0, start = begin + (block * BlockSize);
            for (var b = 0; b < block; b++)
            {
                leftBefore += _blockLefts[b];
            }

            var left = begin + leftBefore;
            var right = begin + totalLeft + ((block * BlockSize) - leftBefore);
            var end = Math.Min(begin + count, start + BlockSize);
            for (var i = start; i < end; i++)
            {
                var row = Rows[i];
                if (goesLeft[bins[(row * width) + position]])
                {
                    _scratch[left++] = row;
                }
                else
                {
                    _scratch[right++] = row;
                }
            }
        });
        Array.Copy(_scratch, begin, Rows, begin, count);
        return totalLeft;
    }

    private int SplitBlock(int begin, int count, byte[] bins, int width, int position, bool[] goesLeft)
    {
        int left = begin, right = 0;
        for (var i = begin; i < begin + count; i++)
        {
            var row = Rows[i];
            if (goesLeft[bins[(row * width) + position]])
            {
                Rows[left++] = row;
            }
            else
            {
                _scratch[right++] = row;
            }
        }

        Array.Copy(_scratch, 0, Rows, left, right);
        return left - begin;
    }
}

namespace LinkMatch.Ranking;

/// <summary>
/// Orders the rows of one query by score, best first. Ties go pessimistically (the lower label first, then the
/// earlier row), which makes the order total: the result never depends on the sorting algorithm or thread.
/// </summary>
internal static class RankOrder
{
    public static void Sort(ReadOnlySpan<double> scores, ReadOnlySpan<float> labels, Span<int> order)
    {
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        if (order.Length <= 24)
        {
            InsertionSort(scores, labels, order);
        }
        else
        {
            HeapSort(scores, labels, order);
        }
    }

    /// <summary>
    /// Re-sorts an order that is already a permutation of the rows, e.g. last round's: scores move little between
    /// boosting rounds, so insertion sort has little to do. The order is total, so the result is the same as
    /// <see cref="Sort"/>'s.
    /// </summary>
    public static void Resort(ReadOnlySpan<double> scores, ReadOnlySpan<float> labels, Span<int> order)
    {
        if (order.Length <= 256)
        {
            InsertionSort(scores, labels, order);
        }
        else
        {
            HeapSort(scores, labels, order);
        }
    }

    /// <summary>True when row a ranks above row b.</summary>
    private static bool Before(ReadOnlySpan<double> scores, ReadOnlySpan<float> labels, int a, int b)
    {
        if (scores[a] != scores[b])
        {
            return scores[a] > scores[b];
        }

        return labels[a] != labels[b] ? labels[a] < labels[b] : a < b;
    }

    private static void InsertionSort(ReadOnlySpan<double> scores, ReadOnlySpan<float> labels, Span<int> order)
    {
        for (var i = 1; i < order.Length; i++)
        {
            var item = order[i];
            var j = i - 1;
            while (j >= 0 && Before(scores, labels, item, order[j]))
            {
                order[j + 1] = order[j];
                j--;
            }

            order[j + 1] = item;
        }
    }

    private static void HeapSort(ReadOnlySpan<double> scores, ReadOnlySpan<float> labels, Span<int> order)
    {
        // A heap whose root ranks last; popping it to the end leaves the best first.
        for (var i = (order.Length / 2) - 1; i >= 0; i--)
        {
            SiftDown(scores, labels, order, i, order.Length);
        }

        for (var end = order.Length - 1; end > 0; end--)
        {
            (order[0], order[end]) = (order[end], order[0]);
            SiftDown(scores, labels, order, 0, end);
        }
    }

    private static void SiftDown(ReadOnlySpan<double> scores, ReadOnlySpan<float> labels, Span<int> heap, int root, int count)
    {
        while (true)
        {
            var child = (2 * root) + 1;
            if (child >= count)
            {
                return;
            }

            if (child + 1 < count && Before(scores, labels, heap[child], heap[child + 1]))
            {
                child++;
            }

            if (!Before(scores, labels, heap[root], heap[child]))
            {
                return;
            }

            (heap[root], heap[child]) = (heap[child], heap[root]);
            root = child;
        }
    }
}

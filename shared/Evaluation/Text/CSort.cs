namespace Pipeline.Evaluation.Text;

/// <summary>
/// glibc's <c>qsort</c> for the small arrays trec_eval sorts with comparators that are not total orders (gains are
/// compared by <c>(int)(a - b)</c>): a top-down stable merge sort that splits at <c>n / 2</c> and takes from the left
/// run while <c>cmp &lt;= 0</c>. With the same comparator it yields the same order as trec_eval on glibc.
/// </summary>
internal static class CSort
{
    /// <summary>Sorts <paramref name="items"/> in place.</summary>
    public static void MergeSort<T>(Span<T> items, Comparison<T> comparison)
    {
        if (items.Length <= 1)
        {
            return;
        }
        var scratch = new T[items.Length];
        Sort(items, scratch, comparison);
    }

    private static void Sort<T>(Span<T> items, T[] scratch, Comparison<T> comparison)
    {
        var n = items.Length;
        if (n <= 1)
        {
            return;
        }
        var n1 = n / 2;
        var left = items[..n1];
        var right = items[n1..];
        Sort(left, scratch, comparison);
        Sort(right, scratch, comparison);

        int i = 0, j = 0, k = 0;
        while (i < left.Length && j < right.Length)
        {
            scratch[k++] = comparison(left[i], right[j]) <= 0 ? left[i++] : right[j++];
        }
        while (i < left.Length)
        {
            scratch[k++] = left[i++];
        }
        // The rest of the right run is already in place.
        scratch.AsSpan(0, k).CopyTo(items);
    }
}

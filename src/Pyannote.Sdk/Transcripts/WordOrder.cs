namespace Pyannote.Sdk.Transcripts;

/// <summary>
/// The one order of words in the transcript model: by start, then end, stable (vendor order is kept for equal times).
/// Shared by <see cref="Transcript"/>, the readers and <see cref="TranscriptMerger"/>, so none of them depends on another.
/// </summary>
internal static class WordOrder
{
    /// <summary>Rejects null entries and sorts the words stably by (start, end) unless already sorted (checked in one
    /// pass). With <paramref name="copy"/> false, an already sorted array comes back as is (callers then only read it).</summary>
    public static TranscriptWord[] Sort(IEnumerable<TranscriptWord> words, string paramName, bool copy = true)
    {
        var list = ToArray(words, copy);
        var sorted = true;
        for (var i = 0; i < list.Length; i++)
        {
            var w = list[i] ?? throw NullEntry(paramName, i);
            if (sorted && i > 0 && !InOrder(list[i - 1], w))
            {
                sorted = false;
            }
        }

        return sorted ? list : SortedCopy(list);
    }

    /// <summary>The words as an array: <paramref name="words"/> itself when it is one and <paramref name="copy"/> is false.</summary>
    public static TranscriptWord[] ToArray(IEnumerable<TranscriptWord> words, bool copy) =>
        !copy && words is TranscriptWord[] array ? array : words.ToArray();

    /// <summary>Whether <paramref name="first"/> may come before <paramref name="second"/>: it starts earlier, or at the
    /// same time and ends no later.</summary>
    public static bool InOrder(TranscriptWord first, TranscriptWord second)
    {
        var a = first.Start.Ticks;
        var b = second.Start.Ticks;
        return a < b || (a == b && first.End.Ticks <= second.End.Ticks);
    }

    /// <summary>The error for a null entry of a word list.</summary>
    public static ArgumentException NullEntry(string paramName, int index) =>
        new($"{paramName}[{index}] is null; every word must be non-null.", paramName);

    /// <summary>A new array of the (non-null) words sorted stably by (start, end).</summary>
    public static TranscriptWord[] SortedCopy(TranscriptWord[] list)
    {
        // Stable: sort keys by (start, end, original index).
        var keys = new (long Start, long End, int Index)[list.Length];
        for (var i = 0; i < list.Length; i++)
        {
            keys[i] = (list[i].Start.Ticks, list[i].End.Ticks, i);
        }

        Array.Sort(keys);
        var ordered = new TranscriptWord[list.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            ordered[i] = list[keys[i].Index];
        }

        return ordered;
    }
}

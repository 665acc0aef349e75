using System.Text;

namespace Pyannote.Sdk.Transcripts;

/// <summary>Builds speaker turns from time-ordered words: a new turn at each speaker change or at a pause longer than the threshold.</summary>
internal static class TurnBuilder
{
    public static SpeakerTurn[] Build(IReadOnlyList<TranscriptWord> sortedWords, TimeSpan maxPause)
    {
        var turns = new List<SpeakerTurn>();
        var start = 0;
        var end = TimeSpan.Zero;
        for (var i = 0; i < sortedWords.Count; i++)
        {
            var w = sortedWords[i];
            if (i > start
                && (!string.Equals(w.Speaker, sortedWords[i - 1].Speaker, StringComparison.Ordinal) || w.Start - end > maxPause))
            {
                turns.Add(Make(sortedWords, start, i, end));
                start = i;
            }

            if (i == start || w.End > end)
            {
                end = w.End;
            }
        }

        if (start < sortedWords.Count)
        {
            turns.Add(Make(sortedWords, start, sortedWords.Count, end));
        }

        return turns.ToArray();
    }

    private static SpeakerTurn Make(IReadOnlyList<TranscriptWord> words, int from, int to, TimeSpan end)
    {
        // The turn views the transcript's word array (never exposed for writing) instead of copying its words.
        var slice = new WordSlice(words, from, to - from);
        return new SpeakerTurn(words[from].Speaker, words[from].Start, end, slice);
    }
}

/// <summary>A read-only view of a run of a word array.</summary>
internal sealed class WordSlice : IReadOnlyList<TranscriptWord>
{
    private readonly IReadOnlyList<TranscriptWord> _words;
    private readonly int _offset;

    public WordSlice(IReadOnlyList<TranscriptWord> words, int offset, int count)
    {
        _words = words;
        _offset = offset;
        Count = count;
    }

    public int Count { get; }

    public TranscriptWord this[int index] => (uint)index < (uint)Count ? _words[_offset + index] : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<TranscriptWord> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return _words[_offset + i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Joins word or turn texts into readable text: single spaces, no space before closing punctuation.</summary>
internal static class TextJoiner
{
    public static string Join(IEnumerable<string> parts)
    {
        var sb = new StringBuilder();
        foreach (var p in parts)
        {
            Append(sb, p);
        }

        return sb.ToString();
    }

    public static string JoinWords(IReadOnlyList<TranscriptWord> words)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            Append(sb, words[i].Text);
        }

        return sb.ToString();
    }

    public static string JoinTurns(IReadOnlyList<SpeakerTurn> turns)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < turns.Count; i++)
        {
            Append(sb, turns[i].Text);
        }

        return sb.ToString();
    }

    public static void Append(StringBuilder sb, string raw)
    {
        var p = raw.AsSpan().Trim();
        if (p.Length == 0)
        {
            return;
        }

        if (sb.Length > 0 && !IsClosingPunctuation(p[0]))
        {
            sb.Append(' ');
        }

        sb.Append(p);
    }

    private static bool IsClosingPunctuation(char c) => c is '.' or ',' or '!' or '?' or ';' or ':' or ')' or ']' or '}' or '%' or '…';
}

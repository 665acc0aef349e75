using System.Text;

namespace Pyannote.Sdk.Transcripts;

/// <summary>Builds speaker turns from time-ordered words: a new turn at each speaker change or at a pause longer than the threshold.</summary>
internal static class TurnBuilder
{
    public static SpeakerTurn[] Build(TranscriptWord[] sortedWords, TimeSpan maxPause)
    {
        var turns = new List<SpeakerTurn>();
        var sb = new StringBuilder();
        var start = 0;
        var end = TimeSpan.Zero;
        for (var i = 0; i < sortedWords.Length; i++)
        {
            var w = sortedWords[i];
            if (i > start
                && (!string.Equals(w.Speaker, sortedWords[i - 1].Speaker, StringComparison.Ordinal) || w.Start - end > maxPause))
            {
                turns.Add(Make(sortedWords, start, i, end, sb));
                start = i;
            }

            if (i == start || w.End > end)
            {
                end = w.End;
            }
        }

        if (start < sortedWords.Length)
        {
            turns.Add(Make(sortedWords, start, sortedWords.Length, end, sb));
        }

        return turns.ToArray();
    }

    private static SpeakerTurn Make(TranscriptWord[] words, int from, int to, TimeSpan end, StringBuilder sb)
    {
        var slice = new TranscriptWord[to - from];
        Array.Copy(words, from, slice, 0, slice.Length);
        sb.Clear();
        foreach (var w in slice)
        {
            TextJoiner.Append(sb, w.Text);
        }

        return new SpeakerTurn(slice[0].Speaker, slice[0].Start, end, sb.ToString(), slice);
    }
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

    public static string JoinWords(TranscriptWord[] words)
    {
        var sb = new StringBuilder();
        foreach (var w in words)
        {
            Append(sb, w.Text);
        }

        return sb.ToString();
    }

    public static string JoinTurns(SpeakerTurn[] turns)
    {
        var sb = new StringBuilder();
        foreach (var t in turns)
        {
            Append(sb, t.Text);
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

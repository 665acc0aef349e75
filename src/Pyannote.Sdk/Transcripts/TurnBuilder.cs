namespace Pyannote.Sdk.Transcripts;

/// <summary>Builds speaker turns from time-ordered words: a new turn at each speaker change or at a pause longer than the threshold.</summary>
internal static class TurnBuilder
{
    public static SpeakerTurn[] Build(IReadOnlyList<TranscriptWord> sortedWords, TimeSpan maxPause)
    {
        var turns = new List<SpeakerTurn>();
        var start = 0;
        for (var i = 1; i <= sortedWords.Count; i++)
        {
            var split = i == sortedWords.Count
                || !string.Equals(sortedWords[i].Speaker, sortedWords[i - 1].Speaker, StringComparison.Ordinal)
                || sortedWords[i].Start - sortedWords[i - 1].End > maxPause;
            if (!split)
            {
                continue;
            }

            var words = new TranscriptWord[i - start];
            var end = TimeSpan.Zero;
            for (var k = start; k < i; k++)
            {
                words[k - start] = sortedWords[k];
                if (sortedWords[k].End > end)
                {
                    end = sortedWords[k].End;
                }
            }

            turns.Add(new SpeakerTurn(words[0].Speaker, words[0].Start, end, TextJoiner.Join(words.Select(w => w.Text)), words));
            start = i;
        }

        return turns.ToArray();
    }
}

/// <summary>Joins word or turn texts into readable text: single spaces, no space before punctuation.</summary>
internal static class TextJoiner
{
    public static string Join(IEnumerable<string> parts)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var raw in parts)
        {
            var p = raw.Trim();
            if (p.Length == 0)
            {
                continue;
            }

            if (sb.Length > 0 && !IsClosingPunctuation(p[0]))
            {
                sb.Append(' ');
            }

            sb.Append(p);
        }

        return sb.ToString();
    }

    private static bool IsClosingPunctuation(char c) => c is '.' or ',' or '!' or '?' or ';' or ':' or ')' or ']' or '}' or '%' or '…';
}

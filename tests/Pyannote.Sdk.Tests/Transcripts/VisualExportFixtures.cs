using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.Tests.Transcripts;

/// <summary>Transcripts and diarizations shared by the SVG timeline and HTML viewer tests.</summary>
internal static class VisualExportFixtures
{
    public static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    public static SpeakerTurn Turn(string? speaker, double start, double end, string text) => new(speaker, S(start), S(end), text);

    /// <summary>Two speakers, three turns; SPEAKER_01 starts talking over SPEAKER_00 from 4 s to 5 s.</summary>
    public static Transcript Overlapping() => new(
        Array.Empty<TranscriptWord>(),
        [
            Turn("SPEAKER_00", 0.5, 5.0, "Good morning, everyone."),
            Turn("SPEAKER_01", 4.0, 9.0, "Morning! Shall we start?"),
            Turn("SPEAKER_00", 10.0, 14.0, "Yes, first item."),
        ])
    { Duration = S(30) };

    /// <summary>A meeting of <paramref name="duration"/> with <paramref name="segments"/> turns spread over
    /// <paramref name="speakers"/> speakers (every tenth turn overlaps the previous one), each of 20 words.</summary>
    public static Transcript Meeting(TimeSpan duration, int segments, int speakers, bool withWords = true)
    {
        var random = new Random(19);
        var slot = duration.TotalSeconds / segments;
        var turns = new List<SpeakerTurn>(segments);
        var words = new List<TranscriptWord>();
        for (var i = 0; i < segments; i++)
        {
            var speaker = $"SPEAKER_{random.Next(speakers):00}";
            var start = (i * slot) - (i % 10 == 9 ? slot * 0.3 : 0);
            var end = (i * slot) + (slot * (0.6 + (0.35 * random.NextDouble())));
            var turnWords = new List<TranscriptWord>(20);
            for (var k = 0; k < 20; k++)
            {
                var ws = start + ((end - start) * k / 20);
                turnWords.Add(new TranscriptWord(Vocabulary[random.Next(Vocabulary.Length)], S(ws), S(ws + ((end - start) / 25)), speaker));
            }

            if (withWords)
            {
                words.AddRange(turnWords);
            }

            turns.Add(new SpeakerTurn(speaker, S(start), S(end), string.Join(' ', turnWords.Select(w => w.Text))));
        }

        return new Transcript(words, turns) { Duration = duration };
    }

    private static readonly string[] Vocabulary =
        ["the", "budget", "we", "should", "review", "quarter", "numbers", "before", "Friday", "and", "I", "think", "that", "team", "agreed", "on", "plan", "okay", "right", "next"];
}

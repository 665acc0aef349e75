using System.Globalization;
using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.Benchmarks.Accuracy;

/// <summary>A reference segment or a hypothesis segment, in seconds.</summary>
internal readonly record struct Seg(string Speaker, double Start, double End)
{
    public double Duration => End - Start;
}

/// <summary>A word with its time span in seconds and the speaker who really said it.</summary>
internal readonly record struct RefWord(string Text, double Start, double End, string Truth);

/// <summary>One corpus: the reference diarization and the words placed inside the reference utterances or turns.</summary>
internal sealed record AccuracyCorpus(string Name, IReadOnlyList<Seg> Reference, IReadOnlyList<RefWord> Words)
{
    private static string DataDirectory => Path.Combine(AppContext.BaseDirectory, "TestData", "corpora");

    private static IReadOnlyList<Seg> Rttm(string file) =>
        DiarizationFormats.ParseRttm(File.ReadAllText(Path.Combine(DataDirectory, file)))
            .Select(s => new Seg(s.Speaker, s.Start.TotalSeconds, s.End.TotalSeconds))
            .ToList();

    /// <summary>pyannote-audio's 30 s sample: its RTTM, and the words of its STM (real text and punctuation) laid out
    /// over each utterance in proportion to their length, each word taking 85% of its slot.</summary>
    public static AccuracyCorpus PyannoteSample()
    {
        // The STM names the speakers; the RTTM of the same audio labels them (see pyannote-sample.rttm.source.txt).
        var names = new Dictionary<string, string> { ["Diane"] = "speaker90", ["Sheila"] = "speaker91" };
        var words = new List<RefWord>();
        foreach (var line in File.ReadAllLines(Path.Combine(DataDirectory, "pyannote-sample.stm")))
        {
            var f = line.Split(' ', 6);
            if (f.Length < 6)
            {
                continue;
            }

            var start = double.Parse(f[3], CultureInfo.InvariantCulture);
            var end = double.Parse(f[4], CultureInfo.InvariantCulture);
            var tokens = f[5].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var perChar = (end - start) / tokens.Sum(t => t.Length + 1);
            var at = start;
            foreach (var token in tokens)
            {
                var slot = (token.Length + 1) * perChar;
                words.Add(new RefWord(token, at, at + (0.85 * slot), names[f[2]]));
                at += slot;
            }
        }

        return new AccuracyCorpus("pyannote sample (30 s, 2 spk)", Rttm("pyannote-sample.rttm"), words);
    }

    /// <summary>AMI ES2004a: its word-boundary reference turns, filled with synthetic words of 0.12–0.5 s separated by
    /// 0.03–0.15 s (seeded). A sentence ends every 5–15 words and, with probability 0.85, at the end of a turn, as an
    /// ASR engine's punctuation roughly does. Words never overlap (one engine, one mixed recording): where turns
    /// overlap, the words of the speaker already talking are kept.</summary>
    public static AccuracyCorpus Ami()
    {
        var reference = Rttm("ami-ES2004a.only_words.rttm");
        var rng = new Random(2004);
        var words = new List<RefWord>();
        foreach (var turn in reference)
        {
            var t = turn.Start;
            var untilSentenceEnd = rng.Next(5, 16);
            var inTurn = new List<RefWord>();
            while (turn.End - t >= 0.1)
            {
                var end = Math.Min(t + 0.12 + (rng.NextDouble() * 0.38), turn.End);
                var endsSentence = --untilSentenceEnd == 0;
                if (endsSentence)
                {
                    untilSentenceEnd = rng.Next(5, 16);
                }

                inTurn.Add(new RefWord($"w{words.Count + inTurn.Count}{(endsSentence ? "." : "")}", t, end, turn.Speaker));
                t = end + 0.03 + (rng.NextDouble() * 0.12);
            }

            if (inTurn.Count > 0 && rng.NextDouble() < 0.85 && !inTurn[^1].Text.EndsWith('.'))
            {
                inTurn[^1] = inTurn[^1] with { Text = inTurn[^1].Text + "." };
            }

            words.AddRange(inTurn);
        }

        // One stream of words, as an engine transcribing the mixed recording gives: where turns overlap, the words of
        // the speaker who already holds the floor are kept and the interrupting speaker's words are lost.
        var stream = new List<RefWord>();
        foreach (var w in words.OrderBy(w => w.Start))
        {
            if (stream.Count == 0 || stream[^1].End <= w.Start)
            {
                stream.Add(w);
            }
        }

        return new AccuracyCorpus("AMI ES2004a (17.5 min, 4 spk)", reference, stream);
    }
}

using System.Globalization;
using System.Text;
using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.Benchmarks.Accuracy;

/// <summary>
/// Word-level speaker accuracy of three mergers on real reference data, clean and degraded: the share of words whose
/// speaker (after the best one-to-one mapping of hypothesis labels to reference labels) is the reference speaker, and
/// the share left without a speaker (counted as wrong). Run with <c>--merge-accuracy</c>.
/// </summary>
internal static class MergeAccuracy
{
    private const int Seeds = 5;

    private static readonly MergeOptions PreviousOptions = new() { MaxGapToNearestSegment = TimeSpan.FromSeconds(0.5) };

    private static readonly (string Name, Func<TranscriptWord[], DiarizationSegment[], string?[]> Merge)[] Mergers =
    [
        ("WhisperX-style", WhisperXNoFallback),
        ("previous (0.5 s gap)", (w, d) => Speakers(QuadraticMergers.TightLoop(w, d, PreviousOptions))),
        ("new", (w, d) => Speakers(TranscriptMerger.Merge(w, d))),
    ];

    public static int Run(TextWriter output)
    {
        var corpora = new[] { AccuracyCorpus.PyannoteSample(), AccuracyCorpus.Ami() };
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Mean of {Seeds} seeds per degraded row; accuracy = words with the reference speaker after the best one-to-one label mapping; unassigned words count as wrong.");
        sb.AppendLine();
        sb.Append("| corpus | degradation | strength |");
        foreach (var (name, _) in Mergers)
        {
            sb.Append(CultureInfo.InvariantCulture, $" {name} acc. | {name} unassigned |");
        }

        sb.AppendLine(" new − WhisperX |");
        sb.Append("|---|---|---|");
        sb.Append(string.Concat(Enumerable.Repeat("---:|---:|", Mergers.Length)));
        sb.AppendLine("---:|");

        var deltas = new List<double>();
        var worst = (Delta: double.MaxValue, Row: "");
        var sums = new double[Mergers.Length * 2];
        var rows = 0;
        foreach (var corpus in corpora)
        {
            Row(sb, corpus.Name, "none (reference)", "–", Score(corpus, null, 0));
            foreach (var degradation in Degradation.All)
            {
                for (var k = 1; k <= 3; k++)
                {
                    var scores = Score(corpus, degradation, k);
                    Row(sb, corpus.Name, degradation.Name, degradation.StrengthLabels[k - 1], scores);
                    var delta = scores[^1].Accuracy - scores[0].Accuracy;
                    deltas.Add(delta);
                    if (delta < worst.Delta)
                    {
                        worst = (delta, $"{corpus.Name} / {degradation.Name} / {degradation.StrengthLabels[k - 1]}");
                    }

                    for (var m = 0; m < Mergers.Length; m++)
                    {
                        sums[2 * m] += scores[m].Accuracy;
                        sums[(2 * m) + 1] += scores[m].Unassigned;
                    }

                    rows++;
                }
            }
        }

        sb.Append("| **all degraded rows** | mean | |");
        for (var m = 0; m < Mergers.Length; m++)
        {
            sb.Append(CultureInfo.InvariantCulture, $" **{sums[2 * m] / rows:P1}** | {sums[(2 * m) + 1] / rows:P1} |");
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $" **{deltas.Average() * 100:+0.0;-0.0} pt** |");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"new − WhisperX over {rows} degraded rows: mean {deltas.Average() * 100:+0.0;-0.0} points, smallest {worst.Delta * 100:+0.0;-0.0} points ({worst.Row}); new ≥ WhisperX on every degraded row: {(deltas.All(d => d >= -1e-9) ? "yes" : "NO")}");
        output.Write(sb.ToString());
        return 0;
    }

    private static void Row(StringBuilder sb, string corpus, string degradation, string strength, (double Accuracy, double Unassigned)[] scores)
    {
        sb.Append(CultureInfo.InvariantCulture, $"| {corpus} | {degradation} | {strength} |");
        foreach (var (accuracy, unassigned) in scores)
        {
            sb.Append(CultureInfo.InvariantCulture, $" {accuracy:P1} | {unassigned:P1} |");
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $" {(scores[^1].Accuracy - scores[0].Accuracy) * 100:+0.0;-0.0} |");
    }

    /// <summary>Mean accuracy and unassigned share of each merger over the seeds (one run when nothing is degraded).</summary>
    private static (double Accuracy, double Unassigned)[] Score(AccuracyCorpus corpus, Degradation? degradation, int strength)
    {
        var totals = new (double Accuracy, double Unassigned)[Mergers.Length];
        var runs = degradation is null ? 1 : Seeds;
        for (var seed = 1; seed <= runs; seed++)
        {
            var segments = corpus.Reference.ToList();
            var words = corpus.Words.ToList();
            if (degradation is not null)
            {
                (segments, words) = degradation.Apply(segments, words, strength, new Random((seed * 7919) + strength));
            }

            // Hypothesis labels are renamed so that scoring has to find the mapping, as it would for a real engine.
            var labels = segments.Select(s => s.Speaker).Distinct().Select((s, i) => (s, i)).ToDictionary(x => x.s, x => $"SPEAKER_{x.i:00}");
            var diarization = segments.Select(s => new DiarizationSegment(labels[s.Speaker], Time(s.Start), Time(s.End))).ToArray();
            var ordered = words.OrderBy(w => w.Start).ThenBy(w => w.End).ToList();
            var input = ordered.Select(w => new TranscriptWord(w.Text, Time(w.Start), Time(w.End))).ToArray();
            for (var m = 0; m < Mergers.Length; m++)
            {
                var speakers = Mergers[m].Merge(input, diarization);
                var (accuracy, unassigned) = Evaluate(ordered, speakers);
                totals[m].Accuracy += accuracy / runs;
                totals[m].Unassigned += unassigned / runs;
            }
        }

        return totals;
    }

    private static TimeSpan Time(double seconds) => TimeSpan.FromTicks((long)Math.Round(Math.Max(0, seconds) * TimeSpan.TicksPerSecond));

    private static string?[] Speakers(Transcript t) => t.Words.Select(w => w.Speaker).ToArray();

    /// <summary>Accuracy after the best one-to-one mapping of hypothesis labels to reference labels, and the
    /// unassigned share.</summary>
    internal static (double Accuracy, double Unassigned) Evaluate(IReadOnlyList<RefWord> words, IReadOnlyList<string?> speakers)
    {
        var hyp = speakers.Where(s => s is not null).Select(s => s!).Distinct().ToArray();
        var truth = words.Select(w => w.Truth).Distinct().ToArray();
        var counts = new int[hyp.Length, truth.Length];
        var unassigned = 0;
        for (var i = 0; i < words.Count; i++)
        {
            if (speakers[i] is not { } s)
            {
                unassigned++;
                continue;
            }

            counts[Array.IndexOf(hyp, s), Array.IndexOf(truth, words[i].Truth)]++;
        }

        var best = BestMapping(counts, 0, new bool[truth.Length]);
        return ((double)best / words.Count, (double)unassigned / words.Count);
    }

    /// <summary>Exhaustive search over one-to-one mappings (a handful of speakers here); a hypothesis label may stay unmapped.</summary>
    private static int BestMapping(int[,] counts, int row, bool[] used)
    {
        if (row == counts.GetLength(0))
        {
            return 0;
        }

        var best = BestMapping(counts, row + 1, used);
        for (var c = 0; c < counts.GetLength(1); c++)
        {
            if (!used[c])
            {
                used[c] = true;
                best = Math.Max(best, counts[row, c] + BestMapping(counts, row + 1, used));
                used[c] = false;
            }
        }

        return best;
    }

    /// <summary>WhisperX's <c>assign_word_speakers</c> without <c>fill_nearest</c>: the speaker with the largest total
    /// intersection; a word no segment intersects gets no speaker. Ties go to the speaker heard first.</summary>
    private static string?[] WhisperXNoFallback(TranscriptWord[] words, DiarizationSegment[] segments)
    {
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in segments.OrderBy(s => s.Start).ThenBy(s => s.End))
        {
            rank.TryAdd(s.Speaker, rank.Count);
        }

        var result = new string?[words.Length];
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < words.Length; i++)
        {
            totals.Clear();
            var (ws, we) = (words[i].Start.Ticks, words[i].End.Ticks);
            foreach (var s in segments)
            {
                var intersection = Math.Min(s.End.Ticks, we) - Math.Max(s.Start.Ticks, ws);
                if (intersection > 0)
                {
                    totals[s.Speaker] = totals.GetValueOrDefault(s.Speaker) + intersection;
                }
            }

            result[i] = totals.Count == 0 ? null : totals.OrderByDescending(kv => kv.Value).ThenBy(kv => rank[kv.Key]).First().Key;
        }

        return result;
    }
}

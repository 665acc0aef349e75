using System.Diagnostics;
using BenchmarkDotNet.Running;
using Pyannote.Sdk.Benchmarks;
using Pyannote.Sdk.Benchmarks.Accuracy;
using Pyannote.Sdk.Transcripts;

if (args.Length > 0 && args[0] == "--merge-accuracy")
{
    // Word-level speaker accuracy on real reference data, clean and degraded (see docs/benchmarks.md, "Merge accuracy").
    return MergeAccuracy.Run(Console.Out);
}

if (args.Length > 0 && args[0] == "--merge-speed")
{
    // The current merger against the b0952c2 sweep, interleaved in one process (see docs/benchmarks.md).
    return MergeSpeed.Run(Console.Out);
}

if (args.Length > 0 && args[0] == "--merge-check")
{
    // Prints the synthetic inputs, checks that the sweep and the baseline agree word for word, and gives a rough timing.
    foreach (var minutes in new[] { 15, 60, 240 })
    {
        var meeting = SyntheticMeeting.Create(TimeSpan.FromMinutes(minutes));
        var options = new MergeOptions();
        var fast = TranscriptMerger.Merge(meeting.Words, meeting.Segments, options);
        var gen2 = GC.CollectionCount(2);
        var fastMs = double.MaxValue;
        const int batches = 15, runs = 20;
        for (var b = 0; b < batches; b++)
        {
            var batch = Stopwatch.StartNew();
            for (var i = 0; i < runs; i++)
            {
                fast = TranscriptMerger.Merge(meeting.Words, meeting.Segments, options);
            }

            fastMs = Math.Min(fastMs, batch.Elapsed.TotalMilliseconds / runs); // best batch: least disturbed by other processes
        }

        gen2 = GC.CollectionCount(2) - gen2;
        var sw = Stopwatch.StartNew();
        var slow = QuadraticMergers.WhisperXStyle(meeting.Words, meeting.Segments, options);
        var slowMs = sw.Elapsed.TotalMilliseconds;
        var tight = QuadraticMergers.TightLoop(meeting.Words, meeting.Segments, options);
        // The quadratic versions keep the previous rules: they must agree with each other; the sweep's new rules differ on some words.
        var same = slow.Words.Select(w => w.Speaker).SequenceEqual(tight.Words.Select(w => w.Speaker))
            && slow.Turns.Select(t => (t.Speaker, t.Start, t.End, t.Text)).SequenceEqual(tight.Turns.Select(t => (t.Speaker, t.Start, t.End, t.Text)));
        var changed = fast.Words.Zip(slow.Words).Count(p => p.First.Speaker != p.Second.Speaker);
        Console.WriteLine(
            $"{minutes,4} min: {meeting.Words.Length,6} words, {meeting.Segments.Length,5} segments, overlapped speech {meeting.OverlappedShare():P1}, " +
            $"{fast.Turns.Count} turns, unattributed words {fast.Words.Count(w => w.Speaker is null)}; quadratic versions identical: {same}; " +
            $"new rules differ from them on {changed} words; " +
            $"sweep {fastMs:F3} ms (best batch mean, {gen2} gen2 GCs in {batches * runs} runs), WhisperX-style baseline {slowMs:F1} ms (one run)");
    }

    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(MergeBenchmarks).Assembly).Run(args);
return 0;

using System.Diagnostics;
using System.Globalization;
using Pyannote.Sdk.Benchmarks.Baselines;
using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.Benchmarks;

/// <summary>
/// The current merger against the b0952c2 sweep (<see cref="PreviousSweepMerger"/>) on the synthetic 15 min, 1 h and 4 h
/// meetings, in one process: batches of the two alternate so both see the same machine load, and each side's best batch
/// mean counts. Time is this process's CPU time (all its threads, so the garbage collector's work counts), not wall-clock
/// time: on a machine shared with other builds, wall-clock batches are mostly time spent waiting for a core. Run with
/// <c>--merge-speed</c>.
/// </summary>
internal static class MergeSpeed
{
    public static int Run(TextWriter output, int rounds = 40)
    {
        var options = new MergeOptions();
        output.WriteLine("| meeting | words | segments | b0952c2 sweep (ms) | current (ms) | current / b0952c2 |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        var worst = 0.0;
        foreach (var minutes in new[] { 15, 60, 240 })
        {
            var meeting = SyntheticMeeting.Create(TimeSpan.FromMinutes(minutes));
            var runs = 2400 / minutes; // about 40 ms a batch: well above the CPU clock's resolution
            var previousMs = double.MaxValue;
            var currentMs = double.MaxValue;
            for (var round = 0; round < rounds; round++)
            {
                // Alternate which goes first, so neither always runs right after a collection of the other's garbage.
                for (var k = 0; k < 2; k++)
                {
                    var current = (round + k) % 2 == 0;
                    var process = Process.GetCurrentProcess();
                    var cpu = process.TotalProcessorTime;
                    for (var i = 0; i < runs; i++)
                    {
                        _ = current
                            ? TranscriptMerger.Merge(meeting.Words, meeting.Segments, options)
                            : PreviousSweepMerger.Merge(meeting.Words, meeting.Segments, options);
                    }

                    process.Refresh();
                    var ms = (process.TotalProcessorTime - cpu).TotalMilliseconds / runs;
                    if (current)
                    {
                        currentMs = Math.Min(currentMs, ms);
                    }
                    else
                    {
                        previousMs = Math.Min(previousMs, ms);
                    }
                }
            }

            var ratio = currentMs / previousMs;
            worst = Math.Max(worst, ratio);
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {minutes} min | {meeting.Words.Length} | {meeting.Segments.Length} | {previousMs:F3} | {currentMs:F3} | {ratio:F2}× |"));
        }

        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Largest ratio {worst:F2}× (issue 14 allows 1.2×); CPU time, best batch mean of {rounds} batches each."));
        return 0;
    }
}

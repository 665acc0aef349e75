using BenchmarkDotNet.Attributes;
using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.Benchmarks;

/// <summary>Word-to-speaker merge on synthetic 15 min, 1 h and 4 h meetings: the sorted sweep against two
/// every-word-with-every-segment versions (the WhisperX-style baseline and a tight loop) and the sweep as it was at b0952c2
/// (the speed baseline of issue 14), in the same run.</summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class MergeBenchmarks
{
    private static readonly MergeOptions Options = new();
    private TranscriptWord[] _words = [];
    private DiarizationSegment[] _segments = [];

    [Params(15, 60, 240)]
    public int Minutes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var meeting = SyntheticMeeting.Create(TimeSpan.FromMinutes(Minutes));
        _words = meeting.Words;
        _segments = meeting.Segments;
    }

    [Benchmark(Baseline = true)]
    public Transcript WhisperXStyleBaseline() => QuadraticMergers.WhisperXStyle(_words, _segments, Options);

    [Benchmark]
    public Transcript TightQuadraticLoop() => QuadraticMergers.TightLoop(_words, _segments, Options);

    [Benchmark]
    public Transcript PreviousSortedSweep() => Baselines.PreviousSweepMerger.Merge(_words, _segments, Options);

    [Benchmark]
    public Transcript SortedSweep() => TranscriptMerger.Merge(_words, _segments, Options);
}

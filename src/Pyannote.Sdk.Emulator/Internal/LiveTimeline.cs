using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Pyannote.Sdk.Emulator.Internal;

/// <summary>Something a live session learned about the audio so far, at an audio-time position (seconds).</summary>
internal abstract record TimelineEvent(double Time);

internal sealed record TimelineSpeakerStart(int Speaker, double Time) : TimelineEvent(Time);

internal sealed record TimelineSpeakerEnd(int Speaker, double Time) : TimelineEvent(Time);

/// <summary>A word that has been fully heard (its end is at or before the audio received so far).</summary>
internal sealed record TimelineWord(EmulatedWord Word) : TimelineEvent(Word.End);

/// <summary>
/// The content rules of batch, applied to audio that arrives a frame at a time (16 kHz mono floats), on audio time.
/// The first second decides the source: when it is sample-for-sample the first second of an audio file with a sidecar
/// (samples/audio/conversation.wav, any --audio-dir file), that sidecar's turns and words are replayed as the audio
/// reaches them; otherwise an incremental version of the batch energy detector finds speech regions (speakers
/// alternate per region, as the batch detector does when it cannot tell voices apart) with placeholder words.
/// Memory is bounded: one second of samples plus the open region.
/// </summary>
internal sealed class LiveTimeline(ContentLibrary library)
{
    public const int SampleRate = 16_000;
    private const int FingerprintSamples = SampleRate; // 1 s
    private readonly short[] _head = new short[FingerprintSamples];
    private int _headCount;
    private long _samples;
    private SidecarCursor? _sidecar;
    private EnergyTracker? _energy;

    /// <summary>Audio received so far, in seconds.</summary>
    public double AudioTime => _samples / (double)SampleRate;

    /// <summary><c>sidecar</c>, <c>energy</c>, or <c>pending</c> before the first second.</summary>
    public string Origin => _sidecar is not null ? "sidecar" : _energy is not null ? "energy" : "pending";

    public void Feed(ReadOnlySpan<float> samples, List<TimelineEvent> output)
    {
        if (_sidecar is null && _energy is null)
        {
            var take = Math.Min(samples.Length, FingerprintSamples - _headCount);
            for (int i = 0; i < take; i++)
            {
                _head[_headCount + i] = (short)Math.Clamp(MathF.Round(samples[i] * 32768f), short.MinValue, short.MaxValue);
            }

            _headCount += take;
            _samples += take;
            samples = samples[take..];
            if (_headCount < FingerprintSamples)
            {
                return;
            }

            Decide(output);
        }

        _samples += samples.Length;
        if (_sidecar is not null)
        {
            _sidecar.Advance(AudioTime, output);
        }
        else
        {
            _energy!.Feed(samples, output);
        }
    }

    /// <summary>The audio ended: everything still owed up to the current position, and ends for open turns.</summary>
    public void End(List<TimelineEvent> output)
    {
        if (_sidecar is null && _energy is null)
        {
            Decide(output);
        }

        if (_sidecar is not null)
        {
            _sidecar.Advance(AudioTime, output);
            _sidecar.CloseOpen(AudioTime, output);
        }
        else
        {
            _energy!.End(output);
        }
    }

    private void Decide(List<TimelineEvent> output)
    {
        var content = _headCount == FingerprintSamples ? LiveFingerprints.Match(library, _head) : null;
        if (content is not null)
        {
            _sidecar = new SidecarCursor(content);
            _sidecar.Advance(AudioTime, output);
            return;
        }

        _energy = new EnergyTracker();
        var head = new float[_headCount];
        for (int i = 0; i < _headCount; i++)
        {
            head[i] = _head[i] / 32768f;
        }

        _energy.Feed(head, output);
    }

    private sealed class SidecarCursor
    {
        private readonly List<(double Time, bool Start, int Speaker)> _marks = [];
        private readonly List<EmulatedWord> _words;
        private readonly Dictionary<int, int> _open = [];
        private int _nextMark;
        private int _nextWord;

        public SidecarCursor(EmulatedContent content)
        {
            foreach (var turn in content.Turns)
            {
                _marks.Add((turn.Start, true, turn.Speaker));
                _marks.Add((turn.End, false, turn.Speaker));
            }

            _marks.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Start.CompareTo(b.Start)); // ends before starts at the same time
            _words = content.Words.OrderBy(w => w.End).ToList();
        }

        public void Advance(double now, List<TimelineEvent> output)
        {
            while (_nextMark < _marks.Count && _marks[_nextMark].Time <= now)
            {
                var (time, start, speaker) = _marks[_nextMark++];
                _open[speaker] = _open.GetValueOrDefault(speaker) + (start ? 1 : -1);
                output.Add(start ? new TimelineSpeakerStart(speaker, time) : new TimelineSpeakerEnd(speaker, time));
            }

            while (_nextWord < _words.Count && _words[_nextWord].End <= now)
            {
                output.Add(new TimelineWord(_words[_nextWord++]));
            }
        }

        public void CloseOpen(double now, List<TimelineEvent> output)
        {
            foreach (var (speaker, count) in _open)
            {
                for (int i = 0; i < count; i++)
                {
                    output.Add(new TimelineSpeakerEnd(speaker, EmulatedContent.Round(now)));
                }
            }

            _open.Clear();
        }
    }

    /// <summary>The batch detector's rules (20 ms frames, −26 dB of the loudest frame so far, pauses up to 0.55 s kept
    /// inside a region, regions under 0.15 s dropped), run incrementally.</summary>
    private sealed class EnergyTracker
    {
        private const int FrameSamples = SampleRate / 50;
        private const double FrameSeconds = 0.02;
        private const int GapFrames = 27; // 0.55 s
        private const int MinRegionFrames = 8; // 0.15 s
        private readonly float[] _frame = new float[FrameSamples];
        private int _filled;
        private long _frameIndex;
        private double _peak;
        private long _regionStart = -1;
        private long _lastSpeech = -1;
        private bool _started;
        private int _regions;

        public void Feed(ReadOnlySpan<float> samples, List<TimelineEvent> output)
        {
            while (samples.Length > 0)
            {
                var take = Math.Min(FrameSamples - _filled, samples.Length);
                samples[..take].CopyTo(_frame.AsSpan(_filled));
                _filled += take;
                samples = samples[take..];
                if (_filled == FrameSamples)
                {
                    OnFrame(output);
                    _filled = 0;
                }
            }
        }

        private void OnFrame(List<TimelineEvent> output)
        {
            double sum = 0;
            foreach (var s in _frame)
            {
                var v = s * 32768.0;
                sum += v * v;
            }

            var rms = Math.Sqrt(sum / FrameSamples);
            _peak = Math.Max(_peak, rms);
            var speech = rms >= Math.Max(_peak * 0.05, 100);
            var index = _frameIndex++;
            if (_regionStart >= 0 && index - _lastSpeech > GapFrames)
            {
                CloseRegion(output);
            }

            if (!speech)
            {
                return;
            }

            if (_regionStart < 0)
            {
                _regionStart = index;
            }

            _lastSpeech = index;
            if (!_started && _lastSpeech - _regionStart + 1 >= MinRegionFrames)
            {
                _started = true;
                output.Add(new TimelineSpeakerStart(_regions % 2, EmulatedContent.Round(_regionStart * FrameSeconds)));
            }
        }

        private void CloseRegion(List<TimelineEvent> output)
        {
            if (_started)
            {
                var speaker = _regions % 2;
                double start = EmulatedContent.Round(_regionStart * FrameSeconds), end = EmulatedContent.Round((_lastSpeech + 1) * FrameSeconds);
                output.Add(new TimelineSpeakerEnd(speaker, end));
                foreach (var word in EmulatedContent.PlaceholderWords(start, end, speaker, _regions * 5))
                {
                    output.Add(new TimelineWord(word));
                }

                _regions++;
            }

            _regionStart = -1;
            _lastSpeech = -1;
            _started = false;
        }

        public void End(List<TimelineEvent> output)
        {
            if (_regionStart >= 0)
            {
                CloseRegion(output);
            }
        }
    }
}

/// <summary>Fingerprints (SHA-256 of the first second of 16 kHz mono 16-bit samples) of the library's audio files.</summary>
internal static class LiveFingerprints
{
    private static readonly ConditionalWeakTable<ContentLibrary, Dictionary<string, string>> s_index = new();

    public static EmulatedContent? Match(ContentLibrary library, short[] firstSecond)
    {
        var index = s_index.GetValue(library, Build);
        var key = Convert.ToHexString(SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(firstSecond.AsSpan())));
        return index.TryGetValue(key, out var path) ? library.FromFile(path, null, Path.GetFileName(path)) : null;
    }

    private static Dictionary<string, string> Build(ContentLibrary library)
    {
        var index = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in library.IndexedAudioFiles)
        {
            try
            {
                using var stream = File.OpenRead(path);
                var header = new byte[44];
                if (stream.Read(header) < 44 || header[22] != 1 || BitConverter.ToInt32(header, 24) != LiveTimeline.SampleRate || header[34] != 16)
                {
                    continue; // only 16 kHz mono 16-bit WAV files with the canonical 44-byte header are indexed
                }

                var first = new byte[LiveTimeline.SampleRate * 2];
                if (stream.ReadAtLeast(first, first.Length, throwOnEndOfStream: false) == first.Length)
                {
                    index[Convert.ToHexString(SHA256.HashData(first))] = path;
                }
            }
            catch (IOException)
            {
            }
        }

        return index;
    }
}

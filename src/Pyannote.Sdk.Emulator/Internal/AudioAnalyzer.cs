using System.Buffers.Binary;

namespace Pyannote.Sdk.Emulator.Internal;

/// <summary>A speech region found by the energy detector, with the features used to tell speakers apart.</summary>
internal sealed record SpeechRegion(double Start, double End, double Pitch);

/// <summary>What the emulator learned from an audio file's bytes. <paramref name="Work"/> counts the samples read and the
/// multiply-adds of the pitch search, so tests can check that analysis stays bounded whatever the header claims.</summary>
internal sealed record AudioAnalysis(double Duration, IReadOnlyList<SpeechRegion> Regions, bool IsPcm, long Work = 0);

/// <summary>
/// Reads a RIFF/WAVE header for the duration and runs a frame energy detector over 16-bit PCM to find speech.
/// Other formats (or broken headers) fall back to a size-based duration (128 kbit/s) and no regions.
/// The work is bounded whatever the header says (analysis runs on the request thread): at most
/// <see cref="MaxAnalysedDataBytes"/> of PCM are scanned, the pitch search runs on samples decimated to at most
/// <see cref="MaxPitchSampleRate"/> Hz over at most <see cref="MaxPitchFrames"/> frames in all, and headers beyond
/// <see cref="MaxSampleRate"/> Hz or <see cref="MaxChannels"/> channels get the duration only.
/// </summary>
internal static class AudioAnalyzer
{
    /// <summary>PCM bytes scanned by the speech detector: about 35 minutes of 16 kHz mono; later audio gets no regions.</summary>
    internal const long MaxAnalysedDataBytes = 64L * 1024 * 1024;

    /// <summary>The pitch search decimates to this rate or below (common rates are untouched; voices are under 400 Hz).</summary>
    internal const int MaxPitchSampleRate = 48_000;

    /// <summary>Pitch frames analysed per file, shared between regions.</summary>
    internal const int MaxPitchFrames = 400;

    /// <summary>Highest sample rate analysed at all (768 kHz is the highest any common WAV writer produces).</summary>
    internal const int MaxSampleRate = 768_000;

    /// <summary>Most channels analysed at all.</summary>
    internal const int MaxChannels = 32;

    private const double FrameSeconds = 0.02;
    private const double MergeGapSeconds = 0.55; // pauses inside a sentence run up to ~0.45 s with espeak-ng; turn changes are longer
    private const double MinRegionSeconds = 0.15;
    private const double FallbackBytesPerSecond = 16_000; // 128 kbit/s

    public static AudioAnalysis Analyze(string path)
    {
        try
        {
            return AnalyzeCore(path);
        }
        catch (Exception e) when (e is IOException or ArgumentException or IndexOutOfRangeException)
        {
            // Truncated or lying headers: fall back to the size-based estimate.
            return new AudioAnalysis(Math.Round(new FileInfo(path).Length / FallbackBytesPerSecond, 3), [], false);
        }
    }

    private static AudioAnalysis AnalyzeCore(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var size = stream.Length;
        var fallback = new AudioAnalysis(Math.Round(size / FallbackBytesPerSecond, 3), [], false);
        Span<byte> header = stackalloc byte[12];
        if (stream.Read(header) < 12 || !header[..4].SequenceEqual("RIFF"u8) || !header[8..12].SequenceEqual("WAVE"u8))
        {
            return fallback;
        }

        int format = 0, channels = 0, sampleRate = 0, byteRate = 0, blockAlign = 0, bits = 0;
        long dataOffset = -1, dataLength = 0;
        Span<byte> chunk = stackalloc byte[8];
        while (stream.Read(chunk) == 8)
        {
            var id = chunk[..4];
            long length = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            if (id.SequenceEqual("fmt "u8))
            {
                if (length < 16)
                {
                    return fallback;
                }

                var fmt = new byte[Math.Min(length, 64)];
                stream.ReadExactly(fmt);
                format = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
                channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(2));
                sampleRate = BinaryPrimitives.ReadInt32LittleEndian(fmt.AsSpan(4));
                byteRate = BinaryPrimitives.ReadInt32LittleEndian(fmt.AsSpan(8));
                blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(12));
                bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(14));
                if (format == 0xFFFE && fmt.Length >= 26)
                {
                    format = BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(24)); // WAVE_FORMAT_EXTENSIBLE sub-format
                }

                stream.Seek(length - fmt.Length + (length & 1), SeekOrigin.Current);
            }
            else if (id.SequenceEqual("data"u8))
            {
                dataOffset = stream.Position;
                dataLength = Math.Min(length, size - dataOffset); // 0xFFFFFFFF (streamed WAV) or a lying header
                break;
            }
            else
            {
                stream.Seek(length + (length & 1), SeekOrigin.Current);
            }
        }

        if (dataOffset < 0 || byteRate <= 0)
        {
            return fallback;
        }

        var duration = dataLength / (double)byteRate;
        if (format != 1 || bits != 16 || channels is <= 0 or > MaxChannels || sampleRate is <= 0 or > MaxSampleRate || blockAlign != channels * 2)
        {
            return new AudioAnalysis(Math.Round(duration, 3), [], false);
        }

        stream.Position = dataOffset;
        long work = 0;
        var regions = DetectSpeech(stream, dataOffset, Math.Min(dataLength, MaxAnalysedDataBytes), channels, sampleRate, ref work);
        return new AudioAnalysis(Math.Round(duration, 3), regions, true, work);
    }

    private static List<SpeechRegion> DetectSpeech(Stream stream, long dataOffset, long dataLength, int channels, int sampleRate, ref long work)
    {
        var frameSamples = Math.Max(1, (int)(sampleRate * FrameSeconds));
        var frameBytes = frameSamples * channels * 2;
        var buffer = new byte[frameBytes];
        var rms = new List<double>();
        long remaining = dataLength;
        while (remaining >= frameBytes)
        {
            stream.ReadExactly(buffer);
            remaining -= frameBytes;
            double sumSquares = 0;
            for (int i = 0; i < frameSamples; i++)
            {
                // First channel only: enough for a detector.
                var sample = BinaryPrimitives.ReadInt16LittleEndian(buffer.AsSpan(i * channels * 2));
                sumSquares += (double)sample * sample;
            }
            rms.Add(Math.Sqrt(sumSquares / frameSamples));
            work += frameSamples;
        }

        if (rms.Count == 0)
        {
            return [];
        }

        var peak = rms.Max();
        var threshold = Math.Max(peak * 0.05, 100); // about -26 dB below the loudest frame, never below digital silence
        var regions = new List<(int First, int Last)>();
        int start = -1, lastSpeech = -1;
        var gapFrames = (int)(MergeGapSeconds / FrameSeconds);
        for (int i = 0; i < rms.Count; i++)
        {
            if (rms[i] < threshold)
            {
                continue;
            }

            if (start >= 0 && i - lastSpeech > gapFrames)
            {
                regions.Add((start, lastSpeech));
                start = -1;
            }
            if (start < 0)
            {
                start = i;
            }

            lastSpeech = i;
        }
        if (start >= 0)
        {
            regions.Add((start, lastSpeech));
        }

        var result = new List<SpeechRegion>();
        var kept = regions.Where(r => (r.Last + 1 - r.First) * FrameSeconds >= MinRegionSeconds).ToList();
        var framesPerRegion = kept.Count == 0 ? 0 : Math.Clamp(MaxPitchFrames / kept.Count, 1, 40);
        var budget = MaxPitchFrames;
        foreach (var (first, last) in kept)
        {
            var s = first * FrameSeconds;
            var e = (last + 1) * FrameSeconds;
            var pitch = budget > 0 ? RegionPitch(stream, dataOffset, channels, sampleRate, frameBytes, rms, threshold, first, last, Math.Min(framesPerRegion, budget), ref budget, ref work) : 0;
            result.Add(new SpeechRegion(Math.Round(s, 3), Math.Round(e, 3), pitch));
        }
        return result;
    }

    /// <summary>
    /// Median fundamental frequency (Hz) of a region: up to <paramref name="frames"/> loud frames, each a 40 ms window
    /// decimated to at most <see cref="MaxPitchSampleRate"/> Hz, normalised autocorrelation over 70–400 Hz, taking the
    /// shortest lag within 85% of the best (avoids octave errors); frames whose best correlation is under 0.5 count as
    /// unvoiced. 0 when no frame is voiced.
    /// </summary>
    private static double RegionPitch(Stream stream, long dataOffset, int channels, int sampleRate, int frameBytes, List<double> rms, double threshold, int first, int last, int frames, ref int budget, ref long work)
    {
        var loud = Enumerable.Range(first, last - first + 1).Where(i => rms[i] >= threshold).ToList();
        var step = Math.Max(1, loud.Count / Math.Max(1, frames));
        var window = new byte[frameBytes * 2];
        var stride = (sampleRate + MaxPitchSampleRate - 1) / MaxPitchSampleRate;
        var rate = sampleRate / (double)stride;
        var samples = new double[window.Length / (channels * 2) / stride];
        int minLag = (int)(rate / 400), maxLag = (int)(rate / 70);
        var pitches = new List<double>();
        for (int k = 0; k < loud.Count && budget > 0; k += step)
        {
            budget--;
            stream.Position = dataOffset + (long)loud[k] * frameBytes;
            if (stream.Read(window) < window.Length)
            {
                break;
            }

            for (int i = 0; i < samples.Length; i++)
            {
                samples[i] = BinaryPrimitives.ReadInt16LittleEndian(window.AsSpan(i * stride * channels * 2));
            }

            var half = samples.Length / 2;
            if (maxLag >= half || minLag < 1)
            {
                break;
            }

            work += (long)(maxLag - minLag + 1) * half;
            var correlations = new double[maxLag + 1];
            double best = 0;
            for (int lag = minLag; lag <= maxLag; lag++)
            {
                double sum = 0, e0 = 0, e1 = 0;
                for (int j = 0; j < half; j++)
                {
                    sum += samples[j] * samples[j + lag];
                    e0 += samples[j] * samples[j];
                    e1 += samples[j + lag] * samples[j + lag];
                }
                correlations[lag] = sum / (Math.Sqrt(e0 * e1) + 1e-9);
                best = Math.Max(best, correlations[lag]);
            }
            if (best < 0.5)
            {
                continue;
            }

            for (int lag = minLag; lag <= maxLag; lag++)
            {
                if (correlations[lag] >= 0.85 * best) { pitches.Add(rate / lag); break; }
            }
        }
        if (pitches.Count == 0)
        {
            return 0;
        }

        pitches.Sort();
        return pitches[pitches.Count / 2];
    }

    /// <summary>
    /// Gives each region a speaker index: a two-means split on the regions' median pitch (see <see cref="RegionPitch"/>).
    /// When the two centres are less than 15% apart the voices are treated as indistinguishable and
    /// speakers simply alternate. Indices are numbered in order of first appearance.
    /// </summary>
    public static int[] AssignSpeakers(IReadOnlyList<SpeechRegion> regions)
    {
        var labels = new int[regions.Count];
        if (regions.Count < 2)
        {
            return labels;
        }

        double c0 = regions.Min(r => r.Pitch), c1 = regions.Max(r => r.Pitch);
        for (int iteration = 0; iteration < 20; iteration++)
        {
            double s0 = 0, s1 = 0; int n0 = 0, n1 = 0;
            foreach (var r in regions)
            {
                if (Math.Abs(r.Pitch - c0) <= Math.Abs(r.Pitch - c1)) { s0 += r.Pitch; n0++; }
                else { s1 += r.Pitch; n1++; }
            }
            if (n0 == 0 || n1 == 0)
            {
                break;
            }

            c0 = s0 / n0; c1 = s1 / n1;
        }
        var separated = Math.Abs(c1 - c0) / Math.Max(1e-9, (c0 + c1) / 2) >= 0.15;
        for (int i = 0; i < regions.Count; i++)
        {
            labels[i] = separated
                ? (Math.Abs(regions[i].Pitch - c0) <= Math.Abs(regions[i].Pitch - c1) ? 0 : 1)
                : i % 2;
        }
        // Renumber by first appearance so the first voice heard is speaker 0.
        var map = new Dictionary<int, int>();
        for (int i = 0; i < labels.Length; i++)
        {
            if (!map.TryGetValue(labels[i], out var mapped))
            {
                map[labels[i]] = mapped = map.Count;
            }

            labels[i] = mapped;
        }
        return labels;
    }
}

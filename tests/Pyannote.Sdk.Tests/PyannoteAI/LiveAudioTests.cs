using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using Pyannote.Sdk.Live;
using Pyannote.Sdk.PyannoteAI;

namespace Pyannote.Sdk.Tests.Live;

public sealed class LiveAudioTests
{
    private static float[] Sine(int rate, double hz, double seconds, double amplitude = 0.5) =>
        Enumerable.Range(0, (int)(rate * seconds)).Select(i => (float)(amplitude * Math.Sin(2 * Math.PI * hz * i / rate))).ToArray();

    private static double Rms(ReadOnlySpan<float> x)
    {
        double sum = 0;
        foreach (var v in x)
        {
            sum += v * v;
        }

        return Math.Sqrt(sum / Math.Max(1, x.Length));
    }

    /// <summary>Frequency from zero crossings over the middle of the signal.</summary>
    private static double Frequency(float[] x, int rate)
    {
        int first = -1, last = -1, crossings = 0;
        for (int i = x.Length / 4; i < x.Length * 3 / 4; i++)
        {
            if (x[i - 1] < 0 && x[i] >= 0)
            {
                if (first < 0) { first = i; } else { crossings++; last = i; }
            }
        }
        return crossings * rate / (double)(last - first);
    }

    [Theory]
    [InlineData(44_100, 16_000, 1000)]
    [InlineData(48_000, 16_000, 3000)]
    [InlineData(8_000, 16_000, 1000)]
    [InlineData(22_050, 16_000, 440)]
    public void Resampler_keeps_frequency_and_level_of_an_in_band_tone(int from, int to, double hz)
    {
        var input = Sine(from, hz, 1.0);
        var resampler = new Resampler(from, to);
        var output = resampler.Process(input).Concat(resampler.Flush()).ToArray();

        Assert.InRange(output.Length, to - 2, to + 2);
        Assert.Equal(hz, Frequency(output, to), 0);
        Assert.Equal(0.5 / Math.Sqrt(2), Rms(output.AsSpan(to / 4, to / 2)), 2);
    }

    [Fact]
    public void Resampler_suppresses_a_tone_above_the_new_Nyquist_frequency()
    {
        var input = Sine(48_000, 12_000, 1.0); // above 8 kHz: must not alias into the 16 kHz output
        var resampler = new Resampler(48_000, 16_000);
        var output = resampler.Process(input);
        Assert.True(Rms(output.AsSpan(4000, 8000)) < 0.01, $"aliased energy {Rms(output.AsSpan(4000, 8000))}");
    }

    [Fact]
    public void Resampler_gives_the_same_output_whatever_the_chunk_sizes()
    {
        var input = Sine(44_100, 700, 0.5);
        var whole = new Resampler(44_100, 16_000);
        var expected = whole.Process(input).Concat(whole.Flush()).ToArray();
        var chunked = new Resampler(44_100, 16_000);
        var actual = new List<float>();
        var random = new Random(7);
        for (int i = 0; i < input.Length;)
        {
            var n = Math.Min(random.Next(1, 3000), input.Length - i);
            actual.AddRange(chunked.Process(input.AsSpan(i, n)));
            i += n;
        }
        actual.AddRange(chunked.Flush());
        Assert.Equal(expected.Length, actual.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 5);
        }
    }

    [Fact]
    public void Pcm16_round_trips_exactly_through_float()
    {
        var bytes = new byte[65536 * 2];
        for (int v = short.MinValue, i = 0; v <= short.MaxValue; v++, i += 2)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i), (short)v);
        }

        var floats = new float[65536];
        Assert.Equal(65536, PcmConversion.DecodeMono(bytes, LiveAudioFormat.Pcm16Mono16kHz, floats));
        var back = new byte[bytes.Length];
        PcmConversion.EncodePcm16(floats, back);
        Assert.Equal(bytes, back);
    }

    [Fact]
    public void Channels_are_averaged_and_24_bit_and_float_samples_decode_to_the_same_level()
    {
        var stereo24 = new byte[6];
        WriteInt24(stereo24, 0, 4_194_304); // +0.5
        WriteInt24(stereo24, 3, -4_194_304); // -0.5
        var output = new float[1];
        PcmConversion.DecodeMono(stereo24, new LiveAudioFormat(16_000, 2, LiveSampleEncoding.Pcm24), output);
        Assert.Equal(0f, output[0]);

        var float32 = new byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(float32, 0.25f);
        PcmConversion.DecodeMono(float32, LiveAudioFormat.Float32Mono16kHz, output);
        Assert.Equal(0.25f, output[0]);
    }

    private static void WriteInt24(byte[] b, int offset, int v)
    {
        b[offset] = (byte)v; b[offset + 1] = (byte)(v >> 8); b[offset + 2] = (byte)(v >> 16);
    }

    [Fact]
    public async Task A_stereo_48_kHz_float_wav_becomes_16_kHz_mono_and_frames_are_100_ms_with_the_last_zero_padded()
    {
        var seconds = 1.03;
        var wav = Wav(48_000, 2, 3, 32, Sine(48_000, 440, seconds).SelectMany(s => new[] { s, s }).SelectMany(s => BitConverter.GetBytes(s)).ToArray());
        var source = LiveAudioSource.FromWavStream(new MemoryStream(wav));

        var frames = new List<AudioFrame>();
        await foreach (var f in AudioFramer.FrameAsync(source.ReadMonoAsync(16_000, default), PyannoteLiveConnection.FrameSamples, default))
        {
            frames.Add(f);
        }

        Assert.Equal(11, frames.Count);
        Assert.All(frames, f => Assert.Equal(1600, f.Samples.Length));
        Assert.Equal(Enumerable.Range(0, 11).Select(i => (long)i), frames.Select(f => f.Index));
        var last = frames[^1];
        Assert.True(last.IsPadded);
        Assert.InRange(last.RealSamples, 470, 490); // 0.03 s at 16 kHz
        Assert.All(last.Samples.Skip(last.RealSamples + 20), s => Assert.Equal(0f, s));
        Assert.Equal(440, Frequency(frames.Take(10).SelectMany(f => f.Samples).ToArray(), 16_000), 0);
    }

    [Fact]
    public async Task Chunks_that_split_sample_frames_are_reassembled()
    {
        var pcm = new byte[3200 * 2];
        for (int i = 0; i < pcm.Length / 2; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(pcm.AsSpan(i * 2), (short)(i % 1000));
        }

        var source = LiveAudioSource.FromPcmChunks(Split(pcm, 333), LiveAudioFormat.Pcm16Mono16kHz);
        var samples = new List<float>();
        await foreach (var chunk in source.ReadMonoAsync(16_000, default))
        {
            samples.AddRange(chunk);
        }

        Assert.Equal(3200, samples.Count);
        Assert.Equal(Enumerable.Range(0, 3200).Select(i => (i % 1000) / 32768f), samples);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => { await foreach (var _ in source.ReadMonoAsync(16_000, default)) { } });
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> Split(byte[] bytes, int size, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (int i = 0; i < bytes.Length; i += size)
        {
            await Task.Yield();
            yield return bytes.AsMemory(i, Math.Min(size, bytes.Length - i));
        }
    }

    [Theory]
    [InlineData("not a wav file at all")]
    [InlineData("RIFF\0\0\0\0WAVEdata\0\0\0\0")]
    public async Task A_stream_that_is_not_a_usable_wav_is_rejected_naming_the_parameter(string content)
    {
        var source = LiveAudioSource.FromWavStream(new MemoryStream(Encoding.ASCII.GetBytes(content)));
        var error = await Assert.ThrowsAsync<ArgumentException>(async () => { await foreach (var _ in source.ReadMonoAsync(16_000, default)) { } });
        Assert.Equal("wav", error.ParamName);
    }

    [Fact]
    public void Unsupported_formats_are_rejected_before_anything_is_sent()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LiveAudioFormat(1000));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LiveAudioFormat(16_000, 0));
        Assert.Throws<ArgumentException>(() => LiveAudioSource.FromWavFile("/no/such/file.wav"));
    }

    [Fact]
    public async Task Pacer_releases_each_frame_at_its_audio_position_on_an_absolute_schedule()
    {
        var clock = new FakeTimeProvider();
        var pacer = new RealTimePacer(clock, LivePacing.RealTime);
        await pacer.WaitAsync(TimeSpan.Zero, default); // the first frame sets t0

        var second = pacer.WaitAsync(TimeSpan.FromMilliseconds(100), default).AsTask();
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await second;

        // A sender that fell behind (slow network) is not delayed further: no drift accumulates.
        clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.True(pacer.WaitAsync(TimeSpan.FromMilliseconds(200), default).IsCompleted);
        Assert.True(pacer.WaitAsync(TimeSpan.FromMilliseconds(600), default).IsCompleted);
        var ahead = pacer.WaitAsync(TimeSpan.FromMilliseconds(700), default).AsTask();
        Assert.False(ahead.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(100));
        await ahead;

        Assert.True(new RealTimePacer(clock, LivePacing.None).WaitAsync(TimeSpan.FromHours(1), default).IsCompleted);
    }

    internal static byte[] Wav(int rate, int channels, int tag, int bits, byte[] data)
    {
        var header = new byte[44];
        Encoding.ASCII.GetBytes("RIFF").CopyTo(header, 0);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), 36 + data.Length);
        Encoding.ASCII.GetBytes("WAVEfmt ").CopyTo(header, 8);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(20), (short)tag);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(22), (short)channels);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(24), rate);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(28), rate * channels * bits / 8);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(32), (short)(channels * bits / 8));
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(34), (short)bits);
        Encoding.ASCII.GetBytes("data").CopyTo(header, 36);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(40), data.Length);
        return header.Concat(data).ToArray();
    }
}

public sealed class PyannoteLiveParsingTests
{
    private static PyannoteLiveConnection.Parser NewParser() => new();

    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "pyannote", name));

    [Fact]
    public void Published_examples_parse_into_typed_events_with_TimeSpan_times()
    {
        var parser = NewParser();
        var start = Assert.IsType<PyannoteSpeakerStarted>(parser.Parse(Fixture("stream-event-speaker-start.json")));
        Assert.Equal(new PyannoteSpeakerStarted("SPEAKER_00", TimeSpan.FromSeconds(1.24)), start);
        var end = Assert.IsType<PyannoteSpeakerEnded>(parser.Parse(Fixture("stream-event-speaker-end.json")));
        Assert.Equal(new PyannoteSpeakerEnded("SPEAKER_00", TimeSpan.FromSeconds(3.863), TimeSpan.FromSeconds(1.24)), end);
        Assert.Equal(new PyannoteLiveError("Invalid chunk size"), parser.Parse(Fixture("stream-event-error.json")));
    }

    [Fact]
    public void The_end_of_stream_message_is_the_published_one()
    {
        Assert.Equal(
            System.Text.Json.JsonDocument.Parse(Fixture("end-of-stream-message.json")).RootElement.GetRawText().Replace(" ", ""),
            Encoding.UTF8.GetString(PyannoteLiveConnection.EndOfStreamMessage));
    }

    [Theory]
    [InlineData("""{"type":"diarization_speaker_start","data":{"speaker":"S"}}""")]
    [InlineData("""{"type":"diarization_speaker_start","data":{"timestamp":-1,"speaker":"S"}}""")]
    [InlineData("""{"type":"diarization_speaker_end"}""")]
    public void Malformed_speaker_events_are_rejected(string json)
    {
        Assert.Throws<System.Text.Json.JsonException>(() => NewParser().Parse(Encoding.UTF8.GetBytes(json)));
    }

    [Theory]
    [InlineData("""{"type":"something_new","data":{}}""")]
    [InlineData("""[1,2]""")]
    [InlineData("""{"no_type":1}""")]
    public void Unknown_messages_are_ignored(string json) => Assert.Null(NewParser().Parse(Encoding.UTF8.GetBytes(json)));
}

namespace Pyannote.Sdk.Live;

/// <summary>How each PCM sample of a live audio source is stored.</summary>
public enum LiveSampleEncoding
{
    /// <summary>Signed 16-bit little-endian integers (<c>pcm_s16le</c>), the most common capture format.</summary>
    Pcm16,

    /// <summary>Signed 24-bit little-endian integers packed in 3 bytes.</summary>
    Pcm24,

    /// <summary>Signed 32-bit little-endian integers.</summary>
    Pcm32,

    /// <summary>32-bit little-endian IEEE floats in the range −1.0…1.0 (<c>pcm_f32le</c>).</summary>
    Float32,
}

/// <summary>
/// The declared format of raw PCM audio given to a live session: sample rate, channel count (interleaved) and sample
/// encoding. The SDK converts it to what each vendor needs (16 kHz mono float32 for pyannoteAI, 16 kHz mono 16-bit for
/// Together AI): channels are averaged, the rate is resampled and the encoding converted.
/// </summary>
public sealed record LiveAudioFormat
{
    /// <summary>Creates a format.</summary>
    /// <param name="sampleRate">Samples per second per channel, 4,000 to 384,000.</param>
    /// <param name="channels">Interleaved channels, 1 to 32.</param>
    /// <param name="encoding">How each sample is stored.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public LiveAudioFormat(int sampleRate, int channels = 1, LiveSampleEncoding encoding = LiveSampleEncoding.Pcm16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 4_000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, 384_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, 32);
        if (!Enum.IsDefined(encoding))
        {
            throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unknown sample encoding.");
        }

        SampleRate = sampleRate;
        Channels = channels;
        Encoding = encoding;
    }

    /// <summary>16 kHz mono 16-bit PCM, what Together AI real-time transcription takes.</summary>
    public static LiveAudioFormat Pcm16Mono16kHz { get; } = new(16_000);

    /// <summary>16 kHz mono float32 PCM, what pyannoteAI live diarization takes.</summary>
    public static LiveAudioFormat Float32Mono16kHz { get; } = new(16_000, 1, LiveSampleEncoding.Float32);

    /// <summary>Samples per second per channel.</summary>
    public int SampleRate { get; }

    /// <summary>Interleaved channels.</summary>
    public int Channels { get; }

    /// <summary>How each sample is stored.</summary>
    public LiveSampleEncoding Encoding { get; }

    /// <summary>Bytes of one sample of one channel.</summary>
    public int BytesPerSample => Encoding switch
    {
        LiveSampleEncoding.Pcm16 => 2,
        LiveSampleEncoding.Pcm24 => 3,
        _ => 4,
    };

    /// <summary>Bytes of one sample frame (one sample of every channel).</summary>
    public int BlockAlign => BytesPerSample * Channels;

    /// <summary>Bytes of one second of audio.</summary>
    public int BytesPerSecond => BlockAlign * SampleRate;
}

/// <summary>How fast a live session sends recorded audio.</summary>
public enum LivePacing
{
    /// <summary>No faster than real time: audio position <c>t</c> is sent no earlier than <c>t</c> after the first frame
    /// (an absolute schedule, so there is no drift). Audio captured live already arrives at that pace. The default, and
    /// what pyannoteAI requires (it keeps 5 s of buffer and drops a client that runs further ahead).</summary>
    RealTime,

    /// <summary>As fast as the connection allows. Only for the local emulator started without pacing (tests,
    /// benchmarks): the real pyannoteAI service closes a session that runs more than 5 s ahead of real time.</summary>
    None,
}

namespace Pyannote.Sdk.NanoGpt;

/// <summary>
/// A NanoGPT speech-to-text model. Open-ended: any model name NanoGPT adds later can be used with
/// <see cref="NanoGptModel(string)"/>. Whisper, Wizper and the gpt-4o-mini models answer at once; Elevenlabs-STT and the
/// voice-clone models answer with a job. Only <see cref="ElevenlabsStt"/> attributes words to speakers.
/// </summary>
public readonly struct NanoGptModel : IEquatable<NanoGptModel>
{
    private readonly string? _value;

    /// <summary>Creates a model from its NanoGPT name.</summary>
    /// <param name="value">The model name, as NanoGPT spells it.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or blank.</exception>
    public NanoGptModel(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary><c>Whisper-Large-V3</c>, NanoGPT's default; synchronous.</summary>
    public static NanoGptModel WhisperLargeV3 { get; } = new("Whisper-Large-V3");

    /// <summary><c>Wizper</c>, a fast Whisper variant; synchronous.</summary>
    public static NanoGptModel Wizper { get; } = new("Wizper");

    /// <summary><c>Elevenlabs-STT</c>: runs as a job, gives word timings and, with diarization, speakers.</summary>
    public static NanoGptModel ElevenlabsStt { get; } = new("Elevenlabs-STT");

    /// <summary><c>gpt-4o-mini-transcribe</c>; synchronous.</summary>
    public static NanoGptModel Gpt4oMiniTranscribe { get; } = new("gpt-4o-mini-transcribe");

    /// <summary><c>gpt-4o-mini-transcribe-2025-03-20</c>; synchronous.</summary>
    public static NanoGptModel Gpt4oMiniTranscribe20250320 { get; } = new("gpt-4o-mini-transcribe-2025-03-20");

    /// <summary><c>gpt-4o-mini-transcribe-2025-12-15</c>; synchronous.</summary>
    public static NanoGptModel Gpt4oMiniTranscribe20251215 { get; } = new("gpt-4o-mini-transcribe-2025-12-15");

    /// <summary><c>gpt-4o-mini-transcribe-latest</c>; synchronous.</summary>
    public static NanoGptModel Gpt4oMiniTranscribeLatest { get; } = new("gpt-4o-mini-transcribe-latest");

    /// <summary><c>openai-whisper-with-video</c>: Whisper that also takes video files.</summary>
    public static NanoGptModel OpenAIWhisperWithVideo { get; } = new("openai-whisper-with-video");

    /// <summary><c>qwen-voice-clone</c>: a voice-cloning workflow; runs as a job.</summary>
    public static NanoGptModel QwenVoiceClone { get; } = new("qwen-voice-clone");

    /// <summary><c>minimax-voice-clone</c>: a voice-cloning workflow; runs as a job.</summary>
    public static NanoGptModel MinimaxVoiceClone { get; } = new("minimax-voice-clone");

    /// <summary>The models listed in NanoGPT's reference, in its order.</summary>
    public static IReadOnlyList<NanoGptModel> KnownValues { get; } =
    [
        WhisperLargeV3, Wizper, ElevenlabsStt, Gpt4oMiniTranscribe, Gpt4oMiniTranscribe20250320, Gpt4oMiniTranscribe20251215,
        Gpt4oMiniTranscribeLatest, OpenAIWhisperWithVideo, QwenVoiceClone, MinimaxVoiceClone,
    ];

    /// <summary>Whether the model accepts <c>diarize</c> and <c>tagAudioEvents</c> (only Elevenlabs-STT does).</summary>
    public bool SupportsDiarization => Equals(ElevenlabsStt);

    /// <summary>The model name, exactly as sent to or received from the vendor (empty for <c>default(NanoGptModel)</c>).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Converts a string to a NanoGptModel (the same as <see cref="NanoGptModel(string)"/>).</summary>
    /// <param name="value">The model name.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or blank.</exception>
    public static implicit operator NanoGptModel(string value) => new(value);

    /// <summary>Compares two values, ignoring case (ordinal).</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(NanoGptModel left, NanoGptModel right) => left.Equals(right);

    /// <summary>Compares two values, ignoring case (ordinal).</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(NanoGptModel left, NanoGptModel right) => !left.Equals(right);

    /// <summary>Compares with another value, ignoring case (ordinal).</summary>
    /// <param name="other">The other value.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(NanoGptModel other) => ExtensibleValue.Equal(_value, other._value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is NanoGptModel other && Equals(other);

    /// <summary>A hash code that agrees with <see cref="Equals(NanoGptModel)"/> (case-insensitive).</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => ExtensibleValue.Hash(_value);

    /// <summary>The model name (<see cref="Value"/>).</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;
}

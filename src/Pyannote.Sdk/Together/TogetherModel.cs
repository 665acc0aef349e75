namespace Pyannote.Sdk.Together;

/// <summary>
/// A Together AI speech-to-text model identifier. Open-ended: any identifier the service accepts can be used, the
/// static properties list the models known when this SDK was written.
/// </summary>
public readonly struct TogetherModel : IEquatable<TogetherModel>
{
    private readonly string? _value;

    /// <summary>Creates a model identifier.</summary>
    /// <param name="value">The identifier, for example <c>openai/whisper-large-v3</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or empty.</exception>
    public TogetherModel(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>OpenAI Whisper large v3, the service's default; transcription and translation.</summary>
    public static TogetherModel WhisperLargeV3 { get; } = new("openai/whisper-large-v3");

    /// <summary>NVIDIA Parakeet TDT 0.6B v3: transcription with diarization.</summary>
    public static TogetherModel ParakeetTdt06bV3 { get; } = new("nvidia/parakeet-tdt-0.6b-v3");

    /// <summary>Mistral Voxtral Mini 3B (2507).</summary>
    public static TogetherModel VoxtralMini3B { get; } = new("mistralai/Voxtral-Mini-3B-2507");

    /// <summary>The identifier as sent to the service.</summary>
    public string Value => _value ?? WhisperLargeV3._value!;

    /// <summary>Converts a string to a model identifier.</summary>
    /// <param name="value">The identifier.</param>
    public static implicit operator TogetherModel(string value) => new(value);

    /// <summary>Compares two identifiers (ordinal, case-sensitive).</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(TogetherModel left, TogetherModel right) => left.Equals(right);

    /// <summary>Compares two identifiers (ordinal, case-sensitive).</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(TogetherModel left, TogetherModel right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(TogetherModel other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TogetherModel other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

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
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or blank.</exception>
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

    /// <summary>The identifier, exactly as sent to or received from the vendor (empty for <c>default(TogetherModel)</c>).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Converts a string to a TogetherModel (the same as <see cref="TogetherModel(string)"/>).</summary>
    /// <param name="value">The identifier.</param>
    /// <returns>The model identifier.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or blank.</exception>
    public static implicit operator TogetherModel(string value) => new(value);

    /// <summary>Compares two values, ignoring case (ordinal).</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(TogetherModel left, TogetherModel right) => left.Equals(right);

    /// <summary>Compares two values, ignoring case (ordinal).</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(TogetherModel left, TogetherModel right) => !left.Equals(right);

    /// <summary>Compares with another value, ignoring case (ordinal).</summary>
    /// <param name="other">The other value.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(TogetherModel other) => ExtensibleValue.Equal(_value, other._value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TogetherModel other && Equals(other);

    /// <summary>A hash code that agrees with <see cref="Equals(TogetherModel)"/> (case-insensitive).</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => ExtensibleValue.Hash(_value);

    /// <summary>The identifier (<see cref="Value"/>).</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;
}

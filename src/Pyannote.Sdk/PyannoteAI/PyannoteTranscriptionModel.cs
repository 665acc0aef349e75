namespace Pyannote.Sdk.PyannoteAI;

/// <summary>A speech-to-text model of pyannoteAI's transcription add-on. Open-ended, like <see cref="PyannoteModel"/>.</summary>
public readonly struct PyannoteTranscriptionModel : IEquatable<PyannoteTranscriptionModel>
{
    private readonly string? _value;

    /// <summary>Creates a transcription model from its name.</summary>
    /// <param name="value">The model name as pyannoteAI spells it.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or blank.</exception>
    public PyannoteTranscriptionModel(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary><c>parakeet-tdt-0.6b-v3</c>: NVIDIA Parakeet, 25 European languages; the service default.</summary>
    public static PyannoteTranscriptionModel ParakeetTdt06bV3 { get; } = new("parakeet-tdt-0.6b-v3");

    /// <summary><c>faster-whisper-large-v3-turbo</c>: Whisper large-v3 turbo, about 99 languages.</summary>
    public static PyannoteTranscriptionModel FasterWhisperLargeV3Turbo { get; } = new("faster-whisper-large-v3-turbo");

    /// <summary>The model name, exactly as sent to or received from the vendor (empty for <c>default(PyannoteTranscriptionModel)</c>).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Converts a string to a PyannoteTranscriptionModel (the same as <see cref="PyannoteTranscriptionModel(string)"/>).</summary>
    /// <param name="value">The model name.</param>
    /// <returns>The transcription model.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or blank.</exception>
    public static implicit operator PyannoteTranscriptionModel(string value) => new(value);

    /// <summary>Compares two values, ignoring case (ordinal).</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(PyannoteTranscriptionModel left, PyannoteTranscriptionModel right) => left.Equals(right);

    /// <summary>Compares two values, ignoring case (ordinal).</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(PyannoteTranscriptionModel left, PyannoteTranscriptionModel right) => !left.Equals(right);

    /// <summary>Compares with another value, ignoring case (ordinal).</summary>
    /// <param name="other">The other value.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(PyannoteTranscriptionModel other) => ExtensibleValue.Equal(_value, other._value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PyannoteTranscriptionModel other && Equals(other);

    /// <summary>A hash code that agrees with <see cref="Equals(PyannoteTranscriptionModel)"/> (case-insensitive).</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => ExtensibleValue.Hash(_value);

    /// <summary>The model name (<see cref="Value"/>).</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;
}

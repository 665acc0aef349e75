namespace Pyannote.Sdk.PyannoteAI;

/// <summary>A speech-to-text model of pyannoteAI's transcription add-on. Open-ended, like <see cref="PyannoteModel"/>.</summary>
public readonly struct PyannoteTranscriptionModel : IEquatable<PyannoteTranscriptionModel>
{
    private readonly string? _value;

    /// <summary>Creates a transcription model from its name.</summary>
    /// <param name="value">The model name as pyannoteAI spells it.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or empty.</exception>
    public PyannoteTranscriptionModel(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary><c>parakeet-tdt-0.6b-v3</c>: NVIDIA Parakeet, 25 European languages; the service default.</summary>
    public static PyannoteTranscriptionModel ParakeetTdt06bV3 { get; } = new("parakeet-tdt-0.6b-v3");

    /// <summary><c>faster-whisper-large-v3-turbo</c>: Whisper large-v3 turbo, about 99 languages.</summary>
    public static PyannoteTranscriptionModel FasterWhisperLargeV3Turbo { get; } = new("faster-whisper-large-v3-turbo");

    /// <inheritdoc />
    public bool Equals(PyannoteTranscriptionModel other) => string.Equals(_value, other._value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PyannoteTranscriptionModel other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_value);

    /// <summary>The model name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => _value ?? string.Empty;

    /// <summary>Compares two models, ignoring case.</summary>
    /// <param name="left">The first model.</param>
    /// <param name="right">The second model.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(PyannoteTranscriptionModel left, PyannoteTranscriptionModel right) => left.Equals(right);

    /// <summary>Compares two models, ignoring case.</summary>
    /// <param name="left">The first model.</param>
    /// <param name="right">The second model.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(PyannoteTranscriptionModel left, PyannoteTranscriptionModel right) => !left.Equals(right);
}

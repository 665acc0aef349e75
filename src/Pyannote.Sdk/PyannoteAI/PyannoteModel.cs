namespace Pyannote.Sdk.PyannoteAI;

/// <summary>A pyannoteAI diarization model. Open-ended: any model name the service accepts can be used with
/// <see cref="PyannoteModel(string)"/>.</summary>
public readonly struct PyannoteModel : IEquatable<PyannoteModel>
{
    private readonly string? _value;

    /// <summary>Creates a model from its name.</summary>
    /// <param name="value">The model name as pyannoteAI spells it.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or empty.</exception>
    public PyannoteModel(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary><c>precision-2</c>: the most accurate model and the service default; the only one with the speech-to-text
    /// add-on, identification and voiceprints.</summary>
    public static PyannoteModel Precision2 { get; } = new("precision-2");

    /// <summary><c>community-1</c>: the open-source model, hosted.</summary>
    public static PyannoteModel Community1 { get; } = new("community-1");

    /// <inheritdoc />
    public bool Equals(PyannoteModel other) => string.Equals(_value, other._value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PyannoteModel other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_value);

    /// <summary>The model name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => _value ?? string.Empty;

    /// <summary>Compares two models, ignoring case.</summary>
    /// <param name="left">The first model.</param>
    /// <param name="right">The second model.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(PyannoteModel left, PyannoteModel right) => left.Equals(right);

    /// <summary>Compares two models, ignoring case.</summary>
    /// <param name="left">The first model.</param>
    /// <param name="right">The second model.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(PyannoteModel left, PyannoteModel right) => !left.Equals(right);
}

namespace Pyannote.Sdk.PyannoteAI;

/// <summary>A pyannoteAI diarization model. Open-ended: any model name the service accepts can be used with
/// <see cref="PyannoteModel(string)"/>.</summary>
public readonly struct PyannoteModel : IEquatable<PyannoteModel>
{
    private readonly string? _value;

    /// <summary>Creates a model from its name.</summary>
    /// <param name="value">The model name as pyannoteAI spells it.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or blank.</exception>
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

    /// <summary>The model name, exactly as sent to or received from the vendor (empty for <c>default(PyannoteModel)</c>).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Converts a string to a PyannoteModel (the same as <see cref="PyannoteModel(string)"/>).</summary>
    /// <param name="value">The model name.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or blank.</exception>
    public static implicit operator PyannoteModel(string value) => new(value);

    /// <summary>Compares two values, ignoring case (ordinal).</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(PyannoteModel left, PyannoteModel right) => left.Equals(right);

    /// <summary>Compares two values, ignoring case (ordinal).</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(PyannoteModel left, PyannoteModel right) => !left.Equals(right);

    /// <summary>Compares with another value, ignoring case (ordinal).</summary>
    /// <param name="other">The other value.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(PyannoteModel other) => ExtensibleValue.Equal(_value, other._value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PyannoteModel other && Equals(other);

    /// <summary>A hash code that agrees with <see cref="Equals(PyannoteModel)"/> (case-insensitive).</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => ExtensibleValue.Hash(_value);

    /// <summary>The model name (<see cref="Value"/>).</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;
}

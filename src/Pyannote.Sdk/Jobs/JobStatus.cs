namespace Pyannote.Sdk.Jobs;

/// <summary>
/// A vendor job's status, kept as the vendor spelled it. Open-ended: a status the SDK does not know yet still parses.
/// pyannoteAI uses pending, created, running, succeeded, failed, canceled; NanoGPT uses pending, processing,
/// completed, failed.
/// </summary>
public readonly struct JobStatus : IEquatable<JobStatus>
{
    private readonly string? _value;

    /// <summary>Creates a status from the vendor's value.</summary>
    /// <param name="value">The vendor's status string.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or blank.</exception>
    public JobStatus(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Accepted, not started (both vendors).</summary>
    public static JobStatus Pending { get; } = new("pending");

    /// <summary>Created, not started (pyannoteAI).</summary>
    public static JobStatus Created { get; } = new("created");

    /// <summary>In progress (pyannoteAI).</summary>
    public static JobStatus Running { get; } = new("running");

    /// <summary>In progress (NanoGPT).</summary>
    public static JobStatus Processing { get; } = new("processing");

    /// <summary>Finished with a result (pyannoteAI).</summary>
    public static JobStatus Succeeded { get; } = new("succeeded");

    /// <summary>Finished with a result (NanoGPT).</summary>
    public static JobStatus Completed { get; } = new("completed");

    /// <summary>Finished without a result (both vendors).</summary>
    public static JobStatus Failed { get; } = new("failed");

    /// <summary>Canceled (pyannoteAI; not billed).</summary>
    public static JobStatus Canceled { get; } = new("canceled");

    /// <summary>Whether the job finished with a result.</summary>
    public bool IsSucceeded => Equals(Succeeded) || Equals(Completed);

    /// <summary>Whether the job failed.</summary>
    public bool IsFailed => Equals(Failed);

    /// <summary>Whether the job was canceled.</summary>
    public bool IsCanceled => Equals(Canceled) || Equals(new JobStatus("cancelled"));

    /// <summary>Whether the job will not change any more.</summary>
    public bool IsTerminal => IsSucceeded || IsFailed || IsCanceled;

    /// <summary>The vendor's status string, exactly as sent to or received from the vendor (empty for <c>default(JobStatus)</c>).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Converts a string to a JobStatus (the same as <see cref="JobStatus(string)"/>).</summary>
    /// <param name="value">The vendor's status string.</param>
    /// <returns>The status.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or blank.</exception>
    public static implicit operator JobStatus(string value) => new(value);

    /// <summary>Compares two values, ignoring case (ordinal).</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(JobStatus left, JobStatus right) => left.Equals(right);

    /// <summary>Compares two values, ignoring case (ordinal).</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(JobStatus left, JobStatus right) => !left.Equals(right);

    /// <summary>Compares with another value, ignoring case (ordinal).</summary>
    /// <param name="other">The other value.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(JobStatus other) => ExtensibleValue.Equal(_value, other._value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is JobStatus other && Equals(other);

    /// <summary>A hash code that agrees with <see cref="Equals(JobStatus)"/> (case-insensitive).</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => ExtensibleValue.Hash(_value);

    /// <summary>The vendor's status string (<see cref="Value"/>).</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;
}

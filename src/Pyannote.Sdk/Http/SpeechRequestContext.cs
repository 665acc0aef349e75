namespace Pyannote.Sdk.Http;

/// <summary>What the pipeline must know about a request to retry it safely.</summary>
internal enum RequestKind
{
    /// <summary>Safe to repeat: GET, job status polls (including NanoGPT's status POST), pre-signed upload PUT.</summary>
    Idempotent,

    /// <summary>Creates billed work (a job, a synchronous transcription): repeated only when the vendor provably did not process it.</summary>
    Billed,
}

/// <summary>
/// The operation name and retry class of the request being sent. Hand-written code opens a scope around a call to a
/// generated client (<c>using var _ = SpeechRequestContext.Begin("pyannote.diarize", RequestKind.Billed);</c>); the
/// pipeline's handlers read it from the request's options, or from the ambient scope.
/// </summary>
internal sealed record SpeechRequestContext(string Operation, RequestKind Kind, bool Anonymous = false)
{
    private static readonly AsyncLocal<SpeechRequestContext?> Ambient = new();

    public static readonly HttpRequestOptionsKey<SpeechRequestContext> OptionKey = new("Pyannote.Sdk.RequestContext");

    /// <summary>How many times this call's request may reach the transport, and how many times it did: read by
    /// <see cref="BilledOnceHandler"/>, widened only by the SDK's own retry and redirect decisions.</summary>
    internal SendLedger Sends { get; } = new();

    /// <summary>Contexts are equal by what they describe; each call's send count is its own.</summary>
    public bool Equals(SpeechRequestContext? other) =>
        other is not null && Operation == other.Operation && Kind == other.Kind && Anonymous == other.Anonymous;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Operation, Kind, Anonymous);

    /// <summary>Sets the ambient context for calls made inside the scope.</summary>
    public static IDisposable Begin(string operation, RequestKind kind, bool anonymous = false)
    {
        var previous = Ambient.Value;
        Ambient.Value = new SpeechRequestContext(operation, kind, anonymous);
        return new Scope(previous);
    }

    /// <summary>The operation of the ambient scope, if any (for exceptions raised inside a call).</summary>
    public static string? CurrentOperation => Ambient.Value?.Operation;

    /// <summary>Attaches a context to one request (for requests the hand-written layer builds itself).</summary>
    public void ApplyTo(HttpRequestMessage request) => request.Options.Set(OptionKey, this);

    /// <summary>The context of <paramref name="request"/>: its own, else the ambient one, else a default from the HTTP method.</summary>
    public static SpeechRequestContext For(HttpRequestMessage request)
    {
        if (request.Options.TryGetValue(OptionKey, out var own))
        {
            return own;
        }

        if (Ambient.Value is { } ambient)
        {
            return ambient;
        }

        var m = request.Method;
        var safe = m == HttpMethod.Get || m == HttpMethod.Head || m == HttpMethod.Options || m == HttpMethod.Put || m == HttpMethod.Delete;
        return new SpeechRequestContext(m.Method.ToLowerInvariant() + " " + request.RequestUri?.AbsolutePath, safe ? RequestKind.Idempotent : RequestKind.Billed);
    }

    private sealed class Scope(SpeechRequestContext? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}

/// <summary>Counts the sends of one call's request against the sends the SDK's own policy allowed.</summary>
internal sealed class SendLedger
{
    private int _sent;
    private int _allowed = 1;

    /// <summary>Sends made so far.</summary>
    public int Sent => Volatile.Read(ref _sent);

    /// <summary>Allows one more send (the SDK decided to retry, or to follow a redirect).</summary>
    public void Allow() => Interlocked.Increment(ref _allowed);

    /// <summary>Records a send; <see langword="false"/> when it is one more than the SDK allowed.</summary>
    public bool TryRecord() => Interlocked.Increment(ref _sent) <= Volatile.Read(ref _allowed);
}

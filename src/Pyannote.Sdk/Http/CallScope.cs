namespace Pyannote.Sdk.Http;

/// <summary>
/// The ambient state of one public SDK call: the caller's <see cref="SpeechRequestOptions"/> (read by the pipeline's
/// handlers for every request the call makes) and the last successful answer (recorded by the pipeline, attached to
/// the result by the client). Scopes nest: an inner scope inherits the options and records its own answer.
/// </summary>
internal sealed class CallScope : IDisposable
{
    private static readonly AsyncLocal<CallScope?> Ambient = new();
    private readonly CallScope? _previous;

    private CallScope(SpeechRequestOptions? options, CallScope? previous)
    {
        Options = options;
        _previous = previous;
    }

    /// <summary>The innermost open scope of this async flow, if any.</summary>
    public static CallScope? Current => Ambient.Value;

    /// <summary>The per-call options, inherited from an outer scope when this one has none.</summary>
    public SpeechRequestOptions? Options { get; }

    /// <summary>The last successful answer of this scope.</summary>
    public SpeechResponseInfo? LastResponse { get; private set; }

    /// <summary>Opens a scope; <paramref name="options"/> are validated first.</summary>
    /// <exception cref="ArgumentException">The options break a rule.</exception>
    public static CallScope Begin(SpeechRequestOptions? options, string paramName = "requestOptions")
    {
        options?.Validate(paramName);
        var previous = Ambient.Value;
        var scope = new CallScope(options ?? previous?.Options, previous);
        Ambient.Value = scope;
        return scope;
    }

    /// <summary>Records a successful answer in the current scope and its outer scopes.</summary>
    public static void Record(HttpResponseMessage response)
    {
        if (Ambient.Value is not { } scope)
        {
            return;
        }

        var info = SpeechResponseInfo.From(response);
        for (var s = scope; s is not null; s = s._previous)
        {
            s.LastResponse = info;
        }
    }

    public void Dispose() => Ambient.Value = _previous;
}

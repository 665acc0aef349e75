using System.Diagnostics;

namespace Pyannote.Sdk.Http;

/// <summary>What the handlers of one logical request share: the attempts made so far and the request's span.</summary>
internal sealed class RequestState
{
    public static readonly HttpRequestOptionsKey<RequestState> Key = new("Pyannote.Sdk.RequestState");

    /// <summary>Attempts sent so far (1 for a request that was not retried).</summary>
    public int Attempts { get; set; }

    /// <summary>The request's span, if anyone listens.</summary>
    public Activity? Activity { get; init; }

    public static RequestState? For(HttpRequestMessage request) =>
        request.Options.TryGetValue(Key, out var state) ? state : null;
}

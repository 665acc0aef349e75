using System.Diagnostics;

namespace Pyannote.Sdk.Http;

/// <summary>What the handlers of one logical request share: the attempts made so far and the request's span.</summary>
internal sealed class RequestState
{
    public static readonly HttpRequestOptionsKey<RequestState> Key = new("Pyannote.Sdk.RequestState");

    /// <summary>Attempts sent so far (1 for a request that was not retried).</summary>
    public int Attempts { get; set; }

    /// <summary>Whether the last attempt started sending its body (so a broken connection may have delivered it).</summary>
    public bool LastAttemptSendStarted { get; set; }

    /// <summary>The request's span, if anyone listens.</summary>
    public Activity? Activity { get; set; }

    public static RequestState? For(HttpRequestMessage request) =>
        request.Options.TryGetValue(Key, out var state) ? state : null;
}

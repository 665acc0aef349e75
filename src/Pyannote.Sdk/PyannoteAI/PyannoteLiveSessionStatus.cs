namespace Pyannote.Sdk.PyannoteAI;

/// <summary>Status of a live session as reported by <c>GET /v1/live/{id}</c>. The vendor does not document when each
/// status is set.</summary>
/// <param name="Id">The session id.</param>
/// <param name="Status">The raw status: <c>created</c>, <c>running</c>, <c>done</c> or <c>error</c> (others are passed through).</param>
/// <param name="StartedAt">When streaming started, if it has.</param>
/// <param name="CompletedAt">When the session ended, if it has.</param>
public sealed record PyannoteLiveSessionStatus(string Id, string? Status, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt)
{
    /// <summary>Whether the session has ended (<c>done</c> or <c>error</c>).</summary>
    public bool IsTerminal => Status is "done" or "error";
}

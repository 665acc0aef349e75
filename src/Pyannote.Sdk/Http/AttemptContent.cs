using System.Net;

namespace Pyannote.Sdk.Http;

/// <summary>
/// Wraps a request's content for one attempt: the same headers and bytes, plus signals when the body starts and
/// finishes being written. The retry handler reads them to know whether a body left the machine; the timeout handler
/// uses them so the network timeout never applies to an upload's body. The wrapped content is not disposed.
/// </summary>
internal sealed class AttemptContent : HttpContent
{
    private readonly HttpContent _inner;
    private int _started;
    private int _completed;

    public AttemptContent(HttpContent inner)
    {
        _inner = inner;
        foreach (var header in inner.Headers)
        {
            if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        if (inner.Headers.ContentLength is { } length)
        {
            Headers.ContentLength = length;
        }
    }

    /// <summary>Called when the body starts being written (set by the timeout handler).</summary>
    public Action? BodyStarted { get; set; }

    /// <summary>Called when the whole body has been written (set by the timeout handler).</summary>
    public Action? BodyCompleted { get; set; }

    /// <summary>Whether any part of the body has started to be written to the connection.</summary>
    public bool SendStarted => Volatile.Read(ref _started) != 0;

    /// <summary>Whether the wrapped content produces the same bytes every time it is written.</summary>
    public bool Replayable => IsReplayable(_inner);

    /// <summary>Whether the whole body was written.</summary>
    public bool SendCompleted => Volatile.Read(ref _completed) != 0;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _started, 1);
        BodyStarted?.Invoke();
        await _inner.CopyToAsync(stream, context, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _completed, 1);
        BodyCompleted?.Invoke();
    }

    protected override bool TryComputeLength(out long length)
    {
        var known = _inner.Headers.ContentLength;
        length = known ?? 0;
        return known.HasValue;
    }

    /// <summary>Whether <paramref name="content"/> produces the same bytes every time it is written, so a retry after
    /// it was (partly) sent re-sends the whole body. Unknown content types (a <see cref="StreamContent"/> over a caller's
    /// stream, for example) are treated as read-once.</summary>
    public static bool IsReplayable(HttpContent? content) => content switch
    {
        null => true,
        ReplayableContent or ByteArrayContent or ReadOnlyMemoryContent => true,
        MultipartContent multipart => multipart.All(IsReplayable),
        _ => content.GetType().FullName == "System.Net.Http.Json.JsonContent",
    };
}

using System.Net;

namespace Pyannote.Sdk.Http;

/// <summary>
/// A success response's body, cut off at <see cref="SpeechClientOptions.MaxResponseBodySize"/>: reading past it throws
/// <see cref="SpeechResponseFormatException"/>, so a runaway or hostile answer (a chunked body of gigabytes) cannot
/// exhaust memory however the caller reads it (as a stream, a string, or buffered by <see cref="HttpClient"/>).
/// </summary>
internal sealed class BoundedContent : HttpContent
{
    private readonly HttpContent _inner;
    private readonly long _max;
    private readonly SpeechVendor _vendor;
    private readonly int _status;
    private readonly string _operation;
    private readonly bool _billed;

    public BoundedContent(HttpContent inner, long max, SpeechVendor vendor, int status, string operation, bool billed)
    {
        _billed = billed;
        _inner = inner;
        _max = max;
        _vendor = vendor;
        _status = status;
        _operation = operation;
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    /// <summary>The exception for an answer longer than the limit.</summary>
    public static SpeechResponseFormatException TooLong(SpeechVendor vendor, int status, string operation, long max, long? declared) =>
        new(vendor, status, $"{operation}: the answer is longer than MaxResponseBodySize ({max:N0} bytes{(declared is { } d ? $"; it declared {d:N0}" : string.Empty)}); raise the option if such answers are expected.");

    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
        new BoundedStream(await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), this);

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await using var source = await CreateContentReadStreamAsync(cancellationToken).ConfigureAwait(false);
        await source.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        var known = _inner.Headers.ContentLength;
        length = known ?? 0;
        return known.HasValue;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class BoundedStream(Stream inner, BoundedContent owner) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (owner._billed && ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
            {
                // The vendor answered a billed request, so it processed it: never a bare HttpRequestException, which
                // generic retry policies would repeat.
                throw new SpeechOutcomeUnknownException(
                    owner._vendor,
                    owner._operation,
                    $"{owner._vendor.DisplayName()} {owner._operation}: the connection failed while the answer was being read ({ex.Message}). The vendor processed the request and may have billed it; the SDK does not send it again.",
                    ex);
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        public override ValueTask DisposeAsync() => inner.DisposeAsync();

        private int Count(int n)
        {
            _read += n;
            if (_read > owner._max)
            {
                throw TooLong(owner._vendor, owner._status, owner._operation, owner._max, null);
            }

            return n;
        }
    }
}

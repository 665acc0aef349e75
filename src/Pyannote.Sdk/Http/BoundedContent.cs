namespace Pyannote.Sdk.Http;

/// <summary>
/// A success response's body, cut off at <see cref="SpeechClientOptions.MaxResponseBodySize"/>: reading past it throws
/// <see cref="SpeechResponseFormatException"/>, so a runaway or hostile answer (a chunked body of gigabytes) cannot
/// exhaust memory however the caller reads it (as a stream, a string, or buffered by <see cref="HttpClient"/>).
/// </summary>
internal sealed class BoundedContent : WrappedResponseContent
{
    private readonly long _max;
    private readonly SpeechVendor _vendor;
    private readonly int _status;
    private readonly string _operation;

    public BoundedContent(HttpContent inner, long max, SpeechVendor vendor, int status, string operation)
        : base(inner)
    {
        _max = max;
        _vendor = vendor;
        _status = status;
        _operation = operation;
    }

    /// <summary>The exception for an answer longer than the limit.</summary>
    public static SpeechResponseFormatException TooLong(SpeechVendor vendor, int status, string operation, long max, long? declared) =>
        new(vendor, status, $"{operation}: the answer is longer than MaxResponseBodySize ({max:N0} bytes{(declared is { } d ? $"; it declared {d:N0}" : string.Empty)}); raise the option if such answers are expected.");

    protected override Stream Wrap(Stream inner) => new BoundedStream(inner, this);

    private sealed class BoundedStream(Stream inner, BoundedContent owner) : ReadOnlyWrapperStream(inner)
    {
        private long _read;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await Inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override int Read(byte[] buffer, int offset, int count) => Count(Inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(Inner.Read(buffer));

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

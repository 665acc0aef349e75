namespace Pyannote.Sdk.Http;

/// <summary>
/// Response content whose body must keep arriving: each read waits at most <see cref="SpeechClientOptions.NetworkTimeout"/>
/// for data, so a server that sends headers and then stalls cannot hang the caller (the SDK's <see cref="HttpClient"/> has
/// no overall timeout). Expiry throws <see cref="SpeechTimeoutException"/>; the caller's token still gives
/// <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class IdleTimeoutContent : WrappedResponseContent
{
    private readonly TimeSpan _idle;
    private readonly TimeProvider _clock;
    private readonly SpeechVendor _vendor;
    private readonly string _operation;

    public IdleTimeoutContent(HttpContent inner, TimeSpan idle, TimeProvider clock, SpeechVendor vendor, string operation)
        : base(inner)
    {
        _idle = idle;
        _clock = clock;
        _vendor = vendor;
        _operation = operation;
    }

    protected override Stream Wrap(Stream inner) => new IdleTimeoutStream(inner, this);

    private sealed class IdleTimeoutStream(Stream inner, IdleTimeoutContent owner) : ReadOnlyWrapperStream(inner)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            using var timeout = new CancellationTokenSource(owner._idle, owner._clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                return await Inner.ReadAsync(buffer, linked.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested && ex is OperationCanceledException or IOException or HttpRequestException)
            {
                throw new SpeechTimeoutException(owner._vendor, owner._operation, SpeechTimeoutKind.Network, owner._idle, ex);
            }
            catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
            {
                // A connection reset mid-body: surface the documented transport exception, not the socket's IOException.
                throw new HttpRequestException(HttpRequestError.ResponseEnded, $"{owner._operation}: the connection closed while the response body was being read.", ex);
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => Inner.Read(buffer, offset, count);
    }
}

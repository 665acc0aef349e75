namespace Pyannote.Sdk.Http;

/// <summary>Puts a caller's <see cref="SpeechClientOptions.Transport"/> under an <c>IHttpClientFactory</c> client without
/// letting the factory dispose it when it rotates handlers: the caller owns it.</summary>
internal sealed class SharedTransportHandler(HttpMessageHandler transport) : HttpMessageHandler
{
    private readonly HttpMessageInvoker _invoker = new(transport, disposeHandler: false);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _invoker.SendAsync(request, cancellationToken);
}

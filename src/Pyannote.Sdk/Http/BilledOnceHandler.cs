namespace Pyannote.Sdk.Http;

/// <summary>
/// The innermost handler above the transport: a request that creates billed work reaches the transport once per
/// call, plus once for each retry or redirect the SDK's own <see cref="RetryHandler"/>/<see cref="RedirectHandler"/>
/// decided on. Any other repeat — an app-wide resilience handler, a user's retrying handler, inside or outside the
/// SDK's pipeline — is refused with <see cref="SpeechOutcomeUnknownException"/> before a byte is written, because
/// the first attempt may have been processed (and billed).
/// </summary>
internal sealed class BilledOnceHandler(SpeechVendor vendor) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = SpeechRequestContext.For(request);
        if (context.Kind == RequestKind.Billed && !context.Sends.TryRecord())
        {
            throw new SpeechOutcomeUnknownException(
                vendor,
                context.Operation,
                $"{vendor.DisplayName()} {context.Operation}: refused to send this billed request again. A handler outside the SDK's retry policy "
                + "(for example an app-wide resilience handler or a retrying DelegatingHandler) repeated it, and the first attempt may have been "
                + "received and billed by the vendor. Check for it (job list, dashboard, webhook) before calling again.");
        }

        return base.SendAsync(request, cancellationToken);
    }
}

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Maps endpoints that receive pyannoteAI and JigsawStack webhooks. Each checks what needs no body first (the signature
/// and timestamp headers, or the callback URL's token) and refuses a delivery that fails without reading its body; then
/// reads the raw body as it arrives, up to the lower of the options' <c>MaxBodyBytes</c> and the server's own
/// <c>MaxRequestBodySize</c> (raise the server's for this endpoint only with request size limit metadata, for example
/// <c>.WithMetadata(new RequestSizeLimitAttribute(n))</c>); verifies it, hands the typed event to your handler and answers
/// 200. A rejected delivery gets 400 (malformed), 401 (bad signature, stale timestamp, bad token) or 413 (too large),
/// with a body naming only the failed check. If the
/// handler throws, the answer is 500 so the vendor redelivers. pyannoteAI waits at most 10 seconds for the answer:
/// queue long work (for example in a <c>Channel</c> read by a hosted service) instead of doing it in the handler.
/// </summary>
public static partial class WebhookEndpointRouteBuilderExtensions
{
}

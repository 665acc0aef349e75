namespace Pyannote.Sdk.Webhooks;

/// <summary>
/// The three callback parameters of a JigsawStack delivery, as received: <c>webhookId</c> (your correlation id),
/// <c>webhookExpires</c> (Unix seconds) and <c>webhookKey</c> (the token). Build one from the request URL with
/// <see cref="FromUri"/> or from your framework's query collection. <see cref="ToString"/> never shows the token.
/// </summary>
public sealed record JigsawStackCallbackQuery
{
    /// <summary>The <c>webhookId</c> value.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>The <c>webhookExpires</c> value.</summary>
    public string? Expires { get; init; }

    /// <summary>The <c>webhookKey</c> value.</summary>
    public string? Token { get; init; }

    /// <summary>Reads the three parameters from the URL a delivery was posted to (absolute, or a relative path and query).</summary>
    /// <param name="requestUri">The request URL.</param>
    /// <returns>The parameters; absent ones are <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="requestUri"/> is null.</exception>
    public static JigsawStackCallbackQuery FromUri(Uri requestUri)
    {
        ArgumentNullException.ThrowIfNull(requestUri);
        var query = WebhookQuery.Parse(requestUri.IsAbsoluteUri ? requestUri.Query : QueryOfRelative(requestUri.OriginalString));
        query.TryGetValue(JigsawStackWebhook.CorrelationIdParameter, out var id);
        query.TryGetValue(JigsawStackWebhook.ExpiresParameter, out var expires);
        query.TryGetValue(JigsawStackWebhook.TokenParameter, out var token);
        return new JigsawStackCallbackQuery { CorrelationId = id, Expires = expires, Token = token };
    }

    /// <summary>Describes the parameters without the token.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() =>
        $"JigsawStackCallbackQuery {{ CorrelationId = {CorrelationId ?? "absent"}, Expires = {Expires ?? "absent"}, Token = {(Token is null ? "absent" : "present")} }}";

    private static string QueryOfRelative(string uri)
    {
        var q = uri.IndexOf('?', StringComparison.Ordinal);
        return q < 0 ? string.Empty : uri[q..];
    }
}

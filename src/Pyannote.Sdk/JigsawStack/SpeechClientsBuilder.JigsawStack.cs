using Pyannote.Sdk;
using Pyannote.Sdk.JigsawStack;
using Pyannote.Sdk.Webhooks;

namespace Microsoft.Extensions.DependencyInjection;

// The public registration of this vendor's client, over AddVendor (configuration, key variable and keyed services come from the descriptor).
public sealed partial class SpeechClientsBuilder
{
    /// <summary>
    /// Adds the JigsawStack client (<see cref="JigsawStackClient"/>, keyed <see cref="ISpeechClient"/> <c>"jigsawstack"</c>), bound
    /// from <c>{section}:JigsawStack</c> when the builder has configuration; the API key falls back to <c>JIGSAWSTACK_API_KEY</c>.
    /// </summary>
    /// <param name="configure">Changes the options after configuration is applied; <see langword="null"/> for none.</param>
    /// <returns>This builder.</returns>
    public SpeechClientsBuilder AddJigsawStack(Action<JigsawStackClientOptions>? configure = null) =>
        AddVendor<JigsawStackClient, JigsawStackClientOptions>(SpeechVendor.JigsawStack, static (http, options) => new JigsawStackClient(http, options), configure, null)
            .UseWebhookSecret<JigsawStackWebhookOptions>(SpeechVendor.JigsawStack, static o => o.Secrets);

    /// <summary>Adds the JigsawStack client with an API key given in code (it wins over configuration and <c>JIGSAWSTACK_API_KEY</c>).</summary>
    /// <param name="apiKey">The JigsawStack API key.</param>
    /// <param name="configure">Changes the options after configuration is applied; <see langword="null"/> for none.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="apiKey"/> is blank.</exception>
    public SpeechClientsBuilder AddJigsawStack(string apiKey, Action<JigsawStackClientOptions>? configure = null) =>
        AddVendor<JigsawStackClient, JigsawStackClientOptions>(SpeechVendor.JigsawStack, static (http, options) => new JigsawStackClient(http, options), configure, apiKey ?? throw new ArgumentNullException(nameof(apiKey)))
            .UseWebhookSecret<JigsawStackWebhookOptions>(SpeechVendor.JigsawStack, static o => o.Secrets);
}

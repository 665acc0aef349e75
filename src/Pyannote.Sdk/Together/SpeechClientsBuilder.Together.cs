using Pyannote.Sdk;
using Pyannote.Sdk.Together;

namespace Microsoft.Extensions.DependencyInjection;

// The public registration of this vendor's client, over AddVendor (configuration, key variable and keyed services come from the descriptor).
public sealed partial class SpeechClientsBuilder
{
    /// <summary>
    /// Adds the Together AI client (<see cref="TogetherClient"/>, keyed <see cref="ISpeechClient"/> <c>"together"</c>), bound
    /// from <c>{section}:Together</c> when the builder has configuration; the API key falls back to <c>TOGETHER_API_KEY</c>.
    /// </summary>
    /// <param name="configure">Changes the options after configuration is applied; <see langword="null"/> for none.</param>
    /// <returns>This builder.</returns>
    public SpeechClientsBuilder AddTogether(Action<TogetherClientOptions>? configure = null) =>
        AddVendor<TogetherClient, TogetherClientOptions>(SpeechVendor.Together, static (http, options) => new TogetherClient(http, options), configure, null);

    /// <summary>Adds the Together AI client with an API key given in code (it wins over configuration and <c>TOGETHER_API_KEY</c>).</summary>
    /// <param name="apiKey">The Together AI API key.</param>
    /// <param name="configure">Changes the options after configuration is applied; <see langword="null"/> for none.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="apiKey"/> is blank.</exception>
    public SpeechClientsBuilder AddTogether(string apiKey, Action<TogetherClientOptions>? configure = null) =>
        AddVendor<TogetherClient, TogetherClientOptions>(SpeechVendor.Together, static (http, options) => new TogetherClient(http, options), configure, apiKey ?? throw new ArgumentNullException(nameof(apiKey)));
}

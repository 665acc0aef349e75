using Pyannote.Sdk;
using Pyannote.Sdk.NanoGpt;

namespace Microsoft.Extensions.DependencyInjection;

// The public registration of this vendor's client, over AddVendor (configuration, key variable and keyed services come from the descriptor).
public sealed partial class SpeechClientsBuilder
{
    /// <summary>
    /// Adds the NanoGPT client (<see cref="NanoGptClient"/>, keyed <see cref="ISpeechClient"/> <c>"nanogpt"</c>), bound
    /// from <c>{section}:NanoGpt</c> when the builder has configuration; the API key falls back to <c>NANOGPT_API_KEY</c>.
    /// </summary>
    /// <param name="configure">Changes the options after configuration is applied; <see langword="null"/> for none.</param>
    /// <returns>This builder.</returns>
    public SpeechClientsBuilder AddNanoGpt(Action<NanoGptClientOptions>? configure = null) =>
        AddVendor<NanoGptClient, NanoGptClientOptions>(SpeechVendor.NanoGpt, static (http, options) => new NanoGptClient(http, options), configure, null);

    /// <summary>Adds the NanoGPT client with an API key given in code (it wins over configuration and <c>NANOGPT_API_KEY</c>).</summary>
    /// <param name="apiKey">The NanoGPT API key.</param>
    /// <param name="configure">Changes the options after configuration is applied; <see langword="null"/> for none.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="apiKey"/> is blank.</exception>
    public SpeechClientsBuilder AddNanoGpt(string apiKey, Action<NanoGptClientOptions>? configure = null) =>
        AddVendor<NanoGptClient, NanoGptClientOptions>(SpeechVendor.NanoGpt, static (http, options) => new NanoGptClient(http, options), configure, apiKey ?? throw new ArgumentNullException(nameof(apiKey)));
}

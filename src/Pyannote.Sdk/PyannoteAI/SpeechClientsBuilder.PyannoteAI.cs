using Pyannote.Sdk;
using Pyannote.Sdk.PyannoteAI;
using Pyannote.Sdk.Webhooks;

namespace Microsoft.Extensions.DependencyInjection;

// The public registration of this vendor's client, over AddVendor (configuration, key variable and keyed services come from the descriptor).
public sealed partial class SpeechClientsBuilder
{
    /// <summary>
    /// Adds the pyannoteAI client (<see cref="PyannoteClient"/>, keyed <see cref="ISpeechClient"/> <c>"pyannote"</c>), bound
    /// from <c>{section}:Pyannote</c> when the builder has configuration; the API key falls back to <c>PYANNOTE_API_KEY</c>.
    /// </summary>
    /// <param name="configure">Changes the options after configuration is applied; <see langword="null"/> for none.</param>
    /// <returns>This builder.</returns>
    public SpeechClientsBuilder AddPyannote(Action<PyannoteClientOptions>? configure = null) =>
        AddVendor<PyannoteClient, PyannoteClientOptions>(SpeechVendor.Pyannote, static (http, options) => new PyannoteClient(http, options), configure, null)
            .UseWebhookSecret<PyannoteWebhookOptions>(SpeechVendor.Pyannote, static o => o.Secrets);

    /// <summary>Adds the pyannoteAI client with an API key given in code (it wins over configuration and <c>PYANNOTE_API_KEY</c>).</summary>
    /// <param name="apiKey">The pyannoteAI API key.</param>
    /// <param name="configure">Changes the options after configuration is applied; <see langword="null"/> for none.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="apiKey"/> is blank.</exception>
    public SpeechClientsBuilder AddPyannote(string apiKey, Action<PyannoteClientOptions>? configure = null) =>
        AddVendor<PyannoteClient, PyannoteClientOptions>(SpeechVendor.Pyannote, static (http, options) => new PyannoteClient(http, options), configure, apiKey ?? throw new ArgumentNullException(nameof(apiKey)))
            .UseWebhookSecret<PyannoteWebhookOptions>(SpeechVendor.Pyannote, static o => o.Secrets);
}

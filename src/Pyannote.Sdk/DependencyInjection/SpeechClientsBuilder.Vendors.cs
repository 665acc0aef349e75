using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Pyannote.Sdk;
using Pyannote.Sdk.DependencyInjection;
using Pyannote.Sdk.JigsawStack;
using Pyannote.Sdk.NanoGpt;
using Pyannote.Sdk.PyannoteAI;
using Pyannote.Sdk.Together;
using Pyannote.Sdk.Webhooks;

namespace Microsoft.Extensions.DependencyInjection;

// One small method pair per vendor client, over AddVendor, plus a line in AddConfiguredVendors.
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

    /// <summary>Adds every vendor whose section exists under <see cref="Configuration"/>.</summary>
    internal void AddConfiguredVendors()
    {
        foreach (var vendor in VendorDescriptor.All)
        {
            if (HasSection(vendor.Vendor))
            {
                vendor.Register(this);
            }
        }
    }

    /// <summary>Adds the vendor's configured <c>WebhookSecret</c> to its webhook options (once per collection), so
    /// <c>MapPyannoteWebhook</c>/<c>MapJigsawStackWebhook</c> verify with the secret from <c>Speech:&lt;Vendor&gt;:WebhookSecret</c>.</summary>
    private SpeechClientsBuilder UseWebhookSecret<TWebhookOptions>(SpeechVendor vendor, Func<TWebhookOptions, IList<string>> secrets)
        where TWebhookOptions : class
    {
        if (_registry.MarkWebhookWired(vendor))
        {
            var key = vendor.Key();
            Services.AddOptions<TWebhookOptions>().Configure<IOptionsMonitor<SpeechVendorCredentials>>((options, credentials) =>
            {
                var list = secrets(options);
                if (credentials.Get(key).WebhookSecret is { Length: > 0 } secret && !string.IsNullOrWhiteSpace(secret) && !list.Contains(secret))
                {
                    list.Add(secret);
                }
            });
        }

        return this;
    }

    private bool HasSection(SpeechVendor vendor) => Configuration?.GetSection(SpeechConfiguration.SectionName(vendor)).Exists() == true;
}

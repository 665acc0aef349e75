using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pyannote.Sdk;
using Pyannote.Sdk.DependencyInjection;
using Pyannote.Sdk.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers speech vendor clients: each is created through <see cref="System.Net.Http.IHttpClientFactory"/> with the SDK's
/// HTTP pipeline, resolvable as its own type and as a keyed <see cref="ISpeechClient"/>, keyed by its
/// <see cref="SpeechVendor"/> value or by its configuration section name in any casing (<c>"pyannote"</c>,
/// <c>"Together"</c>, <c>"JIGSAWSTACK"</c>, <c>"NanoGpt"</c>). Returned by <c>AddSpeechClients</c>.
/// </summary>
public sealed partial class SpeechClientsBuilder
{
    private readonly SpeechClientRegistry _registry;

    internal SpeechClientsBuilder(IServiceCollection services, IConfiguration? configuration, SpeechClientRegistry registry)
    {
        Services = services;
        Configuration = configuration;
        _registry = registry;
    }

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The configuration section the vendors are bound from (for example <c>Speech</c>), if any.</summary>
    public IConfiguration? Configuration { get; }

    /// <summary>Reads environment variables (replaced in tests).</summary>
    internal Func<string, string?> EnvironmentReader { get; set; } = Environment.GetEnvironmentVariable;

    /// <summary>Chooses the vendor resolved as plain <see cref="ISpeechClient"/> (overrides <c>Speech:DefaultVendor</c>).</summary>
    /// <param name="vendor">A vendor registered on this builder.</param>
    /// <returns>This builder.</returns>
    public SpeechClientsBuilder SetDefaultVendor(SpeechVendor vendor)
    {
        Services.Configure<SpeechClientsOptions>(o => o.DefaultVendor = vendor);
        return this;
    }

    /// <summary>Sets or changes a vendor's API key and webhook secret in code; applied after configuration and the
    /// environment-variable fallback, whether called before or after the vendor is added.</summary>
    /// <param name="vendor">The vendor.</param>
    /// <param name="configure">Changes the credentials.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is null.</exception>
    public SpeechClientsBuilder ConfigureCredentials(SpeechVendor vendor, Action<SpeechVendorCredentials> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.PostConfigure(vendor.Key(), configure);
        return this;
    }

    /// <summary>Customises a registered vendor's <see cref="IHttpClientBuilder"/>: handlers added here run inside the
    /// SDK's pipeline (once per attempt, after authentication).</summary>
    /// <param name="vendor">A vendor registered on this builder.</param>
    /// <param name="configure">Changes the HTTP client builder.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">The vendor was not added yet.</exception>
    public SpeechClientsBuilder ConfigureHttpClient(SpeechVendor vendor, Action<IHttpClientBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        if (!_registry.Contains(vendor))
        {
            throw new InvalidOperationException($"Add the {vendor.DisplayName()} client before configuring its HTTP client.");
        }

        configure(new DefaultHttpClientBuilder(Services, HttpClientName(vendor)));
        return this;
    }

    /// <summary>The name of a vendor's <see cref="System.Net.Http.IHttpClientFactory"/> client.</summary>
    internal static string HttpClientName(SpeechVendor vendor) => "Pyannote.Sdk." + vendor.Key();

    /// <summary>
    /// Registers one vendor: options bound from <c>{root}:{Vendor}</c> then <paramref name="configure"/>, credentials with
    /// the environment-variable fallback, start-up validation, the factory client with the SDK pipeline, the client
    /// type, and the keyed <see cref="ISpeechClient"/>. Calling it again for the same vendor only adds the configuration.
    /// </summary>
    internal SpeechClientsBuilder AddVendor<TClient, TOptions>(SpeechVendor vendor, Func<HttpClient, TOptions, TClient> create, Action<TOptions>? configure, string? apiKey)
        where TClient : class, ISpeechClient
        where TOptions : SpeechClientOptions, new()
    {
        ArgumentNullException.ThrowIfNull(create);
        if (apiKey is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        }

        var key = vendor.Key();
        if (_registry.Add(vendor))
        {
            Register(vendor, create);
        }

        if (configure is not null)
        {
            Services.Configure(configure);
        }

        if (apiKey is not null)
        {
            Services.Configure<SpeechVendorCredentials>(key, c => c.ApiKey = apiKey);
        }

        return this;
    }

    private void Register<TClient, TOptions>(SpeechVendor vendor, Func<HttpClient, TOptions, TClient> create)
        where TClient : class, ISpeechClient
        where TOptions : SpeechClientOptions, new()
    {
        var key = vendor.Key();
        var prefix = SpeechConfiguration.Prefix(Configuration, vendor);
        var section = Configuration?.GetSection(SpeechConfiguration.SectionName(vendor));

        var options = Services.AddOptions<TOptions>();
        if (section is not null)
        {
            options.Configure(o => SpeechConfiguration.BindClientOptions(section, prefix, o));
        }

        options.PostConfigure<IServiceProvider>((o, sp) =>
        {
            o.LoggerFactory ??= sp.GetService<ILoggerFactory>();
            if (ReferenceEquals(o.TimeProvider, TimeProvider.System) && sp.GetService<TimeProvider>() is { } time)
            {
                o.TimeProvider = time;
            }
        });
        options.ValidateOnStart();
        Services.AddSingleton<IValidateOptions<TOptions>>(new SpeechClientOptionsValidator<TOptions>(prefix));

        var credentials = Services.AddOptions<SpeechVendorCredentials>(key);
        if (section is not null)
        {
            credentials.Configure(c => SpeechConfiguration.BindCredentials(section, c));
        }

        var variable = SpeechConfiguration.ApiKeyVariable(vendor);
        credentials.PostConfigure(c =>
        {
            if (string.IsNullOrWhiteSpace(c.ApiKey) && EnvironmentReader(variable) is { Length: > 0 } fromEnvironment && !string.IsNullOrWhiteSpace(fromEnvironment))
            {
                c.ApiKey = fromEnvironment.Trim();
            }
        });
        credentials.ValidateOnStart();
        Services.AddSingleton<IValidateOptions<SpeechVendorCredentials>>(new SpeechCredentialsValidator(vendor, prefix));

        var name = HttpClientName(vendor);
        // Runs after all configuration of the SDK's clients: app-wide resilience out, the billed-once guard innermost.
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Http.IHttpMessageHandlerBuilderFilter, SpeechHandlerBuilderFilter>());
        Services.AddHttpClient(name)
            .ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var o = sp.GetRequiredService<IOptionsMonitor<TOptions>>().Get(Options.Options.DefaultName);
                return o.Transport is { } transport ? new SharedTransportHandler(transport) : SpeechHttpPipeline.CreateDefaultTransport();
            })
            .ConfigureAdditionalHttpMessageHandlers((handlers, sp) =>
            {
                var o = sp.GetRequiredService<IOptionsMonitor<TOptions>>().Get(Options.Options.DefaultName);
                var apiKey = sp.GetRequiredService<IOptionsMonitor<SpeechVendorCredentials>>().Get(key).ApiKey!;
                foreach (var handler in SpeechHttpPipeline.CreateHandlers(vendor, apiKey, o))
                {
                    handlers.Add(handler);
                }
            })
            // The SDK logs each request itself, with pre-signed query strings redacted; the factory's loggers would log full URLs.
            .RemoveAllLoggers();

        Services.TryAddTransient(sp =>
        {
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(name);
            // Live sessions open WebSockets outside the HTTP pipeline and need the key for their handshake.
            if (sp.GetRequiredService<IOptionsMonitor<SpeechVendorCredentials>>().Get(key).ApiKey is { Length: > 0 } apiKey)
            {
                PipelineCredentials.Attach(http, apiKey);
            }

            return create(http, sp.GetRequiredService<IOptionsMonitor<TOptions>>().Get(Options.Options.DefaultName));
        });
        Services.AddKeyedTransient<ISpeechClient>(key, static (sp, _) => sp.GetRequiredService<TClient>());
        // The same client by SpeechVendor value; other spellings of the key ("Together", "TOGETHER") are mapped by the
        // any-key registration of AddSpeechClients.
        Services.AddKeyedTransient<ISpeechClient>(vendor, static (sp, _) => sp.GetRequiredService<TClient>());
    }

    private sealed class DefaultHttpClientBuilder(IServiceCollection services, string name) : IHttpClientBuilder
    {
        public string Name { get; } = name;

        public IServiceCollection Services { get; } = services;
    }
}

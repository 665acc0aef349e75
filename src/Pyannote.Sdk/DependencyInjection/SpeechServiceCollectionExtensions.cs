using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pyannote.Sdk;
using Pyannote.Sdk.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the speech vendor clients of Pyannote.Sdk.</summary>
public static class SpeechServiceCollectionExtensions
{
    /// <summary>Starts registering speech clients; add vendors on the returned builder (<c>.AddPyannote(…)</c>, …).</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static SpeechClientsBuilder AddSpeechClients(this IServiceCollection services) => Create(services, null);

    /// <summary>
    /// Registers every vendor that has a section under <paramref name="configuration"/> (for example the <c>Speech</c>
    /// section with <c>Pyannote</c>, <c>Together</c>, <c>JigsawStack</c>, <c>NanoGpt</c> children, each with
    /// <c>ApiKey</c>, <c>Endpoint</c>, <c>NetworkTimeout</c>, <c>UploadTimeout</c>, <c>Retry:*</c>, <c>JobWait:*</c>,
    /// <c>WebhookSecret</c>), and reads <c>DefaultVendor</c>. Vendors added later on the builder bind from the same section.
    /// Settings are validated when the host starts: a missing key or a malformed value fails it with a message naming
    /// the configuration path (and, for keys, the environment variable).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The SDK's section, usually <c>configuration.GetSection("Speech")</c>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static SpeechClientsBuilder AddSpeechClients(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = Create(services, configuration);
        builder.AddConfiguredVendors();
        return builder;
    }

    /// <summary>Registers speech clients set up in code by <paramref name="configure"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adds and configures vendors on the builder.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static SpeechClientsBuilder AddSpeechClients(this IServiceCollection services, Action<SpeechClientsBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = Create(services, null);
        configure(builder);
        return builder;
    }

    /// <summary>Registers every vendor configured under <paramref name="configuration"/>, then lets <paramref name="configure"/> adjust them or add more.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The SDK's section, usually <c>configuration.GetSection("Speech")</c>.</param>
    /// <param name="configure">Adds and configures vendors on the builder.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static SpeechClientsBuilder AddSpeechClients(this IServiceCollection services, IConfiguration configuration, Action<SpeechClientsBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = services.AddSpeechClients(configuration);
        configure(builder);
        return builder;
    }

    /// <summary>A builder over <paramref name="configuration"/> that registers no vendor by itself.</summary>
    internal static SpeechClientsBuilder Create(IServiceCollection services, IConfiguration? configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        var registry = services.FirstOrDefault(d => d.ServiceType == typeof(SpeechClientRegistry) && !d.IsKeyedService)?.ImplementationInstance as SpeechClientRegistry;
        if (registry is null)
        {
            registry = new SpeechClientRegistry();
            services.AddSingleton(registry);
            services.AddHttpClient();
            services.AddOptions<SpeechClientsOptions>().ValidateOnStart();
            services.AddSingleton<IValidateOptions<SpeechClientsOptions>>(new SpeechClientsOptionsValidator(registry));
            services.TryAddTransient<ISpeechClient>(sp => ResolveDefault(sp, registry));
            services.AddKeyedTransient<ISpeechClient>(KeyedService.AnyKey, (sp, key) => ResolveKeyed(sp, registry, key)!);
        }

        if (configuration is not null)
        {
            services.Configure<SpeechClientsOptions>(o => SpeechConfiguration.BindClientsOptions(configuration, o));
        }

        return new SpeechClientsBuilder(services, configuration, registry);
    }

    /// <summary>A keyed lookup with a key that is not registered as such: a vendor's key, section name or enum name in
    /// another casing. Null (no service) for anything else.</summary>
    private static ISpeechClient? ResolveKeyed(IServiceProvider services, SpeechClientRegistry registry, object? key) =>
        SpeechConfiguration.TryParseVendor(key, out var vendor) && registry.Contains(vendor)
            ? services.GetRequiredKeyedService<ISpeechClient>(vendor.Key())
            : null;

    private static ISpeechClient ResolveDefault(IServiceProvider services, SpeechClientRegistry registry)
    {
        var vendor = services.GetRequiredService<IOptions<SpeechClientsOptions>>().Value.DefaultVendor;
        if (vendor is null)
        {
            if (registry.Vendors.Count != 1)
            {
                throw new InvalidOperationException(registry.Vendors.Count == 0
                    ? $"No speech vendor is registered: add one with AddSpeechClients(...) and a vendor ({string.Join(", ", VendorDescriptor.All.Select(d => $"Add{d.Vendor}(...)"))})."
                    : $"Several speech vendors are registered ({registry.Describe()}): set Speech:DefaultVendor or call SetDefaultVendor, or resolve a keyed ISpeechClient.");
            }

            vendor = registry.Vendors[0];
        }

        return services.GetRequiredKeyedService<ISpeechClient>(vendor.Value.Key());
    }
}

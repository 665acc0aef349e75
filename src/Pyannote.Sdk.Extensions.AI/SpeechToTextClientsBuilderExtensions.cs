using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pyannote.Sdk;
using Pyannote.Sdk.Extensions.AI;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the speech clients of <c>AddSpeechClients</c> as Microsoft.Extensions.AI
/// <see cref="ISpeechToTextClient"/>s.</summary>
public static class SpeechToTextClientsBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="ISpeechToTextClient"/> for the clients of this builder: unkeyed for the default vendor (the
    /// one plain <see cref="ISpeechClient"/> resolves to), and keyed exactly like <see cref="ISpeechClient"/> — by
    /// <see cref="SpeechVendor"/> value or by section name in any casing (<c>"together"</c>, <c>"Together"</c>). Each
    /// adapter's <see cref="SpeechToTextClientMetadata"/> names the vendor, its endpoint and its default model.
    /// <c>ISpeechToTextClient</c> is experimental in Microsoft.Extensions.AI: callers suppress <c>MEAI001</c>.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddSpeechClients</c>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static SpeechClientsBuilder AddSpeechToTextClients(this SpeechClientsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(SpeechToTextRegistrationMarker)))
        {
            return builder;
        }

        services.AddSingleton<SpeechToTextRegistrationMarker>();
        services.TryAddTransient<ISpeechToTextClient>(static sp => sp.GetRequiredService<ISpeechClient>().AsISpeechToTextClient());
        services.AddKeyedTransient<ISpeechToTextClient>(KeyedService.AnyKey, static (sp, key) =>
            key is null || ReferenceEquals(key, KeyedService.AnyKey) ? null! : sp.GetKeyedService<ISpeechClient>(key)?.AsISpeechToTextClient()!);
        return builder;
    }

    /// <summary>Marks a service collection where the adapters are registered, so a second call adds nothing.</summary>
    private sealed class SpeechToTextRegistrationMarker;
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Pyannote.Sdk;
using Pyannote.Sdk.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

// The vendor-independent half of vendor registration; each vendor's public AddX pair lives in its folder
// (<Vendor>/SpeechClientsBuilder.<Vendor>.cs).
public sealed partial class SpeechClientsBuilder
{
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

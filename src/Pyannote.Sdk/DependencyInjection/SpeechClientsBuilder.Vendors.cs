using Pyannote.Sdk.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

// One small method per vendor client: adding a vendor is a call to AddVendor and a line in AddConfiguredVendors.
public sealed partial class SpeechClientsBuilder
{
    /// <summary>Adds every vendor whose section exists under <see cref="Configuration"/>.</summary>
    internal void AddConfiguredVendors()
    {
        _ = SpeechConfiguration.DefaultRoot;
    }
}

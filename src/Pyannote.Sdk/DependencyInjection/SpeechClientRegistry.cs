namespace Pyannote.Sdk.DependencyInjection;

/// <summary>The vendors registered in one service collection (shared by every <c>AddSpeechClients</c> call on it).</summary>
internal sealed class SpeechClientRegistry
{
    private readonly List<SpeechVendor> _vendors = new();
    private readonly HashSet<SpeechVendor> _webhooks = new();

    /// <summary>Records that the vendor's webhook secret is wired to its webhook options; false if it already was.</summary>
    public bool MarkWebhookWired(SpeechVendor vendor) => _webhooks.Add(vendor);

    public IReadOnlyList<SpeechVendor> Vendors => _vendors;

    public bool Contains(SpeechVendor vendor) => _vendors.Contains(vendor);

    public bool Add(SpeechVendor vendor)
    {
        if (_vendors.Contains(vendor))
        {
            return false;
        }

        _vendors.Add(vendor);
        return true;
    }

    public string Describe() => _vendors.Count == 0 ? "none" : string.Join(", ", _vendors.Select(v => v.Key()));
}

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Pyannote.Sdk.Diagnostics;

/// <summary>The last rate-limit state each vendor reported, exported as observable gauges
/// (<see cref="SpeechDiagnostics.RateLimitRemainingInstrument"/>, <see cref="SpeechDiagnostics.RateLimitLimitInstrument"/>)
/// tagged with <c>speech.vendor</c>.</summary>
internal static class RateLimitMetrics
{
    private static readonly ConcurrentDictionary<string, SpeechRateLimit> Last = new(StringComparer.Ordinal);

    static RateLimitMetrics()
    {
        SpeechDiagnostics.Meter.CreateObservableGauge(SpeechDiagnostics.RateLimitRemainingInstrument, () => Observe(r => r.Remaining), "{request}", "Requests left in the vendor's current rate-limit window, as last reported.");
        SpeechDiagnostics.Meter.CreateObservableGauge(SpeechDiagnostics.RateLimitLimitInstrument, () => Observe(r => r.Limit), "{request}", "Requests allowed in the vendor's rate-limit window, as last reported.");
    }

    /// <summary>Records the state an answer of <paramref name="vendor"/> reported.</summary>
    public static void Record(SpeechVendor vendor, SpeechRateLimit? rateLimit)
    {
        if (rateLimit is not null)
        {
            Last[vendor.Key()] = rateLimit;
        }
    }

    /// <summary>The last state <paramref name="vendor"/> reported, if any.</summary>
    public static SpeechRateLimit? For(SpeechVendor vendor) => Last.TryGetValue(vendor.Key(), out var r) ? r : null;

    private static IEnumerable<Measurement<long>> Observe(Func<SpeechRateLimit, long?> value)
    {
        foreach (var (vendor, state) in Last)
        {
            if (value(state) is { } v)
            {
                yield return new Measurement<long>(v, new KeyValuePair<string, object?>(SpeechDiagnostics.Tags.Vendor, vendor));
            }
        }
    }
}

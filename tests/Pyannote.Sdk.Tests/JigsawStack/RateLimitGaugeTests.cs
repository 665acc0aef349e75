using System.Diagnostics.Metrics;
using System.Net;
using Pyannote.Sdk.Diagnostics;
using Pyannote.Sdk.JigsawStack;

namespace Pyannote.Sdk.Tests.VendorOptions;

/// <summary>Reads the process-wide rate-limit gauges, so it runs apart from the parallel tests that also record them.</summary>
[CollectionDefinition(nameof(RateLimitGaugeTests), DisableParallelization = true)]
public sealed class RateLimitGaugeCollection
{
}

[Collection(nameof(RateLimitGaugeTests))]
public class RateLimitGaugeTests
{
    private readonly WireHarness _wire = new();

    [Fact]
    public async Task Rate_limit_state_is_exported_as_gauges_per_vendor()
    {
        _wire.Answer(HttpStatusCode.OK, "{\"success\":true}", headers: new Dictionary<string, string> { ["x-jigsaw-rate-limit-limit"] = "50", ["x-jigsaw-rate-limit-remaining"] = "41" });
        await new JigsawStackClient("sk", new JigsawStackClientOptions { Transport = _wire.Mock }).DeleteFileAsync("a.wav");

        var seen = new Dictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == SpeechDiagnostics.MeterName && instrument.Name.Contains("rate_limit", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "speech.vendor" && (string?)tag.Value == "jigsawstack")
                {
                    lock (seen)
                    {
                        seen[instrument.Name] = value;
                    }
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();

        Assert.Equal(41, seen[SpeechDiagnostics.RateLimitRemainingInstrument]);
        Assert.Equal(50, seen[SpeechDiagnostics.RateLimitLimitInstrument]);
    }
}

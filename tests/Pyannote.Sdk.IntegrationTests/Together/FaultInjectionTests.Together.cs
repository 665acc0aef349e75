using System.Net;
using Pyannote.Sdk.Emulator;
using static Pyannote.Sdk.IntegrationTests.Emulator.EmulatorTestSupport;

namespace Pyannote.Sdk.IntegrationTests.Emulator;

public sealed partial class FaultInjectionTests
{
    [Fact]
    public async Task Status_faults_use_the_vendor_error_shape_and_the_date_and_milliseconds_retry_after_forms()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options());
        using var together = Client(emulator.TogetherEndpoint, emulator.ApiKey);

        var date = await together.SendAsync(Faulted(HttpMethod.Post, "v1/audio/transcriptions", "503;retry-after-date=30"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, date.StatusCode);
        Assert.InRange((date.Headers.RetryAfter!.Date!.Value - DateTimeOffset.UtcNow).TotalSeconds, 20, 31);
        Assert.Equal("server_error", (await ReadJsonAsync(date)).GetProperty("error").GetProperty("type").GetString());

        var ms = await together.SendAsync(Faulted(HttpMethod.Post, "v1/audio/transcriptions", "429;retry-after-ms=1500;message=slow down"));
        Assert.Equal("1500", ms.Headers.GetValues("retry-after-ms").Single());
        Assert.Equal("slow down", (await ReadJsonAsync(ms)).GetProperty("error").GetProperty("message").GetString());
    }
}

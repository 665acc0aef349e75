using System.Net;
using Pyannote.Sdk.Emulator;
using static Pyannote.Sdk.IntegrationTests.Emulator.EmulatorTestSupport;

namespace Pyannote.Sdk.IntegrationTests.Emulator;

public partial class EmulatorHardeningTests
{
    [Fact]
    public async Task JigsawStack_accepts_its_documented_query_key()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options(withSidecars: false));
        using var http = new HttpClient { BaseAddress = emulator.JigsawStackEndpoint };

        using var response = await http.PostAsync("v1/ai/transcribe?x-api-key=" + Uri.EscapeDataString(emulator.ApiKey), Json("""{"url":"https://example.com/talk.mp3"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

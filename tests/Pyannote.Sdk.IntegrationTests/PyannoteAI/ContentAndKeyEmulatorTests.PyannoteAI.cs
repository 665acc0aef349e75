using System.Net;
using Pyannote.Sdk.Emulator;
using static Pyannote.Sdk.IntegrationTests.Emulator.EmulatorTestSupport;

namespace Pyannote.Sdk.IntegrationTests.Emulator;

public sealed partial class ContentAndKeyEmulatorTests
{
    [Fact]
    public async Task Accept_any_api_key_still_requires_a_key()
    {
        var options = Options();
        options.AcceptAnyApiKey = true;
        await using var emulator = await SpeechEmulator.StartAsync(options);
        using var anyKey = Client(emulator.PyannoteEndpoint, "whatever");
        using var noKey = Client(emulator.PyannoteEndpoint);

        Assert.Equal(HttpStatusCode.OK, (await anyKey.GetAsync("v1/test")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await noKey.GetAsync("v1/test")).StatusCode);
    }
}

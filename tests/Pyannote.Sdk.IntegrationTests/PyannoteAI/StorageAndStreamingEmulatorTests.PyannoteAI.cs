using System.Net;
using Pyannote.Sdk.Emulator;
using static Pyannote.Sdk.IntegrationTests.Emulator.EmulatorTestSupport;

namespace Pyannote.Sdk.IntegrationTests.Emulator;

public sealed partial class StorageAndStreamingEmulatorTests
{
    [Fact]
    public async Task Media_output_gives_a_signed_download_url_for_the_uploaded_bytes()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options());
        using var api = Client(emulator.PyannoteEndpoint, emulator.ApiKey);
        using var plain = new HttpClient();
        var input = (await ReadJsonAsync(await api.PostAsync("v1/media/input", Json("""{"url":"media://x/y.bin"}""")))).GetProperty("url").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await plain.PutAsync(input, new ByteArrayContent("hello"u8.ToArray()))).StatusCode);

        var output = await api.PostAsync("v1/media/output", Json("""{"url":"media://x/y.bin"}"""));
        Assert.Equal(HttpStatusCode.Created, output.StatusCode);
        var download = (await ReadJsonAsync(output)).GetProperty("url").GetString()!;
        Assert.Equal("hello", await plain.GetStringAsync(download));
        // A PUT signature does not authorise a GET.
        Assert.Equal(HttpStatusCode.Forbidden, (await plain.GetAsync(input)).StatusCode);
    }

    [Fact]
    public async Task Webhooks_to_non_loopback_hosts_are_recorded_but_never_sent()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options());
        using var api = Client(emulator.PyannoteEndpoint, emulator.ApiKey);
        await api.PostAsync("v1/diarize", Json("""{"url":"https://example.com/a.wav","webhook":"https://example.com/hook"}"""));

        await emulator.WaitForWebhooksAsync();

        var delivery = Assert.Single(emulator.WebhookDeliveries);
        Assert.Equal("skipped_non_loopback", delivery.Outcome);
        Assert.Null(delivery.StatusCode);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Pyannote.Sdk.Emulator;
using Pyannote.Sdk.Emulator.Internal;
using static Pyannote.Sdk.IntegrationTests.Emulator.EmulatorTestSupport;

namespace Pyannote.Sdk.IntegrationTests.Emulator;

public partial class EmulatorHardeningTests
{
    [Fact]
    public async Task Requests_with_bad_keys_are_refused_before_rate_limiting_and_leave_no_state()
    {
        var options = Options(withSidecars: false);
        options.EnforceRateLimits = true;
        options.PyannoteRequestsPerMinute = 5;
        await using var emulator = await SpeechEmulator.StartAsync(options);
        using var http = new HttpClient { BaseAddress = emulator.PyannoteEndpoint };

        for (var i = 0; i < 400; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "v1/test");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture) + new string('k', 30_000));
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.Equal(0, emulator.State.RateLimitWindowCount);
        using var good = Client(emulator.PyannoteEndpoint, bearer: emulator.ApiKey);
        using var first = await good.GetAsync("v1/test");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("4", first.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Equal(1, emulator.State.RateLimitWindowCount);
    }

    [Fact]
    public async Task Rate_limit_state_stays_bounded_when_any_key_is_accepted()
    {
        var options = Options(withSidecars: false);
        options.AcceptAnyApiKey = true;
        await using var emulator = await SpeechEmulator.StartAsync(options);
        using var http = new HttpClient { BaseAddress = emulator.PyannoteEndpoint };

        for (var i = 0; i < EmulatorState.MaxRateLimitWindows + 200; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "v1/test");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "any-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.True(emulator.State.RateLimitWindowCount <= EmulatorState.MaxRateLimitWindows);
    }

    private static async Task StartJobAsync(SpeechEmulator emulator, Uri webhook)
    {
        using var api = Client(emulator.PyannoteEndpoint, bearer: emulator.ApiKey);
        using var response = await api.PostAsync("v1/diarize", Json($$"""{"url":"https://example.com/meeting.wav","webhook":"{{webhook}}"}"""));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    [VendorRows]
    private static IEnumerable<(string Vendor, string Path)> PyannoteQueryKeyPaths() => [("pyannote", "v1/test")];

    [Fact]
    public async Task Json_bodies_are_bounded()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options(withSidecars: false));
        using var pyannote = Client(emulator.PyannoteEndpoint, bearer: emulator.ApiKey);

        var pad = new string('x', (int)Pyannote.Sdk.Emulator.Internal.Http.MaxJsonBodyBytes);
        using (var big = await pyannote.PostAsync("v1/diarize", Json($$"""{"url":"https://example.com/a.wav","pad":"{{pad}}"}""")))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        }

        var streamed = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes($$"""{"url":"https://example.com/a.wav","pad":"{{pad}}"}""")));
        streamed.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using (var chunked = await pyannote.PostAsync("v1/diarize", streamed))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        }
    }
}

using System.Net;

namespace Pyannote.Sdk.Tests.VendorOptions;

/// <summary>Per-call <see cref="SpeechRequestOptions"/> (headers, retries, upload progress) and the response
/// information every result carries (request id, rate limit, status, headers; docs.pyannote.ai/ratelimits).</summary>
public partial class RequestOptionsTests
{
    private readonly WireHarness _wire = new();

    [Theory]
    [InlineData("x-api-key")]
    [InlineData("Authorization")]
    [InlineData("Content-Type")]
    [InlineData("bad header")]
    public async Task Reserved_or_malformed_headers_are_rejected_before_anything_is_sent(string name)
    {
        var perCall = new SpeechRequestOptions { Headers = { [name] = "x" } };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Jigsaw().DeleteFileAsync("a.wav", perCall));

        Assert.Equal("requestOptions", ex.ParamName);
        Assert.Empty(_wire.Requests);
    }

    [Fact]
    public async Task Header_values_with_line_breaks_and_bad_limits_are_rejected()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Jigsaw().DeleteFileAsync("a.wav", new SpeechRequestOptions { Headers = { ["x-a"] = "1\r\nx-b: 2" } }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Jigsaw().DeleteFileAsync("a.wav", new SpeechRequestOptions { MaxRetries = -1 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Jigsaw().DeleteFileAsync("a.wav", new SpeechRequestOptions { NetworkTimeout = TimeSpan.Zero }));
        Assert.Empty(_wire.Requests);
    }

    [Fact]
    public async Task A_per_call_retry_limit_overrides_the_clients()
    {
        _wire.Answer(HttpStatusCode.ServiceUnavailable, "{\"message\":\"busy\"}");
        _wire.Answer(HttpStatusCode.OK, "{\"success\":true}");
        _wire.Answer(HttpStatusCode.ServiceUnavailable, "{\"message\":\"busy\"}");
        var client = Jigsaw(maxRetries: 3);

        Assert.True(await client.DeleteFileAsync("a.wav"));
        Assert.Equal(2, _wire.Requests.Count);

        var ex = await Assert.ThrowsAsync<SpeechApiException>(() => client.DeleteFileAsync("a.wav", new SpeechRequestOptions { MaxRetries = 0 }));
        Assert.Equal(503, ex.StatusCode);
        Assert.Equal(3, _wire.Requests.Count);
    }
}

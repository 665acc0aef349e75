using Pyannote.Sdk.Tests.PyannoteAI;

namespace Pyannote.Sdk.Tests.VendorOptions;

public partial class RequestOptionsTests
{
    [Fact]
    public async Task Pyannote_result_carries_request_id_rate_limit_status_and_headers_of_the_last_answer()
    {
        var kit = new PyannoteTestKit();
        kit.JobCreated("/v1/diarize", "job-7");
        kit.ScriptJob("job-7", () =>
        {
            var r = PyannoteTestKit.Json("""{"jobId":"job-7","status":"succeeded","output":{"diarization":[]}}""");
            r.Headers.TryAddWithoutValidation("X-RateLimit-Limit", "100");
            r.Headers.TryAddWithoutValidation("X-RateLimit-Remaining", "98");
            r.Headers.TryAddWithoutValidation("x-request-id", "req-42");
            return r;
        });

        var result = await kit.Client.DiarizeAsync(AudioInput.FromUrl("https://example.com/a.wav"));

        var info = result.Response!;
        Assert.Equal(200, info.StatusCode);
        Assert.Equal("req-42", info.RequestId);
        Assert.Equal(new SpeechRateLimit(100, 98, null), info.RateLimit);
        Assert.Equal("98", info.Header("x-ratelimit-remaining"));
    }

    [Fact]
    public void Rate_limit_reset_is_read_as_epoch_seconds_or_milliseconds()
    {
        static string? Pyannote(string name) => name switch { "x-ratelimit-limit" => "100", "x-ratelimit-reset" => "1763755200", _ => null };
        static string? Jigsaw(string name) => name switch { "x-jigsaw-rate-limit-remaining" => "3", "x-jigsaw-rate-limit-reset" => "1763755200123", _ => null };

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1763755200), SpeechRateLimit.FromHeaders(Pyannote)!.Reset);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1763755200123), SpeechRateLimit.FromHeaders(Jigsaw)!.Reset);
        Assert.Equal(3, SpeechRateLimit.FromHeaders(Jigsaw)!.Remaining);
        Assert.Null(SpeechRateLimit.FromHeaders(_ => null));
    }
}

using System.Net;
using Pyannote.Sdk.Jobs;
using static Pyannote.Sdk.Tests.NanoGpt.NanoGptTestKit;

namespace Pyannote.Sdk.Tests.NanoGpt;

/// <summary>NanoGPT's conflicting error shapes all become <see cref="SpeechApiException"/> with status, message and code.</summary>
public class NanoGptErrorTests
{
    private static async Task<SpeechApiException> TranscribeFailsWith(HttpStatusCode status, string body, Action<HttpResponseMessage>? headers = null)
    {
        var (mock, requests) = Script(() =>
        {
            var r = Json(status, body);
            headers?.Invoke(r);
            return r;
        });
        var ex = await Assert.ThrowsAnyAsync<SpeechApiException>(() => Client(mock).StartTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.mp3")));
        Assert.Single(requests);
        return ex;
    }

    [Fact]
    public async Task Insufficient_balance_402_with_required_balance()
    {
        var ex = await TranscribeFailsWith(HttpStatusCode.PaymentRequired, Payload("error-402-insufficient-balance.json"));

        Assert.Equal(402, ex.StatusCode);
        Assert.Equal(SpeechVendor.NanoGpt, ex.Vendor);
        Assert.Equal("Insufficient balance", ex.VendorMessage);
        Assert.Null(ex.ErrorCode);
        Assert.False(ex.IsRetriable);
        Assert.Contains("NanoGPT nanogpt.transcribe answered 402", ex.Message);
    }

    [Fact]
    public async Task Legacy_simple_402()
    {
        var ex = await TranscribeFailsWith(HttpStatusCode.PaymentRequired, Payload("error-legacy-simple-402.json"));

        Assert.Equal(402, ex.StatusCode);
        Assert.Equal("Insufficient balance", ex.VendorMessage);
    }

    [Fact]
    public async Task Daily_limit_429_with_retry_after()
    {
        var ex = await TranscribeFailsWith((HttpStatusCode)429, Payload("error-429-daily-limit.json"),
            r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(3600)));

        Assert.Equal(429, ex.StatusCode);
        Assert.Equal("Daily request limit exceeded (1000/1000). Resets at midnight UTC.", ex.VendorMessage);
        Assert.Equal("daily_rpd_limit_exceeded", ex.ErrorCode);
        Assert.Equal(TimeSpan.FromHours(1), ex.RetryAfter);
        Assert.True(ex.IsRetriable);
    }

    [Fact]
    public async Task OpenAI_style_envelope()
    {
        var ex = await TranscribeFailsWith(HttpStatusCode.BadRequest, Payload("error-openai-compatible-envelope.json"));

        Assert.Equal(400, ex.StatusCode);
        Assert.Equal("Human-readable error message", ex.VendorMessage);
        Assert.Equal("missing_required_parameter", ex.ErrorCode);
    }

    [Fact]
    public async Task Spec_shape_with_numeric_error_and_message()
    {
        // The shape NanoGPT's OpenAPI document declares: {error: integer, message: string}.
        var ex = await TranscribeFailsWith(HttpStatusCode.RequestEntityTooLarge, "{\"error\": 413, \"message\": \"File too large\"}");

        Assert.Equal(413, ex.StatusCode);
        Assert.Equal("File too large", ex.VendorMessage);
        Assert.Null(ex.ErrorCode); // the numeric "error" repeats the status; it is not NanoGPT's code
    }

    [Fact]
    public async Task Unauthorized_without_body_and_the_key_never_in_the_message()
    {
        var ex = await TranscribeFailsWith(HttpStatusCode.Unauthorized, string.Empty, r => r.Headers.Add("X-Request-ID", "req-42"));

        Assert.Equal(401, ex.StatusCode);
        Assert.Equal("req-42", ex.RequestId);
        Assert.DoesNotContain(ApiKey, ex.ToString());
    }

    [Fact]
    public async Task Status_404_is_job_not_found()
    {
        var (mock, _) = Script(() => Json(HttpStatusCode.NotFound, "{\"error\": 404, \"message\": \"Transcription job not found\"}"));

        var ex = await Assert.ThrowsAsync<SpeechJobNotFoundException>(() => Client(mock).GetTranscriptionJob("gone").UpdateStatusAsync());

        Assert.Equal("gone", ex.JobId);
        Assert.Equal(404, ex.StatusCode);
    }

    [Fact]
    public async Task Unreadable_success_body_is_a_format_error()
    {
        var (mock, _) = Script(() => Json(HttpStatusCode.OK, "{\"transcription\": 12"));

        var ex = await Assert.ThrowsAsync<SpeechResponseFormatException>(() => Client(mock).StartTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.mp3")));

        Assert.Equal(200, ex.StatusCode);
    }

    [Fact]
    public async Task Job_answer_without_run_id_is_a_format_error()
    {
        var (mock, _) = Script(() => Json(HttpStatusCode.Accepted, "{\"status\": \"pending\", \"model\": \"Elevenlabs-STT\"}"));

        var ex = await Assert.ThrowsAsync<SpeechResponseFormatException>(() => Client(mock).StartTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.mp3")));

        Assert.Contains("runId", ex.Message);
    }
}

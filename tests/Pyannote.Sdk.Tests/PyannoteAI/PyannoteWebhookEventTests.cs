using System.Text;
using Pyannote.Sdk.Jobs;
using Pyannote.Sdk.PyannoteAI;
using Pyannote.Sdk.Webhooks;

namespace Pyannote.Sdk.Tests.Webhooks;

/// <summary>What a verified delivery turns into: the same result types as polling, status-only bodies, retry headers.</summary>
public class PyannoteWebhookEventTests
{
    private const string Secret = "whsec_event-tests";
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private static PyannoteWebhookEvent Receive(byte[] body, string? retryNum = null, string? retryReason = null)
    {
        var headers = PyannoteWebhook.CreateSignatureHeaders(body, Secret, Now) with { RetryNumber = retryNum, RetryReason = retryReason };
        return PyannoteWebhook.ConstructEvent(body, headers.ToList(), Secret, TimeSpan.FromMinutes(5), Now);
    }

    [Fact]
    public void An_identification_delivery_maps_to_the_polling_result_type()
    {
        var evt = Receive(WebhookTestData.Bytes("webhooks", "pyannote-identification-succeeded.json"));

        Assert.Equal(PyannoteWebhookJobKind.Identification, evt.JobKind);
        Assert.Same(evt.Identification, evt.Diarization);
        var result = Assert.IsType<IdentificationResult>(evt.Diarization);
        Assert.Equal("Alice", result.Identification[0].Match);
        Assert.Null(result.Identification[1].Match);
        Assert.Equal(87.5, result.Voiceprints[0].Confidence["Alice"]);
        Assert.Equal(2, result.Diarization.Count);
    }

    [Fact]
    public void A_delivery_with_transcription_exposes_the_transcript()
    {
        var evt = Receive(WebhookTestData.Bytes("webhooks", "pyannote-transcription-succeeded.json"));

        Assert.Equal(PyannoteWebhookJobKind.Diarization, evt.JobKind);
        var transcript = Assert.IsType<Pyannote.Sdk.Transcripts.Transcript>(evt.Transcript);
        Assert.Equal(SpeechVendor.Pyannote, transcript.Vendor);
        Assert.Equal(3, transcript.Words.Count);
        Assert.Equal(["SPEAKER_00", "SPEAKER_01"], transcript.Turns.Select(t => t.Speaker));
        Assert.Equal(TimeSpan.FromSeconds(1.4), transcript.Turns[1].Start);
        Assert.Same(evt.Diarization, transcript.RawRepresentation);
    }

    [Fact]
    public void A_voiceprint_delivery_carries_the_voiceprint()
    {
        var evt = Receive(WebhookTestData.Bytes("webhooks", "pyannote-voiceprint-succeeded.json"));
        Assert.Equal(PyannoteWebhookJobKind.Voiceprint, evt.JobKind);
        Assert.StartsWith("UklGR", evt.Voiceprint, StringComparison.Ordinal);
        Assert.Null(evt.Diarization);
    }

    [Theory]
    [InlineData("{\"jobId\":\"j1\",\"status\":\"failed\"}", "failed")]
    [InlineData("{\"jobId\":\"j1\",\"status\":\"canceled\"}", "canceled")]
    [InlineData("{\"jobId\":\"j1\",\"status\":\"succeeded\"}", "succeeded")]
    [InlineData("{\"jobId\":\"j1\",\"status\":\"succeeded\",\"output\":null}", "succeeded")]
    public void A_body_without_output_is_status_only(string json, string status)
    {
        var evt = Receive(Encoding.UTF8.GetBytes(json));
        Assert.True(evt.IsStatusOnly);
        Assert.Equal(new JobStatus(status), evt.Status);
        Assert.Equal(PyannoteWebhookJobKind.Unknown, evt.JobKind);
        Assert.Null(evt.Diarization);
        Assert.Null(evt.RawOutput);
    }

    [Fact]
    public void A_failed_delivery_with_an_error_reports_it_and_maps_no_result()
    {
        var evt = Receive("{\"jobId\":\"j2\",\"status\":\"failed\",\"output\":{\"error\":\"Could not load audio\"}}"u8.ToArray());
        Assert.True(evt.Status.IsFailed);
        Assert.Equal("Could not load audio", evt.Error);
        Assert.Null(evt.Diarization);
        Assert.False(evt.IsStatusOnly);
    }

    [Fact]
    public void An_unknown_status_and_unknown_fields_still_parse()
    {
        var evt = Receive("{\"jobId\":\"j3\",\"status\":\"archived\",\"extra\":{\"a\":1},\"output\":{\"diarization\":[],\"newField\":true}}"u8.ToArray());
        Assert.Equal("archived", evt.Status.ToString());
        Assert.True(evt.RawOutput!.Value.TryGetProperty("newField", out _));
    }

    [Theory]
    [InlineData("1", "http_timeout", 1)]
    [InlineData("2", "http_error", 2)]
    [InlineData(" 3 ", "ssl_error", 3)]
    [InlineData("garbage", "connection_failed", 1)]
    public void Retry_headers_are_read_and_the_idempotency_key_stays_the_same(string num, string reason, int expected)
    {
        var body = WebhookTestData.PublishedPyannoteBody;
        var first = Receive(body);
        var retry = Receive(body, num, reason);

        Assert.Equal(expected, retry.RetryNumber);
        Assert.True(retry.IsRetry);
        Assert.Equal(new WebhookRetryReason(reason), retry.RetryReason);
        Assert.Equal(first.IdempotencyKey, retry.IdempotencyKey);
    }

    [Fact]
    public void Retry_reasons_are_an_open_set_with_the_documented_values()
    {
        Assert.Equal(
            ["http_timeout", "too_many_redirects", "connection_failed", "ssl_error", "http_error", "unknown_error"],
            new[] { WebhookRetryReason.HttpTimeout, WebhookRetryReason.TooManyRedirects, WebhookRetryReason.ConnectionFailed, WebhookRetryReason.SslError, WebhookRetryReason.HttpError, WebhookRetryReason.UnknownError }.Select(r => r.ToString()));
        Assert.Equal(WebhookRetryReason.HttpTimeout, new WebhookRetryReason("HTTP_TIMEOUT"));
        Assert.Equal("brand_new", new WebhookRetryReason("brand_new").ToString());
    }

    [Fact]
    public void The_two_value_overload_verifies_without_retry_information()
    {
        var body = WebhookTestData.PublishedPyannoteBody;
        var signed = PyannoteWebhook.CreateSignatureHeaders(body, Secret, DateTimeOffset.UtcNow);
        var evt = PyannoteWebhook.ConstructEvent(body, signed.Signature, signed.Timestamp, Secret);
        Assert.Equal(0, evt.RetryNumber);
        Assert.True(evt.IsVerified);
    }

    [Fact]
    public void Parse_unverified_reads_a_forged_delivery_and_says_it_is_unverified()
    {
        var forged = "{\"jobId\":\"x\",\"status\":\"succeeded\",\"output\":{\"diarization\":[]}}"u8.ToArray();
        var evt = PyannoteWebhook.ParseUnverified(forged, new PyannoteWebhookHeaders { RetryNumber = "2", Timestamp = "1795000000", Signature = "nonsense" });
        Assert.False(evt.IsVerified);
        Assert.Null(evt.SignatureEncoding);
        Assert.Equal(2, evt.RetryNumber);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795000000), evt.Timestamp);
        var ex = Assert.Throws<WebhookVerificationException>(() => PyannoteWebhook.ParseUnverified("not json"u8));
        Assert.Equal(WebhookFailureReason.MalformedBody, ex.Reason);
    }

    [Fact]
    public void Validate_signature_checks_without_reading_the_body()
    {
        var body = "not even json"u8.ToArray();
        var options = new PyannoteWebhookOptions { Secrets = [Secret], TimeProvider = new Infrastructure.FakeTimeProvider(Now) };
        var headers = PyannoteWebhook.CreateSignatureHeaders(body, Secret, Now, PyannoteSignatureEncodings.PrefixedHex);
        Assert.Equal(PyannoteSignatureEncodings.PrefixedHex, PyannoteWebhook.ValidateSignature(body, headers, options));
    }

    [Fact]
    public void Headers_from_a_collection_join_repeated_names_and_ignore_others()
    {
        var headers = PyannoteWebhookHeaders.From([
            KeyValuePair.Create("Content-Type", "application/json"),
            KeyValuePair.Create("X-Signature", "a"),
            KeyValuePair.Create("x-signature", "b"),
            KeyValuePair.Create("X-Retry-Num", "2"),
            KeyValuePair.Create("X-RETRY-REASON", "http_error"),
        ]);
        Assert.Equal("a,b", headers.Signature);
        Assert.Null(headers.Timestamp);
        Assert.Equal("2", headers.RetryNumber);
        Assert.Equal("http_error", headers.RetryReason);
    }

    [Fact]
    public void The_event_description_names_the_job_without_the_output()
    {
        var evt = Receive(WebhookTestData.Bytes("webhooks", "pyannote-transcription-succeeded.json"));
        Assert.Equal("pyannoteAI webhook: job 0a1b2c3d-4e5f-4061-8273-94a5b6c7d8e9 succeeded (Diarization), attempt 1", evt.ToString());
    }
}

using System.Text;
using Pyannote.Sdk.Webhooks;

namespace Pyannote.Sdk.Tests.Webhooks;

/// <summary>Every way a delivery is rejected, in the style of Stripe's webhook tests. One exception type, one reason each.</summary>
public class PyannoteWebhookRejectionTests
{
    private const string Secret = "whsec_rejection-tests";
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = WebhookTestData.PublishedPyannoteBody;

    private static PyannoteWebhookHeaders Signed(byte[] body, DateTimeOffset at, string secret = Secret) =>
        PyannoteWebhook.CreateSignatureHeaders(body, secret, at);

    private static PyannoteWebhookOptions Options(TimeSpan? tolerance = null, params string[] secrets) => new()
    {
        Secrets = secrets.Length == 0 ? [Secret] : secrets.ToList(),
        Tolerance = tolerance ?? TimeSpan.FromMinutes(5),
        TimeProvider = new FakeTimeProvider(Now),
    };

    private static WebhookVerificationException Rejected(byte[] body, PyannoteWebhookHeaders headers, PyannoteWebhookOptions? options = null) =>
        Assert.Throws<WebhookVerificationException>(() => PyannoteWebhook.ConstructEvent(body, headers, options ?? Options()));

    [Fact]
    public void A_fresh_correctly_signed_delivery_is_accepted()
    {
        var evt = PyannoteWebhook.ConstructEvent(Body, Signed(Body, Now), Options());
        Assert.Equal("job_id", evt.JobId);
        Assert.Equal(PyannoteSignatureEncodings.Base64, evt.SignatureEncoding);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86400)]
    [InlineData(86400)]
    public void A_timestamp_beyond_the_tolerance_in_either_direction_is_rejected(int offsetSeconds)
    {
        var ex = Rejected(Body, Signed(Body, Now.AddSeconds(offsetSeconds)));
        Assert.Equal(WebhookFailureReason.OutsideTolerance, ex.Reason);
        Assert.True(ex.IsAuthenticationFailure);
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    [InlineData(0)]
    public void A_timestamp_exactly_at_the_tolerance_is_accepted(int offsetSeconds)
    {
        var evt = PyannoteWebhook.ConstructEvent(Body, Signed(Body, Now.AddSeconds(offsetSeconds)), Options());
        Assert.Equal(Now.AddSeconds(offsetSeconds), evt.Timestamp);
    }

    [Fact]
    public void The_tolerance_is_configurable()
    {
        var headers = Signed(Body, Now.AddMinutes(-9));
        Assert.Equal(WebhookFailureReason.OutsideTolerance, Rejected(Body, headers).Reason);
        Assert.NotNull(PyannoteWebhook.ConstructEvent(Body, headers, Options(TimeSpan.FromMinutes(10))));
    }

    [Fact]
    public void The_clock_overload_checks_against_the_time_given()
    {
        var headers = Signed(Body, Now).ToList();
        Assert.NotNull(PyannoteWebhook.ConstructEvent(Body, headers, Secret, TimeSpan.FromMinutes(5), Now.AddMinutes(4)));
        var ex = Assert.Throws<WebhookVerificationException>(() => PyannoteWebhook.ConstructEvent(Body, headers, Secret, TimeSpan.FromMinutes(5), Now.AddMinutes(6)));
        Assert.Equal(WebhookFailureReason.OutsideTolerance, ex.Reason);
    }

    [Fact]
    public void The_system_clock_overload_rejects_a_delivery_signed_long_ago()
    {
        var headers = Signed(Body, DateTimeOffset.UtcNow.AddHours(-1)).ToList();
        var ex = Assert.Throws<WebhookVerificationException>(() => PyannoteWebhook.ConstructEvent(Body, headers, Secret));
        Assert.Equal(WebhookFailureReason.OutsideTolerance, ex.Reason);
        Assert.NotNull(PyannoteWebhook.ConstructEvent(Body, Signed(Body, DateTimeOffset.UtcNow).ToList(), Secret));
    }

    [Fact]
    public void A_tampered_body_is_rejected()
    {
        var headers = Signed(Body, Now);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Body).Replace("speaker_1", "speaker_2", StringComparison.Ordinal));
        Assert.Equal(WebhookFailureReason.SignatureMismatch, Rejected(tampered, headers).Reason);
    }

    [Fact]
    public void A_body_reserialised_with_different_spacing_is_rejected()
    {
        var headers = Signed(Body, Now);
        var compact = Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonDocument.Parse(Body).RootElement));
        Assert.NotEqual(Body, compact);
        Assert.Equal(WebhookFailureReason.SignatureMismatch, Rejected(compact, headers).Reason);
        var trailingNewline = Body.Concat("\n"u8.ToArray()).ToArray();
        Assert.Equal(WebhookFailureReason.SignatureMismatch, Rejected(trailingNewline, headers).Reason);
    }

    [Fact]
    public void A_timestamp_changed_after_signing_is_rejected()
    {
        var headers = Signed(Body, Now) with { Timestamp = Now.AddSeconds(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) };
        Assert.Equal(WebhookFailureReason.SignatureMismatch, Rejected(Body, headers).Reason);
    }

    [Fact]
    public void A_wrong_secret_is_rejected_and_the_message_does_not_echo_secrets_or_signatures()
    {
        var headers = Signed(Body, Now, "the-sender-secret");
        var ex = Rejected(Body, headers);
        Assert.Equal(WebhookFailureReason.SignatureMismatch, ex.Reason);
        var expected = PyannoteWebhook.CreateSignatureHeaders(Body, Secret, Now);
        foreach (var text in new[] { ex.Message, ex.ToString() })
        {
            Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain("the-sender-secret", text, StringComparison.Ordinal);
            Assert.DoesNotContain(expected.Signature!, text, StringComparison.Ordinal);
            Assert.DoesNotContain(headers.Signature!, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Any_of_several_secrets_is_accepted_during_a_rotation()
    {
        var options = Options(null, "old-secret", "new-secret");
        Assert.NotNull(PyannoteWebhook.ConstructEvent(Body, Signed(Body, Now, "old-secret"), options));
        Assert.NotNull(PyannoteWebhook.ConstructEvent(Body, Signed(Body, Now, "new-secret"), options));
        Assert.Equal(WebhookFailureReason.SignatureMismatch, Rejected(Body, Signed(Body, Now, "other"), options).Reason);
    }

    [Fact]
    public void One_matching_signature_among_several_in_the_header_is_enough()
    {
        var good = Signed(Body, Now);
        var other = Signed(Body, Now, "other-secret");
        var headers = good with { Signature = other.Signature + ", " + good.Signature };
        Assert.NotNull(PyannoteWebhook.ConstructEvent(Body, headers, Options()));
    }

    [Fact]
    public void An_encoding_that_is_not_accepted_is_treated_as_malformed()
    {
        var options = Options();
        options.AcceptedEncodings = PyannoteSignatureEncodings.Base64;
        var hex = PyannoteWebhook.CreateSignatureHeaders(Body, Secret, Now, PyannoteSignatureEncodings.Hex);
        Assert.Equal(WebhookFailureReason.MalformedSignature, Rejected(Body, hex, options).Reason);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void Each_missing_header_is_named(bool withSignature, bool withTimestamp)
    {
        var signed = Signed(Body, Now);
        var headers = new PyannoteWebhookHeaders { Signature = withSignature ? signed.Signature : null, Timestamp = withTimestamp ? signed.Timestamp : null };
        var ex = Rejected(Body, headers);
        Assert.Equal(WebhookFailureReason.MissingHeader, ex.Reason);
        Assert.Contains(withSignature ? "X-Request-Timestamp" : "X-Signature", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsAuthenticationFailure);
    }

    [Fact]
    public void Header_names_are_matched_ignoring_case_and_missing_ones_are_reported()
    {
        var signed = Signed(Body, Now);
        var lower = new[] { KeyValuePair.Create("x-signature", signed.Signature!), KeyValuePair.Create("X-REQUEST-TIMESTAMP", signed.Timestamp!) };
        Assert.NotNull(PyannoteWebhook.ConstructEvent(Body, lower, Secret, TimeSpan.FromMinutes(5), Now));
        var ex = Assert.Throws<WebhookVerificationException>(() => PyannoteWebhook.ConstructEvent(Body, lower.Take(1), Secret, TimeSpan.FromMinutes(5), Now));
        Assert.Equal(WebhookFailureReason.MissingHeader, ex.Reason);
        ex = Assert.Throws<WebhookVerificationException>(() => PyannoteWebhook.ConstructEvent(Body, Array.Empty<KeyValuePair<string, string>>(), Secret, TimeSpan.FromMinutes(5), Now));
        Assert.Equal(WebhookFailureReason.MissingHeader, ex.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_timestamp_is_a_missing_header(string timestamp)
    {
        var headers = Signed(Body, Now) with { Timestamp = timestamp };
        Assert.Equal(WebhookFailureReason.MissingHeader, Rejected(Body, headers).Reason);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("17950000x0")]
    [InlineData("-1795000000")]
    [InlineData("+1795000000")]
    [InlineData("1795000000.5")]
    [InlineData("1.7e9")]
    [InlineData("0x6AFC")]
    [InlineData("١٧٩٥")] // Arabic-Indic digits are not ASCII digits
    [InlineData("99999999999999999999999999999")] // overflows long
    [InlineData("9223372036854775807")] // long.MaxValue: beyond DateTimeOffset
    [InlineData("253402300800")] // one second after DateTimeOffset.MaxValue
    public void A_non_numeric_or_overflowing_timestamp_is_malformed(string timestamp)
    {
        var headers = Signed(Body, Now) with { Timestamp = timestamp };
        var ex = Rejected(Body, headers);
        Assert.Equal(WebhookFailureReason.MalformedTimestamp, ex.Reason);
        Assert.IsNotType<FormatException>(ex.InnerException);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%")] // 44 characters, not base64
    [InlineData("AAAA")] // base64 of too few bytes
    [InlineData("35a1bb4ff46e7cdc86eeab5d20afa52d8d6af2ec9eb26d07c594e0a1da52a1b")] // odd length hex (63)
    [InlineData("35a1bb4ff46e7cdc86eeab5d20afa52d8d6af2ec9eb26d07c594e0a1da52a1bdz")] // 65
    [InlineData("zz a1bb4ff46e7cdc86eeab5d20afa52d8d6af2ec9eb26d07c594e0a1da52a1bd")]
    [InlineData("v0=")]
    [InlineData("v0=xyz")]
    [InlineData("v0=35a1bb4ff46e7cdc86eeab5d20afa52d8d6af2ec9eb26d07c594e0a1da52a1b")]
    [InlineData("gga1bb4ff46e7cdc86eeab5d20afa52d8d6af2ec9eb26d07c594e0a1da52a1bd")] // 64 characters, not hex
    [InlineData(",,,")]
    public void A_signature_in_no_accepted_encoding_is_malformed(string signature)
    {
        var headers = Signed(Body, Now) with { Signature = signature };
        Assert.Equal(WebhookFailureReason.MalformedSignature, Rejected(Body, headers).Reason);
    }

    [Fact]
    public void A_well_formed_signature_of_other_bytes_is_a_mismatch()
    {
        var headers = Signed(Body, Now) with { Signature = Convert.ToBase64String(new byte[32]) };
        Assert.Equal(WebhookFailureReason.SignatureMismatch, Rejected(Body, headers).Reason);
    }

    [Fact]
    public void A_non_ascii_body_verifies_byte_for_byte()
    {
        var body = WebhookTestData.Bytes("webhooks", "pyannote-transcription-succeeded.json");
        var evt = PyannoteWebhook.ConstructEvent(body, Signed(body, Now), Options());
        Assert.Equal("Hello Zoë", evt.Transcript!.Turns[0].Text);
        Assert.Equal("こんにちは", evt.Transcript.Turns[1].Text);

        var latin1 = Encoding.Latin1.GetBytes(Encoding.UTF8.GetString(body));
        Assert.Equal(WebhookFailureReason.SignatureMismatch, Rejected(latin1, Signed(body, Now)).Reason);
    }

    [Fact]
    public void A_correctly_signed_body_that_is_not_utf8_json_is_malformed()
    {
        var latin1 = Encoding.Latin1.GetBytes("{\"jobId\":\"Zoë\",\"status\":\"failed\"}");
        var ex = Rejected(latin1, Signed(latin1, Now));
        Assert.Equal(WebhookFailureReason.MalformedBody, ex.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"jobId\":\"j\"}")]
    [InlineData("{\"status\":\"succeeded\"}")]
    [InlineData("{\"jobId\":\"\",\"status\":\"succeeded\"}")]
    [InlineData("{\"jobId\":42,\"status\":\"succeeded\"}")]
    [InlineData("{\"jobId\":\"j\",\"status\":\"succeeded\",\"output\":[]}")]
    [InlineData("{\"jobId\":\"j\",\"status\":\"succeeded\",\"output\":{\"diarization\":[{\"speaker\":\"A\",\"start\":-1,\"end\":2}]}}")]
    [InlineData("{\"jobId\":\"j\",\"status\":\"succeeded\",\"output\":{\"diarization\":[{\"speaker\":\"A\",\"start\":\"x\",\"end\":2}]}}")]
    [InlineData("{\"jobId\":\"j\",\"status\":\"succeeded\",\"output\":{\"diarization\":[null]}}")]
    [InlineData("{\"jobId\":\"j\",\"status\":\"succeeded\",\"output\":{\"diarization\":[{\"speaker\":\"A\",\"start\":1e400,\"end\":2}]}}")]
    [InlineData("{\"jobId\":\"j\",\"status\":\"succeeded\"} trailing")]
    public void A_correctly_signed_body_of_the_wrong_shape_is_malformed(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var ex = Rejected(body, Signed(body, Now));
        Assert.Equal(WebhookFailureReason.MalformedBody, ex.Reason);
        Assert.False(ex.IsAuthenticationFailure);
    }

    [Fact]
    public void A_very_large_body_is_rejected_before_hashing_and_one_within_the_limit_verifies()
    {
        // 4 MiB of diarization segments: within the default limit.
        var sb = new StringBuilder("{\"jobId\":\"big\",\"status\":\"succeeded\",\"output\":{\"diarization\":[");
        var i = 0;
        while (sb.Length < 4 * 1024 * 1024)
        {
            sb.Append(i == 0 ? string.Empty : ",").Append("{\"speaker\":\"SPEAKER_0").Append(i % 3).Append("\",\"start\":").Append(i).Append(",\"end\":").Append(i + 1).Append('}');
            i++;
        }

        var body = Encoding.UTF8.GetBytes(sb.Append("]}}").ToString());
        var evt = PyannoteWebhook.ConstructEvent(body, Signed(body, Now), Options());
        Assert.Equal(i, evt.Diarization!.Diarization.Count);

        var small = Options();
        small.MaxBodyBytes = 1024 * 1024;
        var ex = Rejected(body, Signed(body, Now), small);
        Assert.Equal(WebhookFailureReason.BodyTooLarge, ex.Reason);
    }

    [Fact]
    public void Configuration_mistakes_are_argument_exceptions_not_verification_failures()
    {
        var headers = Signed(Body, Now);
        Assert.Throws<ArgumentNullException>(() => PyannoteWebhook.ConstructEvent(Body, headers.ToList(), null!));
        Assert.Throws<ArgumentException>(() => PyannoteWebhook.ConstructEvent(Body, headers.ToList(), ""));
        Assert.Throws<ArgumentOutOfRangeException>(() => PyannoteWebhook.ConstructEvent(Body, headers.ToList(), Secret, TimeSpan.Zero));
        Assert.Throws<ArgumentException>(() => PyannoteWebhook.ConstructEvent(Body, headers, new PyannoteWebhookOptions()));
        Assert.Throws<ArgumentException>(() => PyannoteWebhook.ConstructEvent(Body, headers, new PyannoteWebhookOptions { Secrets = ["ok", ""] }));
        Assert.Throws<ArgumentException>(() => PyannoteWebhook.CreateSignatureHeaders(Body, Secret, Now, PyannoteSignatureEncodings.All));
    }

    [Fact]
    public void Options_and_headers_do_not_print_secrets_or_signatures()
    {
        var options = Options(null, "super-secret-value");
        Assert.DoesNotContain("super-secret-value", options.ToString(), StringComparison.Ordinal);
        var headers = Signed(Body, Now);
        Assert.DoesNotContain(headers.Signature!, headers.ToString(), StringComparison.Ordinal);
    }
}

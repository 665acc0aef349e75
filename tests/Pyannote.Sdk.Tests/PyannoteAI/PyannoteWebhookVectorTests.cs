using Pyannote.Sdk.Jobs;
using Pyannote.Sdk.Webhooks;

namespace Pyannote.Sdk.Tests.Webhooks;

/// <summary>Known answers computed by openssl (eng/webhook-vectors.sh → TestData/webhooks/vectors.json), in every accepted encoding.</summary>
public class PyannoteWebhookVectorTests
{
    public static TheoryData<string, PyannoteSignatureEncodings> VectorsAndEncodings()
    {
        var data = new TheoryData<string, PyannoteSignatureEncodings>();
        foreach (var v in WebhookTestData.Vectors)
        {
            data.Add(v.Name, PyannoteSignatureEncodings.Base64);
            data.Add(v.Name, PyannoteSignatureEncodings.Hex);
            data.Add(v.Name, PyannoteSignatureEncodings.PrefixedHex);
        }

        return data;
    }

    private static string SignatureOf(WebhookTestData.Vector v, PyannoteSignatureEncodings encoding) => encoding switch
    {
        PyannoteSignatureEncodings.Base64 => v.SignatureBase64,
        PyannoteSignatureEncodings.Hex => v.SignatureHex,
        _ => v.SignaturePrefixedHex,
    };

    [Fact]
    public void The_vector_file_covers_the_published_payload_a_non_ascii_body_and_a_non_ascii_secret()
    {
        Assert.True(WebhookTestData.Vectors.Count >= 5);
        Assert.Equal(WebhookTestData.PublishedPyannoteBody, WebhookTestData.Get("published-diarization").Body);
        Assert.Contains(WebhookTestData.Get("transcription-non-ascii-body").Body, b => b > 0x7F);
        Assert.Contains(WebhookTestData.Get("non-ascii-secret").Secret, c => c > 0x7F);
    }

    [Theory]
    [MemberData(nameof(VectorsAndEncodings))]
    public void A_vector_verifies_in_each_encoding_and_reports_which_matched(string name, PyannoteSignatureEncodings encoding)
    {
        var v = WebhookTestData.Get(name);
        var headers = new Dictionary<string, string> { ["X-Signature"] = SignatureOf(v, encoding), ["X-Request-Timestamp"] = v.Timestamp };

        var evt = PyannoteWebhook.ConstructEvent(v.Body, headers, v.Secret, TimeSpan.FromMinutes(5), v.Time);

        Assert.Equal(encoding, evt.SignatureEncoding);
        Assert.True(evt.IsVerified);
        Assert.Equal(v.Time, evt.Timestamp);
    }

    [Theory]
    [MemberData(nameof(VectorsAndEncodings))]
    public void The_header_helper_reproduces_the_vector_exactly(string name, PyannoteSignatureEncodings encoding)
    {
        var v = WebhookTestData.Get(name);

        var headers = PyannoteWebhook.CreateSignatureHeaders(v.Body, v.Secret, v.Time, encoding);

        Assert.Equal(SignatureOf(v, encoding), headers.Signature);
        Assert.Equal(v.Timestamp, headers.Timestamp);
    }

    [Fact]
    public void Uppercase_hex_is_accepted_too()
    {
        var v = WebhookTestData.Get("published-diarization");
        var evt = PyannoteWebhook.ConstructEvent(v.Body, v.SignatureHex.ToUpperInvariant(), v.Timestamp, v.Secret, TimeSpan.FromDays(100000));
        Assert.Equal(PyannoteSignatureEncodings.Hex, evt.SignatureEncoding);
    }

    [Fact]
    public void The_published_payload_maps_to_a_diarization_result()
    {
        var v = WebhookTestData.Get("published-diarization");
        var evt = PyannoteWebhook.ConstructEvent(v.Body, new Dictionary<string, string> { ["x-signature"] = v.SignatureBase64, ["x-request-timestamp"] = v.Timestamp }, v.Secret, TimeSpan.FromMinutes(5), v.Time);

        Assert.Equal("job_id", evt.JobId);
        Assert.Equal(JobStatus.Succeeded, evt.Status);
        Assert.Equal(PyannoteWebhookJobKind.Diarization, evt.JobKind);
        Assert.False(evt.IsStatusOnly);
        var segment = Assert.Single(evt.Diarization!.Diarization);
        Assert.Equal("speaker_1", segment.Speaker);
        Assert.Equal(TimeSpan.Zero, segment.Start);
        Assert.Equal(TimeSpan.FromSeconds(1), segment.End);
        Assert.Null(evt.Identification);
        Assert.Null(evt.Transcript);
        Assert.Equal(0, evt.RetryNumber);
        Assert.False(evt.IsRetry);
        Assert.Null(evt.RetryReason);
        Assert.Equal("pyannote:job_id:succeeded", evt.IdempotencyKey);
    }
}

using System.Text;
using Pyannote.Sdk.Webhooks;

namespace Pyannote.Sdk.Tests.Webhooks;

/// <summary>JigsawStack deliveries: both response shapes through the one parser, and the callback URL token.</summary>
public class JigsawStackWebhookTests
{
    private const string Secret = "jigsaw-callback-secret";
    private static readonly JigsawStackWebhookOptions Options = new() { Secrets = [Secret] };

    [Fact]
    public void The_published_example_with_chunks_parses()
    {
        var evt = JigsawStackWebhook.ParseUnverified(WebhookTestData.Bytes("webhooks", "jigsawstack-webhook-chunks.json"));
        Assert.Equal("35643965633a84534a396dcc11252cd1", evt.Id);
        Assert.Equal("success", evt.Status);
        Assert.False(evt.IsError);
        Assert.False(evt.Transcription.Success);
        Assert.StartsWith("Hey guys", evt.Transcription.Text, StringComparison.Ordinal);
        var chunk = Assert.Single(evt.Transcription.Chunks);
        Assert.Equal(TimeSpan.FromSeconds(0.96), chunk.Start);
        Assert.Equal(TimeSpan.FromSeconds(7.2), chunk.End);
        Assert.Equal("jigsawstack:35643965633a84534a396dcc11252cd1", evt.IdempotencyKey);
        Assert.False(evt.IsVerified);
    }

    [Fact]
    public void The_published_verbatim_example_is_not_json_and_is_rejected_as_malformed()
    {
        var ex = Assert.Throws<WebhookVerificationException>(() => JigsawStackWebhook.ParseUnverified(WebhookTestData.Bytes("jigsawstack", "stt-webhook-example-verbatim.txt")));
        Assert.Equal(WebhookFailureReason.MalformedBody, ex.Reason);
    }

    [Fact]
    public void The_older_speakers_shape_and_the_newer_chunk_speaker_shape_both_parse()
    {
        var older = JigsawStackWebhook.ParseUnverified(WebhookTestData.Bytes("webhooks", "jigsawstack-webhook-by-speaker.json"));
        Assert.Equal(2, older.Transcription.Speakers.Count);
        Assert.Equal("Speaker 1", older.Transcription.Speakers[0].Speaker);
        Assert.Single(older.Transcription.ToTranscript().Turns);

        var newer = JigsawStackWebhook.ParseUnverified(WebhookTestData.Bytes("webhooks", "jigsawstack-webhook-speaker-chunks.json"));
        Assert.Equal(["SPEAKER_1", "SPEAKER_2"], newer.Transcription.Chunks.Select(c => c.Speaker));
        Assert.Equal("en", newer.Transcription.LanguageDetected);
        Assert.Equal(331, newer.Transcription.Usage!.TotalTokens);
        Assert.Equal(["SPEAKER_1", "SPEAKER_2"], newer.Transcription.ToTranscript().Turns.Select(t => t.Speaker));
    }

    [Fact]
    public void An_error_status_is_reported()
    {
        var evt = JigsawStackWebhook.ParseUnverified("{\"success\":false,\"status\":\"error\",\"id\":\"e1\"}"u8);
        Assert.True(evt.IsError);
    }

    [Fact]
    public void A_body_without_id_gets_a_content_hash_key_that_repeats_for_the_same_bytes()
    {
        var body = "{\"success\":true,\"text\":\"hi\"}"u8.ToArray();
        var a = JigsawStackWebhook.ParseUnverified(body);
        var b = JigsawStackWebhook.ParseUnverified(body);
        Assert.StartsWith("jigsawstack:sha256:", a.IdempotencyKey, StringComparison.Ordinal);
        Assert.Equal(a.IdempotencyKey, b.IdempotencyKey);
    }

    [Fact]
    public void A_callback_url_keeps_its_query_and_carries_the_id_and_a_token_that_verifies()
    {
        var url = JigsawStackWebhook.CreateCallbackUrl(new Uri("https://example.com/hooks/jigsaw?tenant=a%20b"), Secret, "recording 42/ü");

        Assert.StartsWith("https://example.com/hooks/jigsaw?tenant=a%20b&webhookId=recording%2042%2F%C3%BC&webhookKey=", url.AbsoluteUri, StringComparison.Ordinal);
        var token = url.Query[(url.Query.IndexOf("webhookKey=", StringComparison.Ordinal) + "webhookKey=".Length)..];
        Assert.Equal(43, token.Length);
        Assert.Equal(JigsawStackWebhook.ComputeToken(Secret, "recording 42/ü"), token);
        Assert.DoesNotContain(Secret, url.AbsoluteUri, StringComparison.Ordinal);

        var evt = JigsawStackWebhook.ConstructEvent(WebhookTestData.Bytes("webhooks", "jigsawstack-webhook-chunks.json"), url, Options);
        Assert.True(evt.IsVerified);
        Assert.Equal("recording 42/ü", evt.CorrelationId);
    }

    [Fact]
    public void The_token_matches_an_independent_hmac()
    {
        // HMAC-SHA256(key "jigsaw-callback-secret", "jigsawstack-webhook:v1:job-1"), base64url without padding.
        using var hmac = new System.Security.Cryptography.HMACSHA256(Encoding.UTF8.GetBytes(Secret));
        var expected = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes("jigsawstack-webhook:v1:job-1"))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Equal(expected, JigsawStackWebhook.ComputeToken(Secret, "job-1"));
    }

    [Theory]
    [InlineData(null, "x", WebhookFailureReason.MissingToken)]
    [InlineData("job-1", null, WebhookFailureReason.MissingToken)]
    [InlineData("job-1", "", WebhookFailureReason.MissingToken)]
    [InlineData("job-1", "short", WebhookFailureReason.InvalidToken)]
    [InlineData("job-1", "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!", WebhookFailureReason.InvalidToken)]
    [InlineData("job-2", "TOKEN-OF-JOB-1", WebhookFailureReason.InvalidToken)]
    public void A_missing_or_wrong_token_is_rejected(string? id, string? token, WebhookFailureReason reason)
    {
        if (token == "TOKEN-OF-JOB-1")
        {
            token = JigsawStackWebhook.ComputeToken(Secret, "job-1");
        }

        var ex = Assert.Throws<WebhookVerificationException>(() => JigsawStackWebhook.ConstructEvent("{\"id\":\"a\",\"text\":\"t\"}"u8, id, token, Options));
        Assert.Equal(reason, ex.Reason);
        Assert.True(ex.IsAuthenticationFailure);
        Assert.DoesNotContain(JigsawStackWebhook.ComputeToken(Secret, id ?? "job-1"), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_made_with_another_secret_is_rejected_and_rotation_accepts_both()
    {
        var oldToken = JigsawStackWebhook.ComputeToken("old", "job-1");
        var ex = Assert.Throws<WebhookVerificationException>(() => JigsawStackWebhook.VerifyToken("job-1", oldToken, [Secret]));
        Assert.Equal(WebhookFailureReason.InvalidToken, ex.Reason);
        JigsawStackWebhook.VerifyToken("job-1", oldToken, ["new", "old"]);
    }

    [Fact]
    public void A_verified_token_with_a_bad_body_is_malformed_and_a_large_body_is_too_large()
    {
        var token = JigsawStackWebhook.ComputeToken(Secret, "job-1");
        var ex = Assert.Throws<WebhookVerificationException>(() => JigsawStackWebhook.ConstructEvent("{\"chunks\":[{\"timestamp\":[-1,2]}]}"u8, "job-1", token, Options));
        Assert.Equal(WebhookFailureReason.MalformedBody, ex.Reason);

        var small = new JigsawStackWebhookOptions { Secrets = [Secret], MaxBodyBytes = 10 };
        ex = Assert.Throws<WebhookVerificationException>(() => JigsawStackWebhook.ConstructEvent("{\"text\":\"more than ten bytes\"}"u8, "job-1", token, small));
        Assert.Equal(WebhookFailureReason.BodyTooLarge, ex.Reason);
    }

    [Fact]
    public void Bad_callback_arguments_are_argument_exceptions()
    {
        Assert.Throws<ArgumentException>(() => JigsawStackWebhook.CreateCallbackUrl(new Uri("/relative", UriKind.Relative), Secret, "a"));
        Assert.Throws<ArgumentException>(() => JigsawStackWebhook.CreateCallbackUrl(new Uri("ftp://example.com/x"), Secret, "a"));
        Assert.Throws<ArgumentException>(() => JigsawStackWebhook.CreateCallbackUrl(new Uri("https://example.com/x?webhookKey=1"), Secret, "a"));
        Assert.Throws<ArgumentException>(() => JigsawStackWebhook.CreateCallbackUrl(new Uri("https://example.com/x"), "", "a"));
        Assert.Throws<ArgumentException>(() => JigsawStackWebhook.CreateCallbackUrl(new Uri("https://example.com/x"), Secret, new string('a', 201)));
        Assert.Throws<ArgumentException>(() => JigsawStackWebhook.ConstructEvent("{}"u8, "a", "b", new JigsawStackWebhookOptions()));
        Assert.DoesNotContain(Secret, Options.ToString(), StringComparison.Ordinal);
    }
}

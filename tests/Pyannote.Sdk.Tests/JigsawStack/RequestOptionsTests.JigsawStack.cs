using Pyannote.Sdk.JigsawStack;

namespace Pyannote.Sdk.Tests.VendorOptions;

public partial class RequestOptionsTests
{
    private JigsawStackClient Jigsaw(int maxRetries = 0) => new("sk-jigsaw-secret", new JigsawStackClientOptions
    {
        Transport = _wire.Mock,
        Retry = new SpeechRetryOptions { MaxRetries = maxRetries, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(1) },
    });

    [Fact]
    public async Task JigsawStack_privacy_and_cache_headers_are_sent_on_that_call_only()
    {
        _wire.AnswerJson(TestFiles.Payload("jigsawstack", "stt-response-url.json"));
        _wire.AnswerJson(TestFiles.Payload("jigsawstack", "stt-response-url.json"));
        var client = Jigsaw();
        var request = AudioInput.FromUrl("https://example.com/a.wav");
        var perCall = new SpeechRequestOptions { Headers = { ["x-jigsaw-skip-cache"] = "true", ["x-jigsaw-no-request-log"] = "true" } };

        await client.CreateTranscriptionAsync(request, requestOptions: perCall);
        await client.CreateTranscriptionAsync(request);

        Assert.Equal("true", _wire.Requests[0].Header("x-jigsaw-skip-cache"));
        Assert.Equal("true", _wire.Requests[0].Header("x-jigsaw-no-request-log"));
        Assert.Equal("sk-jigsaw-secret", _wire.Requests[0].Header("x-api-key"));
        Assert.Null(_wire.Requests[1].Header("x-jigsaw-skip-cache"));
    }
}

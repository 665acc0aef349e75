using Pyannote.Sdk.Http;

namespace Pyannote.Sdk.Tests.HttpPipeline;

public partial class RetryHandlerTests
{
    [Fact]
    public void Retry_decisions_match_the_request_kind()
    {
        var retry = new SpeechRetryOptions();
        var timeout = new SpeechTimeoutException(SpeechVendor.Together, "together.transcribe", SpeechTimeoutKind.Network, TimeSpan.FromSeconds(1));
        Assert.False(RetryHandler.Decide(RequestKind.Billed, null, timeout, null, true, retry, NoTime).Retry);
        Assert.True(RetryHandler.Decide(RequestKind.Idempotent, null, timeout, null, true, retry, NoTime).Retry);
        Assert.False(RetryHandler.Decide(RequestKind.Billed, null, new InvalidOperationException(), null, true, retry, NoTime).Retry);
    }
}

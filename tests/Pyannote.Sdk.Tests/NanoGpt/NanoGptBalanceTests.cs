using System.Net;
using Pyannote.Sdk.NanoGpt;
using Pyannote.Sdk.Tests.NanoGpt;

namespace Pyannote.Sdk.Tests.VendorOptions;

/// <summary>NanoGPT's 402 names the balance it needs (payload error-402-insufficient-balance.json, docs.nano-gpt.com
/// api-reference/miscellaneous/error-handling, Nano-GPT-com/docs @f0b5f52).</summary>
public class NanoGptBalanceTests
{
    [Fact]
    public async Task The_published_402_becomes_a_typed_exception_with_the_required_balance()
    {
        var (mock, requests) = NanoGptTestKit.Script(() => NanoGptTestKit.Json(HttpStatusCode.PaymentRequired, NanoGptTestKit.Payload("error-402-insufficient-balance.json")));

        var ex = await Assert.ThrowsAsync<NanoGptInsufficientBalanceException>(() => NanoGptTestKit.Client(mock).CreateOpenAITranscriptionAsync(AudioInput.FromUrl("https://example.com/a.mp3")));

        Assert.Equal(0.0035m, ex.RequiredBalance);
        Assert.Equal(402, ex.StatusCode);
        Assert.Equal(SpeechVendor.NanoGpt, ex.Vendor);
        Assert.Equal("Insufficient balance", ex.VendorMessage);
        Assert.Single(requests);
    }

    [Theory]
    [InlineData("error-legacy-simple-402.json")]
    [InlineData("error-openai-compatible-envelope.json")]
    public async Task A_402_without_required_balance_stays_a_plain_api_exception(string payload)
    {
        var (mock, _) = NanoGptTestKit.Script(() => NanoGptTestKit.Json(HttpStatusCode.PaymentRequired, NanoGptTestKit.Payload(payload)));

        var ex = await Assert.ThrowsAsync<SpeechApiException>(() => NanoGptTestKit.Client(mock).CreateOpenAITranscriptionAsync(AudioInput.FromUrl("https://example.com/a.mp3")));

        Assert.IsNotType<NanoGptInsufficientBalanceException>(ex);
        Assert.Equal(402, ex.StatusCode);
    }
}

using Pyannote.Sdk.Together;

namespace Pyannote.Sdk.Tests.VendorOptions;

public partial class ExtraFieldsTests
{
    [Fact]
    public async Task Together_sends_an_unknown_form_field_and_exposes_an_unknown_answer_member()
    {
        var wire = new WireHarness();
        wire.AnswerJson("""{"text":"hi","language":"en","future_member":"kept"}""");
        var client = new TogetherClient("tg-key", new TogetherClientOptions { Transport = wire.Mock });

        var result = await client.CreateTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.wav"), new TogetherTranscriptionOptions
        {
            Language = "fr",
            AdditionalFields = { ["future_flag"] = "on", ["future_number"] = 3 },
        });

        Assert.Equal(["file", "language", "future_flag", "future_number"], wire.Single.Parts.Select(p => p.Name).ToArray());
        Assert.Equal("on", wire.Single.Part("future_flag").Text);
        Assert.Equal("3", wire.Single.Part("future_number").Text);
        Assert.Equal("kept", result.RawPayload!.Value.GetProperty("future_member").GetString());
        Assert.Equal(200, result.Response!.StatusCode);
        await Assert.ThrowsAsync<ArgumentException>(() => client.CreateTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.wav"), new TogetherTranscriptionOptions { AdditionalFields = { ["diarize"] = "true" } }));
        Assert.Single(wire.Requests);
    }
}

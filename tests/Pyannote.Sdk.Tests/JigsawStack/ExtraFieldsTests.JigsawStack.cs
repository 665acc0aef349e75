using Pyannote.Sdk.JigsawStack;

namespace Pyannote.Sdk.Tests.VendorOptions;

public partial class ExtraFieldsTests
{
    [Fact]
    public async Task JigsawStack_sends_an_unknown_json_field_and_exposes_an_unknown_answer_member()
    {
        var wire = new WireHarness();
        wire.AnswerJson("""{"success":true,"text":"hi","chunks":[],"future_member":[1,2]}""");
        var client = new JigsawStackClient("sk", new JigsawStackClientOptions { Transport = wire.Mock });

        var result = await client.CreateTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.wav"), new JigsawStackTranscriptionOptions
        {
            AdditionalFields = { ["future_flag"] = false },
        });

        Assert.Equal("{\"url\":\"https://example.com/a.wav\",\"future_flag\":false}", wire.Single.BodyText);
        Assert.Equal(2, result.RawPayload!.Value.GetProperty("future_member").GetArrayLength());
        await Assert.ThrowsAsync<ArgumentException>(() => client.CreateTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.wav"), new JigsawStackTranscriptionOptions
        {
            AdditionalFields = { ["by_speaker"] = true },
        }));
        Assert.Single(wire.Requests);
    }
}

using System.Net;
using Pyannote.Sdk.NanoGpt;
using Pyannote.Sdk.Tests.NanoGpt;

namespace Pyannote.Sdk.Tests.VendorOptions;

public partial class ExtraFieldsTests
{
    [Fact]
    public async Task NanoGpt_sends_an_unknown_field_and_exposes_an_unknown_answer_member()
    {
        var (mock, requests) = NanoGptTestKit.Script(() => NanoGptTestKit.Json(HttpStatusCode.OK, """{"text":"hi","segments_v2":[{"t":1}]}"""));

        var result = await NanoGptTestKit.Client(mock).CreateOpenAITranscriptionAsync(AudioInput.FromUrl("https://example.com/a.mp3"), new NanoGptOpenAITranscriptionOptions
        {
            AdditionalFields = { ["response_format"] = "verbose_json" },
        });

        Assert.Equal("{\"model\":\"Whisper-Large-V3\",\"file_url\":\"https://example.com/a.mp3\",\"response_format\":\"verbose_json\"}", Assert.Single(requests).BodyText);
        Assert.Equal(1, result.RawPayload!.Value.GetProperty("segments_v2")[0].GetProperty("t").GetInt32());
        await Assert.ThrowsAsync<ArgumentException>(() => NanoGptTestKit.Client(mock).CreateOpenAITranscriptionAsync(AudioInput.FromUrl("https://example.com/a.mp3"), new NanoGptOpenAITranscriptionOptions { AdditionalFields = { ["file_url"] = "x" } }));
    }
}

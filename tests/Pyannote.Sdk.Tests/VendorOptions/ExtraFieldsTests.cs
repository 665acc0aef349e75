using System.Net;
using Pyannote.Sdk.JigsawStack;
using Pyannote.Sdk.NanoGpt;
using Pyannote.Sdk.PyannoteAI;
using Pyannote.Sdk.Tests.NanoGpt;
using Pyannote.Sdk.Tests.PyannoteAI;
using Pyannote.Sdk.Together;

namespace Pyannote.Sdk.Tests.VendorOptions;

/// <summary>A field the SDK has never heard of goes out as given, and an unknown answer member can be read back: one
/// test per vendor, plus the clash rule (a name a typed option sends is rejected before anything is sent).</summary>
public class ExtraFieldsTests
{
    [Fact]
    public async Task Pyannote_sends_an_unknown_field_and_exposes_an_unknown_output_member()
    {
        var kit = new PyannoteTestKit();
        kit.JobCreated("/v1/diarize", "job-x");
        kit.ScriptJob("job-x", () => PyannoteTestKit.Json("""{"jobId":"job-x","status":"succeeded","output":{"diarization":[],"futureScore":{"v":7}}}"""));
        var options = new DiarizationOptions { NumSpeakers = 2, AdditionalFields = { ["futureFlag"] = true, ["futureTuning"] = new System.Text.Json.Nodes.JsonObject { ["k"] = 1.5 } } };

        var result = await kit.Client.DiarizeAsync(AudioInput.FromUrl("https://example.com/a.wav"), options);

        Assert.Equal("{\"url\":\"https://example.com/a.wav\",\"numSpeakers\":2,\"futureFlag\":true,\"futureTuning\":{\"k\":1.5}}", kit.Requests[0].Body);
        Assert.Equal(7, result.RawOutput!.Value.GetProperty("futureScore").GetProperty("v").GetInt32());
    }

    [Fact]
    public async Task Pyannote_rejects_an_extra_field_that_clashes_with_a_typed_option_before_uploading()
    {
        var kit = new PyannoteTestKit();
        var options = new DiarizationOptions { AdditionalFields = { ["numSpeakers"] = 3 } };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => kit.Client.StartDiarizationAsync(AudioInput.FromStream(new MemoryStream(new byte[100]), "a.wav"), options));

        Assert.Contains("numSpeakers", ex.Message, StringComparison.Ordinal);
        kit.AssertNothingSent();
    }

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

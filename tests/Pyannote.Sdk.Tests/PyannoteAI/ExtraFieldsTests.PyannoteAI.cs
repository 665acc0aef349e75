using Pyannote.Sdk.PyannoteAI;
using Pyannote.Sdk.Tests.PyannoteAI;

namespace Pyannote.Sdk.Tests.VendorOptions;

public partial class ExtraFieldsTests
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
}

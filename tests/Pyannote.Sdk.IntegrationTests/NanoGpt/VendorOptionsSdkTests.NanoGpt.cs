using Pyannote.Sdk.NanoGpt;
using static Pyannote.Sdk.IntegrationTests.Sdk.SdkTestKit;

namespace Pyannote.Sdk.IntegrationTests.Sdk;

public sealed partial class VendorOptionsSdkTests
{
    [Fact]
    public async Task NanoGpt_openai_endpoint_transcribes_an_upload_and_a_url()
    {
        await using var emulator = await StartAsync();
        var client = NewNanoGpt(emulator);

        var upload = await client.CreateOpenAITranscriptionAsync(AudioInput.FromFile(ConversationWav));
        var byUrl = await client.CreateOpenAITranscriptionAsync(AudioInput.FromUrl("https://example.com/recordings/call.wav"), new NanoGptOpenAITranscriptionOptions { Model = NanoGptModel.Wizper, Language = "en" });

        Assert.Equal(Expected.Words, NormalizedWords(upload.Text));
        Assert.Equal("en", upload.Language);
        Assert.True(upload.Duration > TimeSpan.FromSeconds(30));
        Assert.False(string.IsNullOrWhiteSpace(byUrl.Text));
        Assert.Equal("Wizper", byUrl.Model);
    }

    [Fact]
    public async Task NanoGpt_model_discovery_lists_stt_models_with_diarization_support()
    {
        await using var emulator = await StartAsync();
        var client = NewNanoGpt(emulator);

        var models = await client.DiscoverModelsAsync();

        Assert.Contains(models, m => m.Id == "Whisper-Large-V3" && m.SupportsDiarization == false && m.IsDiscovered);
        Assert.Contains(models, m => m.Id == "Elevenlabs-STT" && m.SupportsDiarization == true);
        Assert.DoesNotContain(models, m => m.Id == "emulated-tts");
        Assert.Same(models, client.Models);
    }

    [Fact]
    public async Task NanoGpt_402_from_the_emulator_carries_the_required_balance()
    {
        await using var emulator = await StartAsync();
        var client = NewNanoGpt(emulator);

        // The emulator's fault header, sent as a per-call header.
        var ex = await Assert.ThrowsAsync<NanoGptInsufficientBalanceException>(() => client.CreateOpenAITranscriptionAsync(
            AudioInput.FromUrl("https://example.com/recordings/call.wav"), requestOptions: new SpeechRequestOptions { Headers = { ["x-emulator-fault"] = "402" } }));

        Assert.Equal(0.0035m, ex.RequiredBalance);
    }
}

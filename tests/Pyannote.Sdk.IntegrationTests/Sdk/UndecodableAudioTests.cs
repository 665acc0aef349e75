using Pyannote.Sdk.Jobs;
using Pyannote.Sdk.NanoGpt;
using static Pyannote.Sdk.IntegrationTests.Sdk.SdkTestKit;

namespace Pyannote.Sdk.IntegrationTests.Sdk;

/// <summary>
/// Issue 13, finding 7: empty or undecodable audio never "succeeds". The SDK refuses it before sending (unit tests:
/// BadAudioRefusedTests); when the caller turns that check off (<see cref="AudioInput.WithoutFormatCheck"/>), the emulator
/// answers the way each vendor does, and the SDK surfaces it as a typed failure, never as an empty transcript:
/// pyannoteAI stores any bytes and fails the job ("Could not load audio"); Together AI, JigsawStack and NanoGPT answer
/// 400 in their own error shapes.
/// </summary>
public sealed class UndecodableAudioTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pyannote-sdk-undecodable-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Cases => new() { "empty", "text" };

    private AudioInput Unchecked(string kind)
    {
        var path = Path.Combine(_dir, kind + ".wav");
        File.WriteAllBytes(path, kind == "empty" ? [] : "These are meeting notes, not audio.\n"u8.ToArray());
        return AudioInput.FromFile(path).WithoutFormatCheck();
    }

    private static string Expected(string kind) => kind == "empty" ? "empty" : "could not be decoded";

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task PyannoteAI_fails_the_job_for_undecodable_audio_instead_of_returning_no_speakers(string kind)
    {
        await using var emulator = await StartAsync();

        var failed = await Assert.ThrowsAsync<SpeechJobFailedException>(() => NewPyannote(emulator).DiarizeAsync(Unchecked(kind)));

        Assert.Equal(SpeechVendor.Pyannote, failed.Vendor);
        Assert.Contains("Could not load audio", failed.Error, StringComparison.Ordinal);
        Assert.Contains(Expected(kind), failed.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, await CountAsync(emulator, "/v1/diarize", "POST", 1));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Together_answers_undecodable_audio_with_a_400_in_its_error_shape(string kind)
    {
        await using var emulator = await StartAsync();

        var error = await Assert.ThrowsAsync<SpeechApiException>(() => NewTogether(emulator).TranscribeAsync(Unchecked(kind)));

        Assert.Equal(SpeechVendor.Together, error.Vendor);
        Assert.Equal(400, error.StatusCode);
        Assert.Contains(Expected(kind), error.VendorMessage, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, await CountAsync(emulator, "/v1/audio/transcriptions", "POST", 1));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task JigsawStack_answers_undecodable_audio_with_a_400_in_every_mode(string kind)
    {
        await using var emulator = await StartAsync();
        var client = NewJigsawStack(emulator);

        var sync = await Assert.ThrowsAsync<SpeechApiException>(() => client.TranscribeAsync(Unchecked(kind)));
        var webhook = await Assert.ThrowsAsync<SpeechApiException>(() =>
            client.StartTranscriptionAsync(Unchecked(kind), new Uri("https://127.0.0.1:1/hook")));

        foreach (var error in new[] { sync, webhook })
        {
            Assert.Equal(SpeechVendor.JigsawStack, error.Vendor);
            Assert.Equal(400, error.StatusCode);
            Assert.Contains(Expected(kind), error.VendorMessage, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(2, await CountAsync(emulator, "/v1/ai/transcribe", "POST", 2));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task NanoGpt_answers_undecodable_audio_with_a_400_for_sync_async_and_OpenAI_endpoints(string kind)
    {
        await using var emulator = await StartAsync();
        var client = NewNanoGpt(emulator);

        var sync = await Assert.ThrowsAsync<SpeechApiException>(() => client.StartTranscriptionAsync(Unchecked(kind), new NanoGptTranscriptionOptions { Model = NanoGptModel.WhisperLargeV3 }));
        var async_ = await Assert.ThrowsAsync<SpeechApiException>(() => client.StartTranscriptionAsync(Unchecked(kind), new NanoGptTranscriptionOptions { Model = NanoGptModel.ElevenlabsStt, Diarize = true }));
        var openAI = await Assert.ThrowsAsync<SpeechApiException>(() => client.CreateOpenAITranscriptionAsync(Unchecked(kind)));

        foreach (var error in new[] { sync, async_, openAI })
        {
            Assert.Equal(SpeechVendor.NanoGpt, error.Vendor);
            Assert.Equal(400, error.StatusCode);
            Assert.Contains(Expected(kind), error.VendorMessage, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(2, await CountAsync(emulator, "/api/transcribe", "POST", 2));
    }

    [Fact]
    public async Task WithoutFormatCheck_on_real_audio_changes_nothing_but_the_check()
    {
        await using var emulator = await StartAsync();
        var wav = AudioInput.FromFile(ConversationWav).WithoutFormatCheck();

        var transcript = await NewTogether(emulator).TranscribeAsync(wav);

        AssertConversation(transcript);
    }
}

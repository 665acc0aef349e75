using static Pyannote.Sdk.IntegrationTests.Sdk.SdkTestKit;

namespace Pyannote.Sdk.IntegrationTests.Sdk;

/// <summary>
/// Issue 13, finding 7: empty or undecodable audio never "succeeds". The SDK refuses it before sending (unit tests:
/// BadAudioRefusedTests); when the caller turns that check off (<see cref="AudioInput.WithoutFormatCheck"/>), the emulator
/// answers the way each vendor does, and the SDK surfaces it as a typed failure, never as an empty transcript:
/// pyannoteAI stores any bytes and fails the job ("Could not load audio"); Together AI, JigsawStack and NanoGPT answer
/// 400 in their own error shapes.
/// </summary>
public sealed partial class UndecodableAudioTests : IDisposable
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

    [Fact]
    public async Task WithoutFormatCheck_on_real_audio_changes_nothing_but_the_check()
    {
        await using var emulator = await StartAsync();
        var wav = AudioInput.FromFile(ConversationWav).WithoutFormatCheck();

        var transcript = await NewTogether(emulator).TranscribeAsync(wav);

        AssertConversation(transcript);
    }
}

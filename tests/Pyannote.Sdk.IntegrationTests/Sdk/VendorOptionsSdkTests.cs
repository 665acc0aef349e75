using static Pyannote.Sdk.IntegrationTests.Sdk.SdkTestKit;

namespace Pyannote.Sdk.IntegrationTests.Sdk;

/// <summary>The 2026 vendor options end to end: the real clients against the emulator over loopback HTTP.</summary>
public sealed partial class VendorOptionsSdkTests
{
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    /// <summary>A copy of conversation.wav with its sidecar, the sidecar's language replaced.</summary>
    private sealed class TempLibrary : IDisposable
    {
        public TempLibrary(string language)
        {
            Directory = Path.Combine(Path.GetTempPath(), "h17-" + Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(Directory);
            Audio = Path.Combine(Directory, "conversation.wav");
            File.Copy(ConversationWav, Audio);
            var sidecar = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(ConversationWav + ".transcript.json"))!;
            sidecar["language"] = language;
            File.WriteAllText(Audio + ".transcript.json", sidecar.ToJsonString());
        }

        public string Directory { get; }

        public string Audio { get; }

        public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
    }
}

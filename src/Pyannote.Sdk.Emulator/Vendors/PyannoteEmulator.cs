namespace Pyannote.Sdk.Emulator;

// This vendor's endpoint on the emulator.
public sealed partial class SpeechEmulator
{
    /// <summary>pyannoteAI endpoint (<c>…/pyannote/</c>); requests go to <c>…/pyannote/v1/diarize</c> and so on.</summary>
    public Uri PyannoteEndpoint => new(BaseAddress, "pyannote/");
}

namespace Pyannote.Sdk.Emulator;

// This vendor's endpoint on the emulator.
public sealed partial class SpeechEmulator
{
    /// <summary>JigsawStack endpoint (<c>…/jigsawstack/</c>); requests go to <c>…/jigsawstack/v1/ai/transcribe</c>.</summary>
    public Uri JigsawStackEndpoint => new(BaseAddress, "jigsawstack/");
}

namespace Pyannote.Sdk.Emulator;

// This vendor's endpoint on the emulator.
public sealed partial class SpeechEmulator
{
    /// <summary>Together AI endpoint (<c>…/together/</c>); requests go to <c>…/together/v1/audio/transcriptions</c>.</summary>
    public Uri TogetherEndpoint => new(BaseAddress, "together/");
}

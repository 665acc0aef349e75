namespace Pyannote.Sdk.Emulator;

// This vendor's endpoint on the emulator.
public sealed partial class SpeechEmulator
{
    /// <summary>NanoGPT endpoint (<c>…/nanogpt/</c>); requests go to <c>…/nanogpt/api/transcribe</c>.</summary>
    public Uri NanoGptEndpoint => new(BaseAddress, "nanogpt/");
}

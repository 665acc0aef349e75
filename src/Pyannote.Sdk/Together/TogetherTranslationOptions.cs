namespace Pyannote.Sdk.Together;

/// <summary>Settings of <see cref="TogetherClient.CreateTranslationAsync"/>. Translation has no diarization or speaker hints.</summary>
public sealed class TogetherTranslationOptions : TogetherAudioOptions
{
}

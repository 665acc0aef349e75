namespace Pyannote.Sdk.Together;

/// <summary>Settings of <see cref="TogetherClient.CreateTranscriptionAsync"/>.</summary>
public sealed class TogetherTranscriptionOptions : TogetherAudioOptions
{
    /// <summary>Whether to label words with speakers and return speaker segments (sent as the form text <c>true</c>/<c>false</c>).</summary>
    public bool? Diarize { get; set; }

    /// <summary>The fewest speakers to expect; requires <see cref="Diarize"/>.</summary>
    public int? MinSpeakers { get; set; }

    /// <summary>The most speakers to expect; requires <see cref="Diarize"/>.</summary>
    public int? MaxSpeakers { get; set; }
}

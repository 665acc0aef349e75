namespace Pyannote.Sdk.Live;

/// <summary>Settings of a <see cref="LiveTranscriber"/>.</summary>
public sealed partial class LiveTranscriberOptions
{
    /// <summary>How fast recorded audio is sent. Default <see cref="LivePacing.RealTime"/>, which pyannoteAI requires;
    /// <see cref="LivePacing.None"/> only against the emulator started without pacing.</summary>
    public LivePacing Pacing { get; set; } = LivePacing.RealTime;

    /// <summary>Paced: how long audio is held back from Together after it went to pyannoteAI, so that a speaker change
    /// reported within that delay is committed at its exact position. Longer is more exact and makes final captions
    /// later. 0 to 30 s; default 1 s.</summary>
    public TimeSpan TextLag { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Not paced: the most audio held back from Together while the diarization catches up (16 kHz floats,
    /// 64 KB a second). 1 s to 30 min; default 2 minutes.</summary>
    public TimeSpan MaxHeldAudio { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The Together real-time model. Default <c>openai/whisper-large-v3</c>.</summary>
    public string Model { get; set; } = "openai/whisper-large-v3";

    /// <summary>Language hint for Together (undocumented for real time); sent only when set.</summary>
    public string? Language { get; set; }

    /// <summary>How long each socket may take to open. Default 30 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After the audio: how long to wait for pyannoteAI to close and for Together's last completion. Default 10 s.</summary>
    public TimeSpan FinalResultTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Caption events buffered for a slow consumer before the SDK stops reading the sockets (the audio keeps
    /// its pace). Default 1,024.</summary>
    public int EventBufferCapacity { get; set; } = 1024;

    /// <summary>The clock that paces the audio. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal void Validate(string parameterName)
    {
        if (TimeProvider is null)
        {
            throw new ArgumentException("TimeProvider must not be null.", parameterName);
        }

        if (TextLag < TimeSpan.Zero || TextLag > TimeSpan.FromSeconds(30))
        {
            throw new ArgumentException("TextLag must be between 0 and 30 s.", parameterName);
        }

        if (MaxHeldAudio < TimeSpan.FromSeconds(1) || MaxHeldAudio > TimeSpan.FromMinutes(30))
        {
            throw new ArgumentException("MaxHeldAudio must be between 1 s and 30 minutes.", parameterName);
        }

        DiarizationOptions().Validate(parameterName);
        TranscriptionOptions().Validate(parameterName);
    }
}

using System.Globalization;

namespace Pyannote.Sdk.JigsawStack;

/// <summary>Settings of a streamed JigsawStack transcription (<c>stream=true</c>). Unset values are not sent, so the
/// service's defaults apply. They go in the query string, as the vendor's published request does.</summary>
public sealed class JigsawStackStreamingOptions
{
    /// <summary>The default <see cref="MaxEventBytes"/>: 4 MiB, room for the final result of hours of audio.</summary>
    public const int DefaultMaxEventBytes = 4 * 1024 * 1024;

    /// <summary>Skip parts with no speech (<c>vad</c>; service default true).</summary>
    public bool? Vad { get; set; }

    /// <summary>Speech-detection threshold, 0 to 1 (<c>vad_threshold</c>; service default 0.5); lower values detect more
    /// speech. Only meaningful with <see cref="Vad"/> on.</summary>
    public double? VadThreshold { get; set; }

    /// <summary>The language (<c>language</c>). Streaming is English-only at the service for now, so the default is
    /// <c>en</c>; other values are sent as given and the service currently refuses them.</summary>
    public string Language { get; set; } = "en";

    /// <summary>Largest single event accepted, in bytes (its <c>data:</c> lines together); a bigger one ends the stream
    /// with <see cref="Live.LiveStreamException"/>. 1 KiB to 64 MiB; default <see cref="DefaultMaxEventBytes"/>.</summary>
    public int MaxEventBytes { get; set; } = DefaultMaxEventBytes;

    internal void Validate(string parameterName)
    {
        if (VadThreshold is { } t && (double.IsNaN(t) || t < 0 || t > 1))
        {
            throw new ArgumentOutOfRangeException(parameterName, t, "VadThreshold must be between 0 and 1.");
        }

        if (string.IsNullOrWhiteSpace(Language))
        {
            throw new ArgumentException("Language must not be empty (streaming needs 'en').", parameterName);
        }

        if (MaxEventBytes is < 1024 or > 64 * 1024 * 1024)
        {
            throw new ArgumentOutOfRangeException(parameterName, MaxEventBytes, "MaxEventBytes must be between 1 KiB and 64 MiB.");
        }
    }

    internal string Query()
    {
        var query = "stream=true&language=" + Uri.EscapeDataString(Language);
        if (Vad is { } vad)
        {
            query += "&vad=" + (vad ? "true" : "false");
        }

        if (VadThreshold is { } threshold)
        {
            query += "&vad_threshold=" + threshold.ToString("R", CultureInfo.InvariantCulture);
        }

        return query;
    }
}

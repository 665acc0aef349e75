using System.Globalization;

namespace Pyannote.Sdk.JigsawStack;

/// <summary>A file stored in the JigsawStack File Store.</summary>
public sealed class JigsawStackStoredFile
{
    /// <summary>Creates a stored-file description from a key you kept (also for tests and mocks).</summary>
    /// <param name="key">The File Store key (pass the file to <see cref="JigsawStackClient.CreateTranscriptionAsync(JigsawStackStoredFile, JigsawStackTranscriptionOptions?, SpeechRequestOptions?, CancellationToken)"/>).</param>
    public JigsawStackStoredFile(string key)
    {
        Key = key ?? throw new ArgumentNullException(nameof(key));
    }

    /// <summary>The file's key.</summary>
    public string Key { get; }

    /// <summary>Where the file can be read (with the API key).</summary>
    public Uri? Url { get; init; }

    /// <summary>The stored size in bytes, if reported.</summary>
    public long? Size { get; init; }

    /// <summary>A temporary public URL, when one was asked for. Treat it as a secret.</summary>
    public Uri? TempPublicUrl { get; init; }

    /// <summary>The rate-limit headers of the answer, if sent.</summary>
    public SpeechRateLimit? RateLimit { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"JigsawStack file {Key} ({Size?.ToString(CultureInfo.InvariantCulture) ?? "?"} bytes)";
}

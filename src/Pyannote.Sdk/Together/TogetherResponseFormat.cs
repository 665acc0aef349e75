namespace Pyannote.Sdk.Together;

/// <summary>How much the service returns.</summary>
public enum TogetherResponseFormat
{
    /// <summary><c>json</c>: the text only.</summary>
    Json,

    /// <summary><c>verbose_json</c>: text, language, duration, segments, and words / speaker segments when asked for.</summary>
    VerboseJson,
}

using System.Text.RegularExpressions;

namespace Pyannote.Sdk.PyannoteAI;

/// <summary>pyannoteAI's request rules, checked before anything is sent.</summary>
internal static partial class PyannoteValidation
{
    public const string MediaScheme = "media";
    public const string MediaPrefix = "media://";
    public const int MaxMediaUrlLength = 255;
    public const int MaxVoiceprints = 50;
    public const int MaxLabelLength = 100;
    public const int MaxVoiceprintLength = 20000;

    /// <summary>Largest local file for diarization and identification: 1 GiB.</summary>
    public const long MaxAudioBytes = 1L << 30;

    /// <summary>Largest local file for a voiceprint: 100 MiB.</summary>
    public const long MaxVoiceprintAudioBytes = 100L << 20;

    [GeneratedRegex("^media://[a-zA-Z0-9\\-_./]+$", RegexOptions.CultureInvariant)]
    private static partial Regex MediaUrlPattern();

    /// <summary>Checks a <c>media://</c> URL: allowed characters and length.</summary>
    public static void MediaUrl(string url, string paramName)
    {
        if (url.Length > MaxMediaUrlLength)
        {
            throw new ArgumentException($"A media URL may be at most {MaxMediaUrlLength} characters (was {url.Length}).", paramName);
        }

        if (!MediaUrlPattern().IsMatch(url))
        {
            throw new ArgumentException("A media URL must be 'media://' followed by letters, digits, '-', '_', '.' or '/' only.", paramName);
        }
    }

    /// <summary>The URL to send for a URL input: http(s) as given, or a checked <c>media://</c> key.</summary>
    public static string AudioUrl(AudioInput audio, string paramName)
    {
        var url = audio.Url!;
        if (url.Scheme is "http" or "https")
        {
            return url.OriginalString;
        }

        if (string.Equals(url.Scheme, MediaScheme, StringComparison.OrdinalIgnoreCase))
        {
            var text = url.OriginalString;
            MediaUrl(text, paramName);
            return text;
        }

        throw new ArgumentException($"pyannoteAI fetches audio from http(s) URLs or media:// keys only (the URL's scheme was '{url.Scheme}').", paramName);
    }

    public static void Webhook(Uri? webhook, string paramName)
    {
        if (webhook is null)
        {
            return;
        }

        if (!webhook.IsAbsoluteUri || webhook.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException("The webhook must be an absolute https URL; pyannoteAI rejects plain http.", paramName);
        }
    }

    public static void Diarization(DiarizationOptions options, string paramName, bool identification)
    {
        if (options.NumSpeakers is not null && (options.MinSpeakers is not null || options.MaxSpeakers is not null))
        {
            throw new ArgumentException("NumSpeakers cannot be combined with MinSpeakers or MaxSpeakers; set either the exact count or the bounds.", paramName);
        }

        AtLeastOne(options.NumSpeakers, nameof(options.NumSpeakers), paramName);
        AtLeastOne(options.MinSpeakers, nameof(options.MinSpeakers), paramName);
        AtLeastOne(options.MaxSpeakers, nameof(options.MaxSpeakers), paramName);
        if (options.MinSpeakers > options.MaxSpeakers)
        {
            throw new ArgumentException($"MinSpeakers ({options.MinSpeakers}) must not be greater than MaxSpeakers ({options.MaxSpeakers}).", paramName);
        }

        Sensitivity(options.VadSensitivity, nameof(options.VadSensitivity), paramName);
        Sensitivity(options.CrosstalkSensitivity, nameof(options.CrosstalkSensitivity), paramName);
        Webhook(options.Webhook, paramName);
        if (identification)
        {
            if (options.Transcription == true || options.TranscriptionModel is not null)
            {
                throw new ArgumentException("The transcription add-on is not available for identification jobs.", paramName);
            }
        }
        else if (options.Transcription == true && options.Model is { } model && model != PyannoteModel.Precision2)
        {
            throw new ArgumentException($"The transcription add-on needs the precision-2 model (the model was '{model}').", paramName);
        }
    }

    public static void Identification(IdentificationOptions options, string paramName)
    {
        Diarization(options, paramName, identification: true);
        var voiceprints = options.Voiceprints;
        if (voiceprints.Count is < 1 or > MaxVoiceprints)
        {
            throw new ArgumentException($"An identification job needs between 1 and {MaxVoiceprints} voiceprints (was {voiceprints.Count}).", paramName);
        }

        for (var i = 0; i < voiceprints.Count; i++)
        {
            var v = voiceprints[i] ?? throw new ArgumentException($"Voiceprints[{i}] is null.", paramName);
            if (string.IsNullOrEmpty(v.Label))
            {
                throw new ArgumentException($"Voiceprints[{i}] has an empty label.", paramName);
            }

            if (v.Label.Length > MaxLabelLength)
            {
                throw new ArgumentException($"Voiceprints[{i}]: a label may be at most {MaxLabelLength} characters (was {v.Label.Length}).", paramName);
            }

            // The vendor's pattern forbids the prefix of its own diarization labels; checked in any case.
            if (v.Label.StartsWith("speaker_", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"Voiceprints[{i}]: a label must not start with 'SPEAKER_' (was '{v.Label}').", paramName);
            }

            if (string.IsNullOrEmpty(v.Voiceprint) || v.Voiceprint.Length > MaxVoiceprintLength)
            {
                throw new ArgumentException($"Voiceprints[{i}] ('{v.Label}'): the voiceprint must be 1 to {MaxVoiceprintLength} characters.", paramName);
            }
        }

        if (options.MatchingThreshold is { } t && (double.IsNaN(t) || t < 0 || t > 100))
        {
            throw new ArgumentOutOfRangeException(paramName, t, "MatchingThreshold must be between 0 and 100.");
        }
    }

    /// <summary>Smallest and largest sensitivity pyannoteAI documents (default 0, balanced).</summary>
    public const double MinSensitivity = -5.0;

    /// <summary>Largest sensitivity.</summary>
    public const double MaxSensitivity = 5.0;

    private static void Sensitivity(double? value, string name, string paramName)
    {
        if (value is { } v && (double.IsNaN(v) || v < MinSensitivity || v > MaxSensitivity))
        {
            throw new ArgumentOutOfRangeException(paramName, v, $"{name} must be between {MinSensitivity} and {MaxSensitivity} (0 is balanced).");
        }
    }

    private static void AtLeastOne(int? value, string name, string paramName)
    {
        if (value is < 1)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{name} must be at least 1.");
        }
    }

    /// <summary>A new unique key for an upload: <c>media://pyannote-sdk/&lt;guid&gt;-&lt;file name&gt;</c>, within the allowed characters and length.</summary>
    public static string NewMediaUrl(string? fileName)
    {
        var prefix = $"{MediaPrefix}pyannote-sdk/{Guid.NewGuid():N}";
        var sanitized = new string((fileName ?? string.Empty).Select(c => c < 128 && (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') ? c : '-').ToArray()).Trim('-', '.');
        if (sanitized.Length == 0)
        {
            return prefix;
        }

        var room = MaxMediaUrlLength - prefix.Length - 1;
        if (sanitized.Length > room)
        {
            sanitized = sanitized[^room..];
        }

        return prefix + "-" + sanitized;
    }
}

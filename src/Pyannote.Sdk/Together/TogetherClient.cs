using System.Globalization;
using Pyannote.Sdk.Generated.Together;
using Pyannote.Sdk.Http;
using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.Together;

/// <summary>
/// Client for Together AI speech-to-text: synchronous transcription (optionally diarized) and translation.
/// Local files and streams are uploaded by streaming (at most 80 MB); larger audio can be passed as a public URL,
/// which the service downloads itself.
/// </summary>
public partial class TogetherClient : ISpeechClient
{
    /// <summary>The largest direct upload this client sends: 80 MB (the safe edge limit; bigger bodies get an HTML 413).</summary>
    public const long MaxUploadBytes = 80_000_000;

    internal static readonly string[] AcceptedExtensions = [".wav", ".mp3", ".m4a", ".webm", ".flac", ".ogg", ".opus", ".aac"];

    private readonly HttpClient _http = null!;
    private readonly Uri _endpoint = null!;

    /// <summary>Creates a client with its own HTTP pipeline.</summary>
    /// <param name="apiKey">The Together API key, sent as <c>Authorization: Bearer</c>.</param>
    /// <param name="options">Endpoint, retries, transport; <see langword="null"/> for defaults.</param>
    /// <exception cref="ArgumentException"><paramref name="apiKey"/> is null or empty.</exception>
    public TogetherClient(string apiKey, TogetherClientOptions? options = null)
        : this(SpeechHttpPipeline.CreateHttpClient(SpeechVendor.Together, apiKey, options ??= new TogetherClientOptions()), options)
    {
    }

    /// <summary>Creates a client over an <see cref="HttpClient"/> that already carries the SDK pipeline (dependency injection).</summary>
    internal TogetherClient(HttpClient pipelineClient, TogetherClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(pipelineClient);
        ArgumentNullException.ThrowIfNull(options);
        _http = pipelineClient;
        _endpoint = options.EffectiveEndpoint;
    }

    /// <summary>For mocking.</summary>
    protected TogetherClient()
    {
    }

    /// <inheritdoc />
    public virtual SpeechVendor Vendor => SpeechVendor.Together;

    /// <inheritdoc />
    public virtual SpeechCapabilities Capabilities => TogetherVendor.Descriptor.Capabilities;

    /// <inheritdoc />
    public virtual Uri Endpoint => _endpoint ?? TogetherClientOptions.DefaultEndpoint;

    /// <summary>Transcribes audio (<c>POST /v1/audio/transcriptions</c>).</summary>
    /// <param name="audio">A local file or stream (streamed, at most 80 MB, .wav .mp3 .m4a .webm .flac .ogg .opus .aac) or a public http(s) URL.</param>
    /// <param name="options">Model, language, format, timestamps, diarization; <see langword="null"/> for the service's defaults.</param>
    /// <param name="requestOptions">Per-call headers, network timeout, retry limit and upload progress; <see langword="null"/> for the client's settings.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The transcription.</returns>
    /// <exception cref="ArgumentException">The input or an option breaks a rule (named in the message); nothing was sent.</exception>
    /// <exception cref="SpeechApiException">The service answered with an error (for example <c>audio_too_long</c>).</exception>
    /// <exception cref="SpeechResponseFormatException">The answer could not be read.</exception>
    public virtual Task<TogetherTranscription> CreateTranscriptionAsync(AudioInput audio, TogetherTranscriptionOptions? options = null, SpeechRequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        using var callScope = CallScope.Begin(requestOptions);
        ArgumentNullException.ThrowIfNull(audio);
        options ??= new TogetherTranscriptionOptions();
        ValidateAudio(audio);
        var fields = CommonFields(options, AutoDetectLanguage);
        if (options.MinSpeakers is < 1)
        {
            throw new ArgumentOutOfRangeException("options.MinSpeakers", options.MinSpeakers, "MinSpeakers must be at least 1.");
        }

        if (options.MaxSpeakers is < 1)
        {
            throw new ArgumentOutOfRangeException("options.MaxSpeakers", options.MaxSpeakers, "MaxSpeakers must be at least 1.");
        }

        if (options.MinSpeakers is { } min && options.MaxSpeakers is { } max && min > max)
        {
            throw new ArgumentException($"MinSpeakers ({min}) must not be greater than MaxSpeakers ({max}).", "options.MinSpeakers");
        }

        if ((options.MinSpeakers is not null || options.MaxSpeakers is not null) && options.Diarize != true)
        {
            throw new ArgumentException("MinSpeakers and MaxSpeakers are speaker hints for diarization; set Diarize to true to use them.", "options.Diarize");
        }

        if (options.Diarize is { } diarize)
        {
            fields.Add(("diarize", diarize ? "true" : "false"));
        }

        if (options.MinSpeakers is { } minSpeakers)
        {
            fields.Add(("min_speakers", minSpeakers.ToString(CultureInfo.InvariantCulture)));
        }

        if (options.MaxSpeakers is { } maxSpeakers)
        {
            fields.Add(("max_speakers", maxSpeakers.ToString(CultureInfo.InvariantCulture)));
        }

        fields.AddRange(ExtraFields.ForForm(options.AdditionalFields, TypedFormFields, nameof(options)));
        return SendAsync("v1/audio/transcriptions", "together.transcribe", audio, fields, options.Model ?? TogetherModel.WhisperLargeV3, cancellationToken);
    }

    /// <summary>Translates speech into text (<c>POST /v1/audio/translations</c>); the target language is English unless
    /// <see cref="TogetherAudioOptions.Language"/> says otherwise. Translation has no diarization.</summary>
    /// <param name="audio">A local file or stream (streamed, at most 80 MB) or a public http(s) URL.</param>
    /// <param name="options">Model, target language, format, timestamps; <see langword="null"/> for the service's defaults.</param>
    /// <param name="requestOptions">Per-call headers, network timeout, retry limit and upload progress; <see langword="null"/> for the client's settings.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The translation.</returns>
    /// <exception cref="ArgumentException">The input or an option breaks a rule (named in the message); nothing was sent.</exception>
    /// <exception cref="SpeechApiException">The service answered with an error.</exception>
    /// <exception cref="SpeechResponseFormatException">The answer could not be read.</exception>
    public virtual Task<TogetherTranscription> CreateTranslationAsync(AudioInput audio, TogetherTranslationOptions? options = null, SpeechRequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        using var callScope = CallScope.Begin(requestOptions);
        ArgumentNullException.ThrowIfNull(audio);
        options ??= new TogetherTranslationOptions();
        ValidateAudio(audio);
        var fields = CommonFields(options, unsetLanguage: null);
        fields.AddRange(ExtraFields.ForForm(options.AdditionalFields, TypedFormFields, nameof(options)));
        return SendAsync("v1/audio/translations", "together.translate", audio, fields, options.Model ?? TogetherModel.WhisperLargeV3, cancellationToken);
    }

    /// <summary>Transcribes with diarization mapped to <c>diarize</c>; <see cref="TranscriptionOptions.NumSpeakers"/> is
    /// sent as equal <c>min_speakers</c> and <c>max_speakers</c>. Asks for <c>verbose_json</c> (with word timestamps when
    /// <see cref="TranscriptionOptions.WordTimestamps"/> is set).</summary>
    /// <param name="audio">A local file, a stream, or a public http(s) URL.</param>
    /// <param name="options">Common settings; <see langword="null"/> for defaults (diarization on).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The transcript.</returns>
    /// <exception cref="ArgumentException">Speaker counts without diarization, NumSpeakers with Min/MaxSpeakers, or a bad input; nothing was sent.</exception>
    /// <exception cref="SpeechApiException">The service answered with an error.</exception>
    public virtual async Task<Transcript> TranscribeAsync(AudioInput audio, TranscriptionOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TranscriptionOptions();
        TogetherVendor.Descriptor.Capabilities.Validate(options);

        var together = new TogetherTranscriptionOptions
        {
            Model = options.Model is { Length: > 0 } m ? (TogetherModel?)new TogetherModel(m) : null,
            Language = options.Language,
            ResponseFormat = TogetherResponseFormat.VerboseJson,
            TimestampGranularities = options.WordTimestamps ? TogetherTimestampGranularities.Word : TogetherTimestampGranularities.Segment,
            Diarize = options.Diarize ? true : null,
            MinSpeakers = options.NumSpeakers ?? options.MinSpeakers,
            MaxSpeakers = options.NumSpeakers ?? options.MaxSpeakers,
        };
        var result = await CreateTranscriptionAsync(audio, together, cancellationToken: cancellationToken).ConfigureAwait(false);
        return SpeakerLabels.Apply(result.ToTranscript(), options);
    }

    private static void ValidateAudio(AudioInput audio)
    {
        if (audio.Kind == AudioInputKind.Url)
        {
            if (!audio.IsHttpUrl)
            {
                throw new ArgumentException($"Together AI fetches only http(s) URLs (the scheme was '{audio.Url!.Scheme}').", nameof(audio));
            }

            return;
        }

        audio.ValidateLocal(nameof(audio), SpeechVendor.Together, MaxUploadBytes, AcceptedExtensions, "Pass a public http(s) URL instead for larger audio (up to 1 GB).");
    }

    /// <summary>The transcription language sent when the caller gives none: <c>auto</c>, detection. Together's schema
    /// says the default is <c>en</c> and its guide says <c>auto</c>; sending it explicitly removes the doubt.</summary>
    internal const string AutoDetectLanguage = "auto";

    /// <summary>The form fields typed options send; additional fields may not reuse them.</summary>
    private static readonly string[] TypedFormFields =
        ["file", "model", "language", "prompt", "response_format", "temperature", "timestamp_granularities", "timestamp_granularities[]", "diarize", "min_speakers", "max_speakers"];

    private static List<(string Name, string Value)> CommonFields(TogetherAudioOptions options, string? unsetLanguage)
    {
        var fields = new List<(string, string)>();
        if (options.Temperature is { } t && (double.IsNaN(t) || t < 0 || t > 1))
        {
            throw new ArgumentOutOfRangeException("options.Temperature", t, "Temperature must be between 0 and 1.");
        }

        var g = options.TimestampGranularities;
        if ((g & ~(TogetherTimestampGranularities.Segment | TogetherTimestampGranularities.Word)) != 0)
        {
            throw new ArgumentOutOfRangeException("options.TimestampGranularities", g, "TimestampGranularities may hold only Segment and Word.");
        }

        if (g != TogetherTimestampGranularities.None && options.ResponseFormat == TogetherResponseFormat.Json)
        {
            throw new ArgumentException("TimestampGranularities need ResponseFormat VerboseJson; the json format has no timestamps.", "options.TimestampGranularities");
        }

        if (options.Model is { } model)
        {
            if (model.Value.Length == 0)
            {
                throw new ArgumentException("Model must name a Together AI model when set (default(TogetherModel) has no name); leave it null for the service's default.", "options.Model");
            }

            fields.Add(("model", model.Value));
        }

        if (!string.IsNullOrWhiteSpace(options.Language))
        {
            fields.Add(("language", options.Language));
        }
        else if (unsetLanguage is not null)
        {
            fields.Add(("language", unsetLanguage));
        }

        if (options.Prompt is { Length: > 0 } prompt)
        {
            fields.Add(("prompt", prompt));
        }

        if (options.ResponseFormat is { } format)
        {
            fields.Add(("response_format", format == TogetherResponseFormat.VerboseJson ? "verbose_json" : "json"));
        }

        if (options.Temperature is { } temperature)
        {
            fields.Add(("temperature", temperature.ToString("R", CultureInfo.InvariantCulture)));
        }

        // One granularity: a single plain field, as the service's own examples send it. Both: the array form, one
        // repeated "timestamp_granularities[]" field per value (the usual multipart encoding of an array).
        switch (g)
        {
            case TogetherTimestampGranularities.Segment:
                fields.Add(("timestamp_granularities", "segment"));
                break;
            case TogetherTimestampGranularities.Word:
                fields.Add(("timestamp_granularities", "word"));
                break;
            case TogetherTimestampGranularities.Segment | TogetherTimestampGranularities.Word:
                fields.Add(("timestamp_granularities[]", "segment"));
                fields.Add(("timestamp_granularities[]", "word"));
                break;
        }

        return fields;
    }

    // The multipart request is built through VendorRequest rather than by the generated CreateTranscriptionAsync/
    // CreateTranslationAsync: NSwag's method wraps the file in a one-shot StreamContent, while uploads must stream from
    // disk and be re-readable for a retry. The answer is still read into the generated TranscriptionResult DTO.
    private async Task<TogetherTranscription> SendAsync(string path, string operation, AudioInput audio, List<(string Name, string Value)> fields, TogetherModel model, CancellationToken cancellationToken)
    {
        UploadSource? upload = null;
        try
        {
            if (audio.Kind != AudioInputKind.Url)
            {
                upload = await audio.OpenAsync(SpeechVendor.Together, MaxUploadBytes, nameof(audio), cancellationToken).ConfigureAwait(false);
            }

            using var form = VendorRequest.Form();
            if (upload is not null)
            {
                form.AddFile("file", upload);
            }
            else
            {
                form.AddText("file", audio.Url!.AbsoluteUri);
            }

            foreach (var (name, value) in fields)
            {
                form.AddText(name, value);
            }

            using var request = VendorRequest.Post(_endpoint, path, form, operation, RequestKind.Billed);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var dto = await VendorRequest.ReadJsonAsync(response, TogetherGeneratedClient.TypeInfo<TranscriptionResult>(), SpeechVendor.Together, operation, cancellationToken).ConfigureAwait(false);
            var result = TogetherMapper.FromDto(dto, model);
            result.Response = CallScope.Current?.LastResponse;
            result.Raw = RawJson.Of(dto, TogetherGeneratedClient.TypeInfo<TranscriptionResult>());
            return result;
        }
        finally
        {
            if (upload is not null)
            {
                await upload.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}

using System.Runtime.CompilerServices;
using System.Text.Json;
using Pyannote.Sdk.Http;
using Pyannote.Sdk.Jobs;
using Pyannote.Sdk.Transcripts;
using G = Pyannote.Sdk.Generated.PyannoteAI;

namespace Pyannote.Sdk.PyannoteAI;

/// <summary>
/// Client for pyannoteAI: speaker diarization (with an optional speech-to-text add-on), speaker identification
/// against voiceprints, voiceprint creation, media uploads and job polling. Jobs are returned as objects that can be
/// refreshed and awaited; local files and streams are uploaded to pyannoteAI's temporary storage automatically.
/// Thread-safe; create one per API key and reuse it.
/// </summary>
public partial class PyannoteClient : ISpeechClient
{
    private const int ListPageSize = 100;
    private readonly HttpClient _http = null!;
    private readonly G.PyannoteAIGeneratedClient _api = null!;

    /// <summary>Creates a client for an API key.</summary>
    /// <param name="apiKey">A team API key from the pyannoteAI dashboard.</param>
    /// <param name="options">Endpoint, timeouts, retries, job waiting, logging and transport; <see langword="null"/> for defaults.</param>
    /// <exception cref="ArgumentException"><paramref name="apiKey"/> is null or empty.</exception>
    public PyannoteClient(string apiKey, PyannoteClientOptions? options = null)
        : this(CreateHttpClient(apiKey, options ??= new PyannoteClientOptions()), options)
    {
    }

    /// <summary>Creates a client over an <see cref="HttpClient"/> that already carries the SDK's pipeline (dependency injection).</summary>
    internal PyannoteClient(HttpClient pipelineClient, PyannoteClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(pipelineClient);
        ArgumentNullException.ThrowIfNull(options);
        _http = pipelineClient;
        Options = options;
        _api = new G.PyannoteAIGeneratedClient(pipelineClient) { BaseUrl = options.EffectiveEndpoint.AbsoluteUri };
    }

    /// <summary>For mocking only.</summary>
    protected PyannoteClient()
    {
        Options = new PyannoteClientOptions();
    }

    /// <inheritdoc />
    public virtual SpeechVendor Vendor => SpeechVendor.Pyannote;

    /// <inheritdoc />
    public virtual SpeechCapabilities Capabilities => PyannoteVendor.Descriptor.Capabilities;

    /// <inheritdoc />
    public virtual Uri Endpoint => Options.EffectiveEndpoint;

    internal PyannoteClientOptions Options { get; }

    /// <summary>Checks the API key with <c>GET /v1/test</c>.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns><see langword="true"/> when the key works; <see langword="false"/> when pyannoteAI rejects it (401 or 403).</returns>
    /// <exception cref="SpeechApiException">pyannoteAI answered with another error (for example 402 without a subscription).</exception>
    public virtual async Task<bool> TestConnectionAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await GeneratedCall.RunAsync(SpeechVendor.Pyannote, "pyannote.test", RequestKind.Idempotent, () => _api.TestKeyAsync(cancellationToken)).ConfigureAwait(false);
            return true;
        }
        catch (SpeechApiException ex) when (ex.StatusCode is 401 or 403)
        {
            return false;
        }
    }

    /// <summary>
    /// Uploads local audio to pyannoteAI's temporary storage (kept at least 24 hours) and returns its <c>media://</c>
    /// URL, usable as input of any job. The bytes are streamed with a Content-Length to a pre-signed URL, which never
    /// receives the API key; a non-seekable stream is first spooled to a temporary file.
    /// </summary>
    /// <param name="audio">A local file or a stream (at most 1 GiB).</param>
    /// <param name="mediaKey">The key to store it under (<c>media://key</c> or just <c>key</c>; letters, digits, <c>-_./</c>);
    /// <see langword="null"/> for a new unique key.</param>
    /// <param name="requestOptions">Per-call headers, network timeout, retry limit and upload progress; <see langword="null"/> for the client's settings.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The <c>media://</c> URL.</returns>
    /// <exception cref="ArgumentException">The input is a URL, the file does not exist or is too large, or the key breaks the rules.</exception>
    /// <exception cref="SpeechApiException">pyannoteAI or the storage answered with an error.</exception>
    /// <exception cref="SpeechTimeoutException">Sending the bytes took longer than <see cref="SpeechClientOptions.UploadTimeout"/> (per attempt).</exception>
    public virtual async Task<string> UploadAsync(AudioInput audio, string? mediaKey = null, SpeechRequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        using var callScope = CallScope.Begin(requestOptions);
        ArgumentNullException.ThrowIfNull(audio);
        if (audio.Kind == AudioInputKind.Url)
        {
            throw new ArgumentException("Only local files and streams can be uploaded; pass a URL input to a job directly.", nameof(audio));
        }

        string mediaUrl;
        if (mediaKey is null)
        {
            mediaUrl = PyannoteValidation.NewMediaUrl(audio.FileName);
        }
        else
        {
            mediaUrl = mediaKey.StartsWith(PyannoteValidation.MediaPrefix, StringComparison.Ordinal) ? mediaKey : PyannoteValidation.MediaPrefix + mediaKey;
            PyannoteValidation.MediaUrl(mediaUrl, nameof(mediaKey));
        }

        audio.ValidateLocal(nameof(audio), SpeechVendor.Pyannote, PyannoteValidation.MaxAudioBytes, null);
        return await UploadCheckedAsync(audio, mediaUrl, PyannoteValidation.MaxAudioBytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns a pre-signed URL to download an object of pyannoteAI's temporary storage (<c>POST /v1/media/output</c>).
    /// Treat the URL as a secret: its query string grants access.</summary>
    /// <param name="mediaUrl">The object's <c>media://</c> URL.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The pre-signed download URL.</returns>
    /// <exception cref="ArgumentException"><paramref name="mediaUrl"/> is not a valid <c>media://</c> URL.</exception>
    /// <exception cref="SpeechApiException">pyannoteAI answered with an error.</exception>
    public virtual async Task<Uri> GetMediaDownloadUrlAsync(string mediaUrl, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaUrl);
        PyannoteValidation.MediaUrl(mediaUrl, nameof(mediaUrl));
        var response = await GeneratedCall.RunAsync(SpeechVendor.Pyannote, "pyannote.media.output", RequestKind.Idempotent,
            () => _api.CreateMediaOutputAsync(new G.MediaUrlRequest { Url = mediaUrl }, cancellationToken)).ConfigureAwait(false);
        return PresignedUrl(response.Url);
    }

    /// <summary>Starts a diarization job (<c>POST /v1/diarize</c>), uploading local audio first.</summary>
    /// <param name="audio">A local file or stream (at most 1 GiB, 24 hours of audio), an http(s) URL, or a <c>media://</c> URL.</param>
    /// <param name="options">Model, speaker counts, extra outputs, webhook, transcription; <see langword="null"/> for defaults.</param>
    /// <param name="requestOptions">Per-call headers, network timeout, retry limit and upload progress; <see langword="null"/> for the client's settings.</param>
    /// <param name="cancellationToken">Cancels the upload or the request (a job already created keeps running).</param>
    /// <returns>The running job.</returns>
    /// <exception cref="ArgumentException">An option or the input breaks a rule; nothing was sent.</exception>
    /// <exception cref="SpeechApiException">pyannoteAI answered with an error.</exception>
    public virtual async Task<DiarizationJob> StartDiarizationAsync(AudioInput audio, DiarizationOptions? options = null, SpeechRequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        using var callScope = CallScope.Begin(requestOptions);
        ArgumentNullException.ThrowIfNull(audio);
        options ??= new DiarizationOptions();
        PyannoteValidation.Diarization(options, nameof(options), identification: false);
        var request = new G.DiarizeRequest
        {
            Url = string.Empty,
            Webhook = options.Webhook?.OriginalString,
            WebhookStatusOnly = options.WebhookStatusOnly,
            Model = options.Model?.ToString(),
            NumSpeakers = options.NumSpeakers,
            MinSpeakers = options.MinSpeakers,
            MaxSpeakers = options.MaxSpeakers,
            TurnLevelConfidence = options.TurnLevelConfidence,
            Exclusive = options.Exclusive,
            Confidence = options.Confidence,
            SpeechProbability = options.SpeechProbability,
            CrosstalkProbability = options.CrosstalkProbability,
            SpeakerProbability = options.SpeakerProbability,
            VadSensitivity = options.VadSensitivity,
            CrosstalkSensitivity = options.CrosstalkSensitivity,
            Transcription = options.Transcription,
            TranscriptionConfig = options.TranscriptionModel is { } tm ? new G.TranscriptionConfiguration { Model = tm.ToString() } : null,
        };
        ExtraFields.AddToJson(request.AdditionalProperties, options.AdditionalFields, G.PyannoteAIGeneratedClient.TypeInfo<G.DiarizeRequest>(), nameof(options));
        request.Url = await ResolveUrlAsync(audio, PyannoteValidation.MaxAudioBytes, cancellationToken).ConfigureAwait(false);
        var created = await GeneratedCall.RunAsync(SpeechVendor.Pyannote, "pyannote.diarize", RequestKind.Billed,
            () => _api.DiarizeAsync(request, cancellationToken)).ConfigureAwait(false);
        var transcriptionModel = options.Transcription == true
            ? (options.TranscriptionModel ?? PyannoteTranscriptionModel.ParakeetTdt06bV3).ToString()
            : null;
        return new DiarizationJob(this, JobId(created), PyannoteJobSnapshots.Status(created.Status), created.Warning, transcriptionModel);
    }

    /// <summary>Diarizes audio: starts a job and waits for its result with the client's <see cref="SpeechClientOptions.JobWait"/> settings.</summary>
    /// <param name="audio">A local file or stream, an http(s) URL, or a <c>media://</c> URL.</param>
    /// <param name="options">Diarization settings; <see langword="null"/> for defaults.</param>
    /// <param name="requestOptions">Per-call headers, network timeout, retry limit and upload progress; <see langword="null"/> for the client's settings.</param>
    /// <param name="cancellationToken">Cancels the upload, the request or the wait.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">An option or the input breaks a rule; nothing was sent.</exception>
    /// <exception cref="SpeechApiException">pyannoteAI answered with an error.</exception>
    /// <exception cref="SpeechJobException">The job failed, was canceled or did not finish within the wait limit.</exception>
    public virtual async Task<DiarizationResult> DiarizeAsync(AudioInput audio, DiarizationOptions? options = null, SpeechRequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        using var callScope = CallScope.Begin(requestOptions);
        var job = await StartDiarizationAsync(audio, options, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await job.WaitForCompletionAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts an identification job (<c>POST /v1/identify</c>): diarization, then matching speakers against voiceprints.</summary>
    /// <param name="audio">A local file or stream (at most 1 GiB), an http(s) URL, or a <c>media://</c> URL.</param>
    /// <param name="options">The voiceprints (1 to 50) and the diarization and matching settings.</param>
    /// <param name="requestOptions">Per-call headers, network timeout, retry limit and upload progress; <see langword="null"/> for the client's settings.</param>
    /// <param name="cancellationToken">Cancels the upload or the request.</param>
    /// <returns>The running job.</returns>
    /// <exception cref="ArgumentException">An option or the input breaks a rule (including asking for transcription); nothing was sent.</exception>
    /// <exception cref="SpeechApiException">pyannoteAI answered with an error.</exception>
    public virtual async Task<IdentificationJob> StartIdentificationAsync(AudioInput audio, IdentificationOptions options, SpeechRequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        using var callScope = CallScope.Begin(requestOptions);
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentNullException.ThrowIfNull(options);
        PyannoteValidation.Identification(options, nameof(options));
        var request = new G.IdentifyRequest
        {
            Url = string.Empty,
            Webhook = options.Webhook?.OriginalString,
            WebhookStatusOnly = options.WebhookStatusOnly,
            Model = options.Model?.ToString(),
            NumSpeakers = options.NumSpeakers,
            MinSpeakers = options.MinSpeakers,
            MaxSpeakers = options.MaxSpeakers,
            TurnLevelConfidence = options.TurnLevelConfidence,
            Exclusive = options.Exclusive,
            Confidence = options.Confidence,
            SpeechProbability = options.SpeechProbability,
            CrosstalkProbability = options.CrosstalkProbability,
            SpeakerProbability = options.SpeakerProbability,
            VadSensitivity = options.VadSensitivity,
            CrosstalkSensitivity = options.CrosstalkSensitivity,
            Matching = options.ExclusiveMatching is null && options.MatchingThreshold is null
                ? null
                : new G.MatchingOptions { Exclusive = options.ExclusiveMatching, Threshold = (float?)options.MatchingThreshold },
            Voiceprints = options.Voiceprints.Select(v => new G.Voiceprint { Label = v.Label, Voiceprint1 = v.Voiceprint }).ToList(),
        };
        ExtraFields.AddToJson(request.AdditionalProperties, options.AdditionalFields, G.PyannoteAIGeneratedClient.TypeInfo<G.IdentifyRequest>(), nameof(options));
        request.Url = await ResolveUrlAsync(audio, PyannoteValidation.MaxAudioBytes, cancellationToken).ConfigureAwait(false);
        var created = await GeneratedCall.RunAsync(SpeechVendor.Pyannote, "pyannote.identify", RequestKind.Billed,
            () => _api.IdentifyAsync(request, cancellationToken)).ConfigureAwait(false);
        return new IdentificationJob(this, JobId(created), PyannoteJobSnapshots.Status(created.Status), created.Warning);
    }

    /// <summary>Identifies speakers: starts an identification job and waits for its result.</summary>
    /// <param name="audio">A local file or stream, an http(s) URL, or a <c>media://</c> URL.</param>
    /// <param name="options">The voiceprints and settings.</param>
    /// <param name="requestOptions">Per-call headers, network timeout, retry limit and upload progress; <see langword="null"/> for the client's settings.</param>
    /// <param name="cancellationToken">Cancels the upload, the request or the wait.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">An option or the input breaks a rule; nothing was sent.</exception>
    /// <exception cref="SpeechApiException">pyannoteAI answered with an error.</exception>
    /// <exception cref="SpeechJobException">The job failed, was canceled or did not finish within the wait limit.</exception>
    public virtual async Task<IdentificationResult> IdentifyAsync(AudioInput audio, IdentificationOptions options, SpeechRequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        using var callScope = CallScope.Begin(requestOptions);
        var job = await StartIdentificationAsync(audio, options, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await job.WaitForCompletionAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts a voiceprint job (<c>POST /v1/voiceprint</c>) from up to 30 seconds of a single speaker.</summary>
    /// <param name="audio">A local file or stream (at most 100 MiB), an http(s) URL, or a <c>media://</c> URL.</param>
    /// <param name="options">Model and webhook; <see langword="null"/> for defaults.</param>
    /// <param name="requestOptions">Per-call headers, network timeout, retry limit and upload progress; <see langword="null"/> for the client's settings.</param>
    /// <param name="cancellationToken">Cancels the upload or the request.</param>
    /// <returns>The running job; its value is the voiceprint.</returns>
    /// <exception cref="ArgumentException">An option or the input breaks a rule; nothing was sent.</exception>
    /// <exception cref="SpeechApiException">pyannoteAI answered with an error.</exception>
    public virtual async Task<VoiceprintJob> StartVoiceprintAsync(AudioInput audio, VoiceprintOptions? options = null, SpeechRequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        using var callScope = CallScope.Begin(requestOptions);
        ArgumentNullException.ThrowIfNull(audio);
        options ??= new VoiceprintOptions();
        PyannoteValidation.Webhook(options.Webhook, nameof(options));
        var request = new G.VoiceprintRequest
        {
            Url = string.Empty,
            Model = options.Model?.ToString(),
            Webhook = options.Webhook?.OriginalString,
            WebhookStatusOnly = options.WebhookStatusOnly,
        };
        ExtraFields.AddToJson(request.AdditionalProperties, options.AdditionalFields, G.PyannoteAIGeneratedClient.TypeInfo<G.VoiceprintRequest>(), nameof(options));
        request.Url = await ResolveUrlAsync(audio, PyannoteValidation.MaxVoiceprintAudioBytes, cancellationToken).ConfigureAwait(false);
        var created = await GeneratedCall.RunAsync(SpeechVendor.Pyannote, "pyannote.voiceprint", RequestKind.Billed,
            () => _api.CreateVoiceprintAsync(request, cancellationToken)).ConfigureAwait(false);
        return new VoiceprintJob(this, JobId(created), PyannoteJobSnapshots.Status(created.Status), created.Warning);
    }

    /// <summary>Creates a voiceprint: starts a voiceprint job and waits for it.</summary>
    /// <param name="audio">Up to 30 seconds of one speaker: a local file or stream (at most 100 MiB), an http(s) URL, or a <c>media://</c> URL.</param>
    /// <param name="options">Model and webhook; <see langword="null"/> for defaults.</param>
    /// <param name="requestOptions">Per-call headers, network timeout, retry limit and upload progress; <see langword="null"/> for the client's settings.</param>
    /// <param name="cancellationToken">Cancels the upload, the request or the wait.</param>
    /// <returns>The voiceprint, to use in <see cref="IdentificationOptions.Voiceprints"/>.</returns>
    /// <exception cref="ArgumentException">An option or the input breaks a rule; nothing was sent.</exception>
    /// <exception cref="SpeechApiException">pyannoteAI answered with an error.</exception>
    /// <exception cref="SpeechJobException">The job failed, was canceled or did not finish within the wait limit.</exception>
    public virtual async Task<string> CreateVoiceprintAsync(AudioInput audio, VoiceprintOptions? options = null, SpeechRequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        using var callScope = CallScope.Begin(requestOptions);
        var job = await StartVoiceprintAsync(audio, options, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await job.WaitForCompletionAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A handle on a diarization job started elsewhere (for example by another process), without a request.
    /// Its status is <see cref="JobStatus.Pending"/> until refreshed or awaited.</summary>
    /// <param name="jobId">The job id.</param>
    /// <returns>The job.</returns>
    /// <exception cref="ArgumentException"><paramref name="jobId"/> is empty.</exception>
    public virtual DiarizationJob GetDiarizationJob(string jobId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        return new DiarizationJob(this, jobId, JobStatus.Pending, null, null);
    }

    /// <summary>Fetches a diarization job started elsewhere once, so its status (and result, if finished) is current.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The job.</returns>
    /// <exception cref="ArgumentException"><paramref name="jobId"/> is empty.</exception>
    /// <exception cref="SpeechJobNotFoundException">The id is unknown or the results are past retention.</exception>
    /// <exception cref="SpeechApiException">pyannoteAI answered with another error.</exception>
    public virtual async Task<DiarizationJob> GetDiarizationJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        return await RefreshedAsync<DiarizationJob, DiarizationResult>(GetDiarizationJob(jobId), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A handle on an identification job started elsewhere, without a request.</summary>
    /// <param name="jobId">The job id.</param>
    /// <returns>The job.</returns>
    /// <exception cref="ArgumentException"><paramref name="jobId"/> is empty.</exception>
    public virtual IdentificationJob GetIdentificationJob(string jobId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        return new IdentificationJob(this, jobId, JobStatus.Pending, null);
    }

    /// <summary>Fetches an identification job started elsewhere once.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The job.</returns>
    /// <exception cref="ArgumentException"><paramref name="jobId"/> is empty.</exception>
    /// <exception cref="SpeechJobNotFoundException">The id is unknown or the results are past retention.</exception>
    /// <exception cref="SpeechApiException">pyannoteAI answered with another error.</exception>
    public virtual async Task<IdentificationJob> GetIdentificationJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        return await RefreshedAsync<IdentificationJob, IdentificationResult>(GetIdentificationJob(jobId), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A handle on a voiceprint job started elsewhere, without a request.</summary>
    /// <param name="jobId">The job id.</param>
    /// <returns>The job.</returns>
    /// <exception cref="ArgumentException"><paramref name="jobId"/> is empty.</exception>
    public virtual VoiceprintJob GetVoiceprintJob(string jobId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        return new VoiceprintJob(this, jobId, JobStatus.Pending, null);
    }

    /// <summary>Fetches a voiceprint job started elsewhere once.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The job.</returns>
    /// <exception cref="ArgumentException"><paramref name="jobId"/> is empty.</exception>
    /// <exception cref="SpeechJobNotFoundException">The id is unknown or the results are past retention.</exception>
    /// <exception cref="SpeechApiException">pyannoteAI answered with another error.</exception>
    public virtual async Task<VoiceprintJob> GetVoiceprintJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        return await RefreshedAsync<VoiceprintJob, string>(GetVoiceprintJob(jobId), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<TJob> RefreshedAsync<TJob, TResult>(TJob job, CancellationToken cancellationToken)
        where TJob : SpeechJob<TResult>
    {
        await job.UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
        return job;
    }

    /// <summary>Returns any job's status and raw output (<c>GET /v1/jobs/{jobId}</c>), whatever its type.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The job.</returns>
    /// <exception cref="ArgumentException"><paramref name="jobId"/> is empty.</exception>
    /// <exception cref="SpeechJobNotFoundException">The id is unknown or the results are past retention.</exception>
    /// <exception cref="SpeechApiException">pyannoteAI answered with another error.</exception>
    public virtual async Task<PyannoteJobInfo> GetJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        G.JobResponse job;
        try
        {
            job = await FetchJobAsync(jobId, cancellationToken).ConfigureAwait(false);
        }
        catch (SpeechApiException ex) when (ex.StatusCode == 404)
        {
            throw new SpeechJobNotFoundException(SpeechVendor.Pyannote, jobId, ex);
        }

        JsonElement? output = job.Output is null ? null : JsonSerializer.SerializeToElement(job.Output, G.PyannoteAIGeneratedClient.TypeInfo<G.JobOutput>());
        return new PyannoteJobInfo(job.JobId ?? jobId, PyannoteJobSnapshots.Status(job.Status), job.CreatedAt, job.UpdatedAt, job.Output?.Warning, job.Output?.Error, output);
    }

    /// <summary>Lists the team's jobs, newest first, following <c>GET /v2/jobs</c> cursor pages as the caller enumerates.</summary>
    /// <param name="status">Only jobs with this status; <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The jobs, without their output.</returns>
    /// <exception cref="SpeechApiException">pyannoteAI answered with an error.</exception>
    public virtual async IAsyncEnumerable<PyannoteJobSummary> ListJobsAsync(JobStatus? status = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        do
        {
            var current = cursor;
            var page = await GeneratedCall.RunAsync(SpeechVendor.Pyannote, "pyannote.jobs.list", RequestKind.Idempotent,
                () => _api.ListJobsAsync(ListPageSize, current, status?.ToString() is { Length: > 0 } s ? s : null, cancellationToken)).ConfigureAwait(false);
            foreach (var item in page.Items ?? new List<G.JobListItem>())
            {
                yield return new PyannoteJobSummary(item.Id, PyannoteJobSnapshots.Status(item.Status), item.CreatedAt);
            }

            cursor = string.IsNullOrEmpty(page.NextCursor) || page.NextCursor == current ? null : page.NextCursor;
        }
        while (cursor is not null);
    }

    /// <summary>
    /// Transcribes with speaker attribution: a precision-2 diarization job with the speech-to-text add-on, awaited.
    /// <see cref="TranscriptionOptions.NumSpeakers"/>, <see cref="TranscriptionOptions.MinSpeakers"/> and
    /// <see cref="TranscriptionOptions.MaxSpeakers"/> are passed on; <see cref="TranscriptionOptions.Model"/> selects the
    /// speech-to-text model (for example <c>faster-whisper-large-v3-turbo</c>). pyannoteAI detects the language itself,
    /// so <see cref="TranscriptionOptions.Language"/> is not sent; diarization is always on.
    /// </summary>
    /// <param name="audio">A local file or stream (at most 1 GiB), an http(s) URL, or a <c>media://</c> URL.</param>
    /// <param name="options">Speaker counts and the speech-to-text model; <see langword="null"/> for defaults.</param>
    /// <param name="cancellationToken">Cancels the upload, the request or the wait.</param>
    /// <returns>The transcript (its <see cref="Transcript.RawRepresentation"/> is the <see cref="DiarizationResult"/>).</returns>
    /// <exception cref="ArgumentException">An option or the input breaks a rule; nothing was sent.</exception>
    /// <exception cref="SpeechApiException">pyannoteAI answered with an error.</exception>
    /// <exception cref="SpeechJobException">The job failed, was canceled or did not finish within the wait limit.</exception>
    public virtual async Task<Transcript> TranscribeAsync(AudioInput audio, TranscriptionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        PyannoteVendor.Descriptor.Capabilities.Validate(options ?? new TranscriptionOptions());
        var diarization = new DiarizationOptions
        {
            Model = PyannoteModel.Precision2,
            Transcription = true,
            NumSpeakers = options?.NumSpeakers,
            MinSpeakers = options?.MinSpeakers,
            MaxSpeakers = options?.MaxSpeakers,
            TranscriptionModel = string.IsNullOrWhiteSpace(options?.Model) ? (PyannoteTranscriptionModel?)null : new PyannoteTranscriptionModel(options.Model),
        };
        var result = await DiarizeAsync(audio, diarization, cancellationToken: cancellationToken).ConfigureAwait(false);
        var transcript = result.Transcript
            ?? throw new SpeechResponseFormatException(SpeechVendor.Pyannote, 200, "the job succeeded without a transcription in its output.");
        return SpeakerLabels.Apply(transcript, options ?? new TranscriptionOptions());
    }

    /// <summary>One <c>GET /v1/jobs/{jobId}</c>.</summary>
    internal Task<G.JobResponse> FetchJobAsync(string jobId, CancellationToken cancellationToken) =>
        GeneratedCall.RunAsync(SpeechVendor.Pyannote, "pyannote.jobs.get", RequestKind.Idempotent, () => _api.GetJobAsync(jobId, cancellationToken));

    private static HttpClient CreateHttpClient(string apiKey, PyannoteClientOptions options)
    {
        SpeechHttpPipeline.RequireApiKey(SpeechVendor.Pyannote, apiKey);
        return SpeechHttpPipeline.CreateHttpClient(SpeechVendor.Pyannote, apiKey, options);
    }

    private static string JobId(G.JobCreated created) =>
        string.IsNullOrWhiteSpace(created.JobId)
            ? throw new SpeechResponseFormatException(SpeechVendor.Pyannote, 200, "the created job has no jobId.")
            : created.JobId;

    private static Uri PresignedUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsAbsoluteHttp()
            ? uri
            : throw new SpeechResponseFormatException(SpeechVendor.Pyannote, 201, "the pre-signed URL is missing or not an http(s) URL.");

    /// <summary>The URL to put in a job request: a checked URL input, or local audio uploaded to a new media key.</summary>
    private async Task<string> ResolveUrlAsync(AudioInput audio, long maxBytes, CancellationToken cancellationToken)
    {
        if (audio.Kind == AudioInputKind.Url)
        {
            return PyannoteValidation.AudioUrl(audio, nameof(audio));
        }

        audio.ValidateLocal(nameof(audio), SpeechVendor.Pyannote, maxBytes, null);
        return await UploadCheckedAsync(audio, PyannoteValidation.NewMediaUrl(audio.FileName), maxBytes, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> UploadCheckedAsync(AudioInput audio, string mediaUrl, long maxBytes, CancellationToken cancellationToken)
    {
        await using var source = await audio.OpenAsync(SpeechVendor.Pyannote, maxBytes, nameof(audio), cancellationToken).ConfigureAwait(false);
        var media = await GeneratedCall.RunAsync(SpeechVendor.Pyannote, "pyannote.media.input", RequestKind.Idempotent,
            () => _api.CreateMediaInputAsync(new G.MediaUrlRequest { Url = mediaUrl }, cancellationToken)).ConfigureAwait(false);
        var target = PresignedUrl(media.Url);

        using var request = new HttpRequestMessage(HttpMethod.Put, target)
        {
            // The storage signs the URL without a content type; like the vendor's own SDK, none is sent.
            Content = source.CreateContent(setContentType: false),
        };

        // The pipeline's TimeoutHandler limits sending the body by UploadTimeout, per attempt, as for every upload.
        new SpeechRequestContext("pyannote.media.upload", RequestKind.Idempotent, Anonymous: true).ApplyTo(request);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return mediaUrl;
    }
}

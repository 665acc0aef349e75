using System.Globalization;
using System.Net;
using Pyannote.Sdk.Generated.NanoGpt;
using Pyannote.Sdk.Http;
using Pyannote.Sdk.Jobs;
using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.NanoGpt;

/// <summary>
/// Client for NanoGPT speech-to-text (<c>POST /api/transcribe</c>). A local file of at most 3 MB is uploaded
/// (streamed, as the multipart part <c>audio</c>); larger audio must be given as an http(s) URL, which NanoGPT fetches
/// itself (up to 500 MB). Most models answer at once; Elevenlabs-STT (the only model with speakers) and the voice-clone
/// models answer with a job, which is polled like every other vendor job.
/// </summary>
public partial class NanoGptClient : ISpeechClient
{
    /// <summary>The largest file NanoGPT accepts as a direct upload: 3 MB (3 × 1024 × 1024 bytes). Larger audio goes by URL.</summary>
    public const long MaxUploadBytes = 3L * 1024 * 1024;

    /// <summary>The largest file NanoGPT fetches from a URL: 500 MB (checked by NanoGPT, not locally).</summary>
    public const long MaxUrlBytes = 500L * 1024 * 1024;

    private const string TranscribePath = "api/transcribe";

    internal static readonly string[] AllowedExtensions = [".mp3", ".wav", ".m4a", ".ogg", ".aac"];

    private readonly HttpClient _http = null!;
    private readonly NanoGptGeneratedClient _generated = null!;
    private readonly NanoGptClientOptions _options = null!;

    /// <summary>Creates a client that authenticates with <paramref name="apiKey"/> (sent as <c>x-api-key</c>).</summary>
    /// <param name="apiKey">The NanoGPT API key.</param>
    /// <param name="options">Endpoint, retries, polling and transport; <see langword="null"/> for defaults.</param>
    /// <exception cref="ArgumentException"><paramref name="apiKey"/> is null or blank.</exception>
    public NanoGptClient(string apiKey, NanoGptClientOptions? options = null)
        : this(SpeechHttpPipeline.CreateHttpClient(SpeechVendor.NanoGpt, Key(apiKey), options ??= new NanoGptClientOptions()), options)
    {
    }

    /// <summary>For dependency injection: <paramref name="pipelineClient"/> already carries the SDK's handlers.</summary>
    internal NanoGptClient(HttpClient pipelineClient, NanoGptClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(pipelineClient);
        ArgumentNullException.ThrowIfNull(options);
        _http = pipelineClient;
        _options = options;
        _generated = new NanoGptGeneratedClient(pipelineClient) { BaseUrl = options.EffectiveEndpoint.AbsoluteUri };
    }

    /// <summary>For mocking only.</summary>
    protected NanoGptClient()
    {
    }

    /// <inheritdoc />
    public virtual SpeechVendor Vendor => SpeechVendor.NanoGpt;

    /// <inheritdoc />
    public virtual SpeechCapabilities Capabilities => NanoGptVendor.Descriptor.Capabilities;

    /// <inheritdoc />
    public virtual Uri Endpoint => _options?.EffectiveEndpoint ?? NanoGptClientOptions.DefaultEndpoint;

    /// <summary>
    /// Transcribes <paramref name="audio"/> and, when NanoGPT answers with a job, waits for it (with the client's
    /// <see cref="SpeechClientOptions.JobWait"/> schedule). Diarization (on by default in <see cref="TranscriptionOptions"/>)
    /// is only available with Elevenlabs-STT, so it is chosen when <see cref="TranscriptionOptions.Model"/> is not set;
    /// set <see cref="TranscriptionOptions.Diarize"/> to <see langword="false"/> to use another model. Word timings come
    /// only from Elevenlabs-STT; other models give text only (<see cref="TranscriptionOptions.WordTimestamps"/> cannot
    /// change that and is ignored).
    /// </summary>
    /// <param name="audio">A local file or stream (mp3, wav, m4a, ogg or aac, at most 3 MB), or an http(s) URL (up to 500 MB).</param>
    /// <param name="options">Language, diarization, model; <see langword="null"/> for defaults (diarization on, so Elevenlabs-STT).</param>
    /// <param name="cancellationToken">Cancels the request or the wait.</param>
    /// <returns>The transcript.</returns>
    /// <exception cref="ArgumentException">The input or an option breaks a NanoGPT rule (including any speaker-count hint,
    /// which NanoGPT does not take); nothing was sent.</exception>
    /// <exception cref="SpeechApiException">NanoGPT answered with an error.</exception>
    /// <exception cref="SpeechJobException">The job failed or did not finish within the wait limit.</exception>
    public virtual async Task<Transcript> TranscribeAsync(AudioInput audio, TranscriptionOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TranscriptionOptions();
        NanoGptVendor.Descriptor.Capabilities.Validate(options);

        var nanoOptions = new NanoGptTranscriptionOptions
        {
            Language = options.Language,
            Model = options.Model is { } m ? new NanoGptModel(m) : options.Diarize ? NanoGptModel.ElevenlabsStt : (NanoGptModel?)null,
            Diarize = options.Diarize ? true : (bool?)null,
        };

        var start = await StartTranscriptionAsync(audio, nanoOptions, cancellationToken: cancellationToken).ConfigureAwait(false);
        var result = await start.WaitForCompletionAsync(null, null, cancellationToken).ConfigureAwait(false);
        return SpeakerLabels.Apply(result.Transcript, options);
    }

    /// <summary>
    /// Sends <paramref name="audio"/> to NanoGPT once and returns what it answered: a finished transcription (HTTP 200,
    /// the Whisper, Wizper and gpt-4o-mini models) or a job to await (HTTP 202, Elevenlabs-STT and the voice-clone models).
    /// Nothing is retried that NanoGPT may have billed.
    /// </summary>
    /// <param name="audio">A local file or stream (mp3, wav, m4a, ogg or aac, at most 3 MB, sent as multipart), or an
    /// http(s) URL (up to 500 MB, sent as JSON <c>audioUrl</c>).</param>
    /// <param name="options">Model, language, diarization; <see langword="null"/> for NanoGPT's defaults.</param>
    /// <param name="requestOptions">Per-call headers, network timeout, retry limit and upload progress; <see langword="null"/> for the client's settings.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The transcription, or the job.</returns>
    /// <exception cref="ArgumentException">The input or an option breaks a NanoGPT rule; nothing was sent.</exception>
    /// <exception cref="SpeechApiException">NanoGPT answered with an error.</exception>
    public virtual async Task<NanoGptTranscriptionStart> StartTranscriptionAsync(AudioInput audio, NanoGptTranscriptionOptions? options = null, SpeechRequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        using var callScope = CallScope.Begin(requestOptions);
        ArgumentNullException.ThrowIfNull(audio);
        options ??= new NanoGptTranscriptionOptions();
        Validate(audio, options);

        // Built by hand rather than through the generated TranscribeAsync: NSwag serialises the multipart form as JSON,
        // cannot stream a replayable upload, and reports the 202 job answer as an exception. The generated DTOs still
        // describe both answers.
        UploadSource? upload = null;
        try
        {
            HttpContent content;
            if (audio.Kind == AudioInputKind.Url)
            {
                content = JsonContent(audio.Url!, options);
            }
            else
            {
                upload = await audio.OpenAsync(SpeechVendor.NanoGpt, MaxUploadBytes, nameof(audio), cancellationToken).ConfigureAwait(false);
                content = MultipartContent(upload, options);
            }

            using var request = VendorRequest.Post(_options.EffectiveEndpoint, TranscribePath, content, "nanogpt.transcribe", RequestKind.Billed);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            return await ReadStartAsync(response, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (upload is not null)
            {
                await upload.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>A handle on a transcription job started earlier (for example by another process), from what NanoGPT
    /// returned when it accepted it, without a request. Its status is <see cref="JobStatus.Pending"/> until refreshed or
    /// awaited (<see cref="SpeechJob{T}.WaitForCompletionAsync"/>).</summary>
    /// <param name="job">The job's <c>runId</c> and the fields NanoGPT wants echoed (see <see cref="NanoGptTranscriptionJob.Info"/>).</param>
    /// <returns>The job.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="job"/> is null.</exception>
    public virtual NanoGptTranscriptionJob GetTranscriptionJob(NanoGptJobInfo job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new NanoGptTranscriptionJob(this, job, JobStatus.Pending, _options);
    }

    /// <summary>A handle on a transcription job started earlier, from its <c>runId</c> alone, without a request.
    /// NanoGPT's reference asks for the other fields of the 202 answer too; prefer
    /// <see cref="GetTranscriptionJob(NanoGptJobInfo)"/> when they were kept.</summary>
    /// <param name="runId">The job id.</param>
    /// <returns>The job, in status <c>pending</c> until refreshed or awaited.</returns>
    /// <exception cref="ArgumentException"><paramref name="runId"/> is null or blank.</exception>
    public virtual NanoGptTranscriptionJob GetTranscriptionJob(string runId) => GetTranscriptionJob(new NanoGptJobInfo(runId));

    /// <summary>Fetches a transcription job started earlier once, so its status (and result, if finished) is current.</summary>
    /// <param name="runId">The job id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The job.</returns>
    /// <exception cref="ArgumentException"><paramref name="runId"/> is null or blank.</exception>
    /// <exception cref="SpeechJobNotFoundException">NanoGPT does not know the job.</exception>
    /// <exception cref="SpeechApiException">NanoGPT answered with another error.</exception>
    public virtual async Task<NanoGptTranscriptionJob> GetTranscriptionJobAsync(string runId, CancellationToken cancellationToken = default)
    {
        var job = GetTranscriptionJob(runId);
        await job.UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
        return job;
    }

    /// <summary>One status poll (<c>POST /api/transcribe/status</c>, safe to repeat although it is a POST).</summary>
    internal async Task<JobSnapshot<NanoGptTranscription>> FetchJobAsync(NanoGptJobInfo job, CancellationToken cancellationToken)
    {
        var body = NanoGptMapper.StatusRequest(job);
        var dto = await GeneratedCall.RunAsync(SpeechVendor.NanoGpt, "nanogpt.transcribe.status", RequestKind.Idempotent,
            () => _generated.GetTranscriptionStatusAsync(body, cancellationToken)).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(dto.Status))
        {
            throw new SpeechResponseFormatException(SpeechVendor.NanoGpt, 200, "nanogpt.transcribe.status: the answer has no status.");
        }

        var status = new JobStatus(dto.Status);
        if (status.IsSucceeded)
        {
            return JobSnapshot<NanoGptTranscription>.Succeeded(status, Map(() => NanoGptMapper.FromStatus(dto, job), "nanogpt.transcribe.status", 200));
        }

        return status.IsFailed || status.IsCanceled
            ? JobSnapshot<NanoGptTranscription>.Failed(status, dto.Error)
            : JobSnapshot<NanoGptTranscription>.Running(status);
    }

    private static string Key(string apiKey)
    {
        SpeechHttpPipeline.RequireApiKey(SpeechVendor.NanoGpt, apiKey);
        return apiKey;
    }


    private void Validate(AudioInput audio, NanoGptTranscriptionOptions options)
    {
        if (options.Model is { } set && string.IsNullOrEmpty(set.ToString()))
        {
            throw new ArgumentException("Model must name a NanoGPT model when set (default(NanoGptModel) has no name); leave it null for NanoGPT's default.", nameof(options));
        }

        var model = options.Model ?? NanoGptModel.WhisperLargeV3;
        if (options.Diarize == true && !SupportsDiarization(model))
        {
            throw new ArgumentException($"NanoGPT diarizes only with {NanoGptModel.ElevenlabsStt}; Diarize cannot be true with model '{model}'.", nameof(options));
        }

        if (options.TagAudioEvents == true && !SupportsDiarization(model))
        {
            throw new ArgumentException($"NanoGPT tags audio events only with {NanoGptModel.ElevenlabsStt}; TagAudioEvents cannot be true with model '{model}'.", nameof(options));
        }

        if (options.Language is { } language && string.IsNullOrWhiteSpace(language))
        {
            throw new ArgumentException("Language must be a language code or 'auto' when set; leave it null to let NanoGPT detect the language.", nameof(options));
        }

        if (options.ActualDuration is { } d && d <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), d, "ActualDuration must be positive when set.");
        }

        if (audio.Kind == AudioInputKind.Url)
        {
            if (!audio.IsHttpUrl)
            {
                throw new ArgumentException($"NanoGPT fetches audio only over http or https (was a '{audio.Url!.Scheme}' URL).", nameof(audio));
            }

            return;
        }

        audio.ValidateLocal(nameof(audio), SpeechVendor.NanoGpt, MaxUploadBytes, AllowedExtensions,
            "NanoGPT takes direct uploads of at most 3 MB; give larger audio as an http(s) URL (AudioInput.FromUrl), which NanoGPT downloads itself (up to 500 MB).");
    }

    /// <summary>
    /// The multipart form: text fields first, then the file as <c>audio</c>. Each part writes itself afresh every time the
    /// content is serialised (the file part re-opens the file or rewinds the stream), so a retry re-sends the whole form.
    /// Flags are the text values <c>true</c>/<c>false</c>, as NanoGPT's form expects.
    /// </summary>
    internal static MultipartFormDataContent MultipartContent(UploadSource upload, NanoGptTranscriptionOptions options)
    {
        return VendorRequest.Form("nanogpt-" + Guid.NewGuid().ToString("N"))
            .AddText("model", options.Model?.ToString())
            .AddText("language", options.Language)
            .AddText("actualDuration", Minutes(options.ActualDuration))
            .AddText("diarize", Flag(options.Diarize))
            .AddText("tagAudioEvents", Flag(options.TagAudioEvents))
            .AddFile("audio", upload);
    }

    private static HttpContent JsonContent(Uri url, NanoGptTranscriptionOptions options)
    {
        var body = new TranscribeJsonRequest
        {
            AudioUrl = url.AbsoluteUri,
            Model = options.Model?.ToString(),
            Language = options.Language,
            ActualDuration = Minutes(options.ActualDuration),
            Diarize = options.Diarize,
            TagAudioEvents = options.TagAudioEvents,
        };
        return VendorRequest.Json(body, NanoGptGeneratedClient.TypeInfo<TranscribeJsonRequest>());
    }

    private async Task<NanoGptTranscriptionStart> ReadStartAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        const string Operation = "nanogpt.transcribe";
        var status = (int)response.StatusCode;
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Accepted))
        {
            throw new SpeechResponseFormatException(SpeechVendor.NanoGpt, status, $"{Operation}: expected 200 (transcript) or 202 (job), got {status}.");
        }

        if (response.StatusCode == HttpStatusCode.OK)
        {
            var sync = await VendorRequest.ReadJsonAsync(response, NanoGptGeneratedClient.TypeInfo<TranscribeResponse>(), SpeechVendor.NanoGpt, Operation, cancellationToken).ConfigureAwait(false);
            return new NanoGptTranscriptionStart(Map(() => NanoGptMapper.FromSync(sync), Operation, status));
        }

        var accepted = await VendorRequest.ReadJsonAsync(response, NanoGptGeneratedClient.TypeInfo<TranscribeAsyncResponse>(), SpeechVendor.NanoGpt, Operation, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(accepted.RunId))
        {
            throw new SpeechResponseFormatException(SpeechVendor.NanoGpt, status, $"{Operation}: the job answer has no runId.");
        }

        var info = NanoGptMapper.JobInfo(accepted);
        var initial = string.IsNullOrWhiteSpace(accepted.Status) ? JobStatus.Pending : new JobStatus(accepted.Status);
        if (initial.IsTerminal)
        {
            // The 202 never carries a result; poll once to fetch it (or the failure reason).
            initial = JobStatus.Pending;
        }

        return new NanoGptTranscriptionStart(new NanoGptTranscriptionJob(this, info, initial, _options));
    }

    private static T Map<T>(Func<T> map, string operation, int status)
    {
        try
        {
            return map();
        }
        catch (ArgumentException ex)
        {
            throw new SpeechResponseFormatException(SpeechVendor.NanoGpt, status, $"{operation}: {ex.Message}", ex);
        }
    }

    private static string? Flag(bool? value) => value is { } v ? (v ? "true" : "false") : null;

    private static string? Minutes(TimeSpan? duration) =>
        duration is { } d ? d.TotalMinutes.ToString("0.######", CultureInfo.InvariantCulture) : null;
}

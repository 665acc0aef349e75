using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Pyannote.Sdk.Generated.JigsawStack;
using Pyannote.Sdk.Http;
using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.JigsawStack;

/// <summary>
/// Client for JigsawStack speech-to-text (<c>POST /v1/ai/transcribe</c>) and its File Store (<c>POST /v1/store/file</c>).
/// Transcribes from a public URL, a File Store key, or a local file or stream (uploaded by streaming, at most 100 MB),
/// synchronously or in the background with a webhook. Every result carries the <c>x-jigsaw-rate-limit-*</c> headers.
/// </summary>
public partial class JigsawStackClient : ISpeechClient
{
    /// <summary>The largest file the service accepts: 100 MB, for transcription uploads and the File Store.</summary>
    public const long MaxUploadBytes = 100_000_000;

    /// <summary>The largest <see cref="JigsawStackTranscriptionOptions.BatchSize"/>.</summary>
    public const int MaxBatchSize = 40;

    /// <summary>The largest <see cref="JigsawStackTranscriptionOptions.ChunkDuration"/>, in seconds.</summary>
    public const double MaxChunkDurationSeconds = 15;

    internal static readonly string[] AcceptedExtensions = [".mp3", ".wav", ".m4a", ".flac", ".aac", ".ogg", ".webm"];

    private readonly HttpClient _http = null!;
    private readonly Uri _endpoint = null!;
    private readonly JigsawStackGeneratedClient _generated = null!;

    /// <summary>Creates a client with its own HTTP pipeline.</summary>
    /// <param name="apiKey">The JigsawStack secret key, sent as <c>x-api-key</c>.</param>
    /// <param name="options">Endpoint, retries, transport; <see langword="null"/> for defaults.</param>
    /// <exception cref="ArgumentException"><paramref name="apiKey"/> is null or empty.</exception>
    public JigsawStackClient(string apiKey, JigsawStackClientOptions? options = null)
        : this(SpeechHttpPipeline.CreateHttpClient(SpeechVendor.JigsawStack, apiKey, options ??= new JigsawStackClientOptions()), options)
    {
    }

    /// <summary>Creates a client over an <see cref="HttpClient"/> that already carries the SDK pipeline (dependency injection).</summary>
    internal JigsawStackClient(HttpClient pipelineClient, JigsawStackClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(pipelineClient);
        ArgumentNullException.ThrowIfNull(options);
        _http = pipelineClient;
        _endpoint = options.EffectiveEndpoint;
        _generated = new JigsawStackGeneratedClient(pipelineClient) { BaseUrl = _endpoint.AbsoluteUri };
    }

    /// <summary>For mocking.</summary>
    protected JigsawStackClient()
    {
    }

    /// <inheritdoc />
    public virtual SpeechVendor Vendor => SpeechVendor.JigsawStack;

    /// <inheritdoc />
    public virtual SpeechCapabilities Capabilities => JigsawStackVendor.Descriptor.Capabilities;

    /// <inheritdoc />
    public virtual Uri Endpoint => _endpoint ?? JigsawStackClientOptions.DefaultEndpoint;

    /// <summary>Transcribes <paramref name="audio"/> and waits for the result.</summary>
    /// <param name="audio">A public http(s) URL (sent as <c>url</c>, fetched by the service), or a local file or stream
    /// (uploaded as multipart by streaming; at most 100 MB; mp3, wav, m4a, flac, aac, ogg, webm).</param>
    /// <param name="options">Language, translation, speakers, word timestamps; <see langword="null"/> for the service's defaults.</param>
    /// <param name="requestOptions">Per-call headers, network timeout, retry limit and upload progress; <see langword="null"/> for the client's settings.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The transcription, with the rate-limit headers.</returns>
    /// <exception cref="ArgumentException">The audio or an option breaks a rule (named in the message); nothing was sent.</exception>
    /// <exception cref="FileNotFoundException">The local file does not exist.</exception>
    /// <exception cref="SpeechApiException">The service answered with an error.</exception>
    /// <exception cref="SpeechResponseFormatException">The answer could not be read.</exception>
    public virtual Task<JigsawStackTranscription> CreateTranscriptionAsync(AudioInput audio, JigsawStackTranscriptionOptions? options = null, SpeechRequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        return CreateCoreAsync(audio, null, options, requestOptions, cancellationToken);
    }

    /// <summary>Transcribes a file already in the File Store (sent as <c>file_store_key</c>) and waits for the result.</summary>
    /// <param name="storedFile">The file, as <see cref="UploadFileAsync"/> returned it, or <c>new JigsawStackStoredFile(key)</c> for a key you kept.</param>
    /// <param name="options">Language, translation, speakers, word timestamps; <see langword="null"/> for the service's defaults.</param>
    /// <param name="requestOptions">Per-call headers, network timeout, retry limit and upload progress; <see langword="null"/> for the client's settings.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The transcription, with the rate-limit headers.</returns>
    /// <exception cref="ArgumentException">An option breaks a rule (named in the message); nothing was sent.</exception>
    /// <exception cref="SpeechApiException">The service answered with an error.</exception>
    /// <exception cref="SpeechResponseFormatException">The answer could not be read.</exception>
    public virtual Task<JigsawStackTranscription> CreateTranscriptionAsync(JigsawStackStoredFile storedFile, JigsawStackTranscriptionOptions? options = null, SpeechRequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storedFile);
        return CreateCoreAsync(null, storedFile.Key, options, requestOptions, cancellationToken);
    }

    /// <summary>Starts transcribing <paramref name="audio"/> in the background: the service answers at once with a job
    /// id, and later POSTs the result (the synchronous shape plus <c>id</c> and <c>status</c>) to
    /// <paramref name="webhookUrl"/>. JigsawStack does not sign deliveries; put a secret of your own in the webhook URL's
    /// query string (<see cref="Webhooks.JigsawStackWebhook.CreateCallbackUrl(Uri, string, string)"/>) and check it on arrival.</summary>
    /// <param name="audio">A public http(s) URL, or a local file or stream, as for <see cref="CreateTranscriptionAsync(AudioInput, JigsawStackTranscriptionOptions?, SpeechRequestOptions?, CancellationToken)"/>.</param>
    /// <param name="webhookUrl">An absolute http(s) URL that receives the result.</param>
    /// <param name="options">Language, translation, speakers, word timestamps; <see langword="null"/> for the service's defaults.</param>
    /// <param name="requestOptions">Per-call headers, network timeout, retry limit and upload progress; <see langword="null"/> for the client's settings.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The acknowledgement (job id and status).</returns>
    /// <exception cref="ArgumentException">The audio, an option or the webhook URL breaks a rule; nothing was sent.</exception>
    /// <exception cref="FileNotFoundException">The local file does not exist.</exception>
    /// <exception cref="SpeechApiException">The service answered with an error.</exception>
    public virtual Task<JigsawStackTranscriptionAcknowledgement> StartTranscriptionAsync(AudioInput audio, Uri webhookUrl, JigsawStackTranscriptionOptions? options = null, SpeechRequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        return StartCoreAsync(audio, null, webhookUrl, options, requestOptions, cancellationToken);
    }

    /// <summary>Starts transcribing a file already in the File Store in the background; the result is POSTed to
    /// <paramref name="webhookUrl"/>, as for <see cref="StartTranscriptionAsync(AudioInput, Uri, JigsawStackTranscriptionOptions?, SpeechRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="storedFile">The file, as <see cref="UploadFileAsync"/> returned it, or <c>new JigsawStackStoredFile(key)</c> for a key you kept.</param>
    /// <param name="webhookUrl">An absolute http(s) URL that receives the result.</param>
    /// <param name="options">Language, translation, speakers, word timestamps; <see langword="null"/> for the service's defaults.</param>
    /// <param name="requestOptions">Per-call headers, network timeout, retry limit and upload progress; <see langword="null"/> for the client's settings.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The acknowledgement (job id and status).</returns>
    /// <exception cref="ArgumentException">An option or the webhook URL breaks a rule; nothing was sent.</exception>
    /// <exception cref="SpeechApiException">The service answered with an error.</exception>
    public virtual Task<JigsawStackTranscriptionAcknowledgement> StartTranscriptionAsync(JigsawStackStoredFile storedFile, Uri webhookUrl, JigsawStackTranscriptionOptions? options = null, SpeechRequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storedFile);
        return StartCoreAsync(null, storedFile.Key, webhookUrl, options, requestOptions, cancellationToken);
    }

    private async Task<JigsawStackTranscription> CreateCoreAsync(AudioInput? audio, string? fileStoreKey, JigsawStackTranscriptionOptions? options, SpeechRequestOptions? requestOptions, CancellationToken cancellationToken)
    {
        using var callScope = CallScope.Begin(requestOptions);
        options ??= new JigsawStackTranscriptionOptions();
        var (dto, rateLimit) = await SendTranscribeAsync(audio, fileStoreKey, options, null, cancellationToken).ConfigureAwait(false);
        var result = JigsawStackMapper.FromDto(dto, rateLimit, options.Language, wordChunks: options.WordTimestamps == true);
        result.Response = CallScope.Current?.LastResponse;
        return result;
    }

    private async Task<JigsawStackTranscriptionAcknowledgement> StartCoreAsync(AudioInput? audio, string? fileStoreKey, Uri webhookUrl, JigsawStackTranscriptionOptions? options, SpeechRequestOptions? requestOptions, CancellationToken cancellationToken)
    {
        using var callScope = CallScope.Begin(requestOptions);
        ArgumentNullException.ThrowIfNull(webhookUrl);
        if (!webhookUrl.IsAbsoluteHttp())
        {
            throw new ArgumentException($"The webhook URL must be an absolute http(s) URL (the scheme was '{(webhookUrl.IsAbsoluteUri ? webhookUrl.Scheme : "relative")}').", nameof(webhookUrl));
        }

        var (dto, rateLimit) = await SendTranscribeAsync(audio, fileStoreKey, options ?? new JigsawStackTranscriptionOptions(), webhookUrl, cancellationToken).ConfigureAwait(false);
        return new JigsawStackTranscriptionAcknowledgement(dto.Id, dto.Status)
        {
            Success = dto.Success,
            LogId = dto.Log_id,
            RateLimit = rateLimit,
        };
    }

    /// <summary>Uploads a file to the File Store (<c>POST /v1/store/file</c>, at most 100 MB), streaming it; transcribe the
    /// returned file with <see cref="CreateTranscriptionAsync(JigsawStackStoredFile, JigsawStackTranscriptionOptions?, SpeechRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="file">A local file or stream.</param>
    /// <param name="options">Key, overwrite, temporary public URL; <see langword="null"/> for defaults.</param>
    /// <param name="requestOptions">Per-call headers, network timeout, retry limit and upload progress; <see langword="null"/> for the client's settings.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The stored file's key, URL and size.</returns>
    /// <exception cref="ArgumentException">The file is missing, too large, or a URL; nothing was sent.</exception>
    /// <exception cref="SpeechApiException">The service answered with an error.</exception>
    public virtual async Task<JigsawStackStoredFile> UploadFileAsync(AudioInput file, JigsawStackFileUploadOptions? options = null, SpeechRequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        using var callScope = CallScope.Begin(requestOptions);
        ArgumentNullException.ThrowIfNull(file);
        if (file.Kind == AudioInputKind.Url)
        {
            throw new ArgumentException("The File Store takes a local file or a stream, not a URL.", nameof(file));
        }

        file.ValidateLocal(nameof(file), SpeechVendor.JigsawStack, MaxUploadBytes, null);
        var body = new Dictionary<string, object>();
        if (options?.Key is { Length: > 0 } key)
        {
            body["key"] = key;
        }

        if (options?.Overwrite is { } overwrite)
        {
            body["overwrite"] = overwrite;
        }

        if (options?.TempPublicUrl is { } temp)
        {
            body["temp_public_url"] = temp;
        }

        var bodyJson = body.Count == 0 ? null : JsonSerializer.Serialize(body, JigsawStackGeneratedClient.TypeInfo<Dictionary<string, object>>());
        var (dto, rateLimit) = await SendMultipartAsync<StoredFile>("v1/store/file", "jigsawstack.store_file", file, nameof(file), bodyJson, RequestKind.Billed, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(dto.Key))
        {
            throw new SpeechResponseFormatException(SpeechVendor.JigsawStack, 200, "jigsawstack.store_file: the answer has no 'key'.");
        }

        return new JigsawStackStoredFile(dto.Key)
        {
            Url = Uri.TryCreate(dto.Url, UriKind.Absolute, out var url) ? url : null,
            Size = dto.Size,
            TempPublicUrl = Uri.TryCreate(dto.Temp_public_url, UriKind.Absolute, out var pub) ? pub : null,
            RateLimit = rateLimit,
        };
    }

    /// <summary>Reads a stored file (<c>GET /v1/store/file/read/{key}</c>) into <paramref name="destination"/>, streaming
    /// and bounded by <see cref="MaxUploadBytes"/>. The docs describe a JSON answer with the file's URL while both official
    /// SDKs read the bytes; both are accepted: a JSON answer writes nothing and returns its URL.</summary>
    /// <param name="key">The file's key, as <see cref="UploadFileAsync"/> returned it ('/' is kept as a path separator;
    /// every other reserved character is percent-encoded).</param>
    /// <param name="destination">A writable stream that receives the bytes.</param>
    /// <param name="requestOptions">Per-call headers, network timeout, retry limit and upload progress; <see langword="null"/> for the client's settings.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The number of bytes written, their content type, and the rate-limit headers.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty, or <paramref name="destination"/> is not writable; nothing was sent.</exception>
    /// <exception cref="SpeechApiException">The service answered with an error (for example 404 for an unknown key).</exception>
    /// <exception cref="SpeechResponseFormatException">The file is larger than <see cref="MaxUploadBytes"/>, or a JSON answer could not be read.</exception>
    public virtual async Task<JigsawStackFileDownload> DownloadFileAsync(string key, Stream destination, SpeechRequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        using var callScope = CallScope.Begin(requestOptions);
        var path = StorePath(key);
        ArgumentNullException.ThrowIfNull(destination);
        if (!destination.CanWrite)
        {
            throw new ArgumentException("The destination stream must be writable.", nameof(destination));
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_endpoint, path));
        new SpeechRequestContext("jigsawstack.store_read", RequestKind.Idempotent).ApplyTo(request);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var rateLimit = SpeechRateLimit.FromResponse(response);
        var contentType = response.Content.Headers.ContentType?.MediaType;
        if (response.Content.Headers.ContentLength > MaxUploadBytes)
        {
            throw new SpeechResponseFormatException(SpeechVendor.JigsawStack, (int)response.StatusCode, $"jigsawstack.store_read: the file is larger than {MaxUploadBytes} bytes.");
        }

        if (string.Equals(contentType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            StoredFileInfo? info;
            try
            {
                await using var json = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                info = await JsonSerializer.DeserializeAsync(json, JigsawStackGeneratedClient.TypeInfo<StoredFileInfo>(), cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException ex)
            {
                throw new SpeechResponseFormatException(SpeechVendor.JigsawStack, (int)response.StatusCode, "jigsawstack.store_read: " + ex.Message, ex);
            }

            return new JigsawStackFileDownload(info?.Key ?? key, 0)
            {
                ContentType = contentType,
                Url = Uri.TryCreate(info?.Url, UriKind.Absolute, out var url) && url.IsAbsoluteHttp() ? url : null,
                RateLimit = rateLimit,
            };
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(81920);
        long total = 0;
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > MaxUploadBytes)
                {
                    throw new SpeechResponseFormatException(SpeechVendor.JigsawStack, (int)response.StatusCode, $"jigsawstack.store_read: the file is larger than {MaxUploadBytes} bytes.");
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }

        return new JigsawStackFileDownload(key, total) { ContentType = contentType, RateLimit = rateLimit };
    }

    /// <summary>Deletes a stored file (<c>DELETE /v1/store/file/read/{key}</c>; the path keeps <c>/read/</c>), for
    /// example a file uploaded only to be transcribed.</summary>
    /// <param name="key">The file's key.</param>
    /// <param name="requestOptions">Per-call headers, network timeout, retry limit and upload progress; <see langword="null"/> for the client's settings.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The <c>success</c> flag of the answer; <see langword="true"/> for an empty 200 answer, which the
    /// official Python SDK also accepts.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty; nothing was sent.</exception>
    /// <exception cref="SpeechApiException">The service answered with an error (for example 404 for an unknown key).</exception>
    public virtual async Task<bool> DeleteFileAsync(string key, SpeechRequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        using var callScope = CallScope.Begin(requestOptions);
        var path = StorePath(key);
        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(_endpoint, path));
        new SpeechRequestContext("jigsawstack.store_delete", RequestKind.Idempotent).ApplyTo(request);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        try
        {
            return JsonSerializer.Deserialize(text, JigsawStackGeneratedClient.TypeInfo<StoredFileDeleted>())?.Success ?? true;
        }
        catch (JsonException ex)
        {
            throw new SpeechResponseFormatException(SpeechVendor.JigsawStack, (int)response.StatusCode, "jigsawstack.store_delete: " + ex.Message, ex);
        }
    }

    /// <summary>The relative path of a stored key: each '/'-separated segment percent-encoded.</summary>
    private static string StorePath(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (key.Split('/').Any(s => s.Length == 0 || s is "." or ".."))
        {
            throw new ArgumentException("A File Store key must not have empty, '.' or '..' segments.", nameof(key));
        }

        return "v1/store/file/read/" + string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
    }

    /// <summary>Transcribes with <see cref="TranscriptionOptions.Diarize"/> mapped to <c>by_speaker</c> and the language
    /// passed through. JigsawStack has no speaker-count hints and a single model, so <c>NumSpeakers</c>,
    /// <c>MinSpeakers</c>, <c>MaxSpeakers</c> and <c>Model</c> are rejected rather than silently ignored.
    /// <c>WordTimestamps</c> is sent as <c>word_timestamps</c> (one chunk per word), so the transcript has words.</summary>
    /// <param name="audio">A public http(s) URL, or a local file or stream.</param>
    /// <param name="options">Common settings; <see langword="null"/> for defaults (diarization on).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The transcript: words and turns with word timestamps, turns only without.</returns>
    /// <exception cref="ArgumentException">A speaker count or a model was given, or the input breaks a rule; nothing was sent.</exception>
    /// <exception cref="SpeechApiException">The service answered with an error.</exception>
    public virtual async Task<Transcript> TranscribeAsync(AudioInput audio, TranscriptionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        options ??= new TranscriptionOptions();
        JigsawStackVendor.Descriptor.Capabilities.Validate(options);

        var result = await CreateTranscriptionAsync(
            audio,
            new JigsawStackTranscriptionOptions
            {
                Language = options.Language,
                BySpeaker = options.Diarize ? true : null,
                WordTimestamps = options.WordTimestamps ? true : null,
            },
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return SpeakerLabels.Apply(result.ToTranscript(), options);
    }

    private async Task<(TranscribeResponse Dto, SpeechRateLimit? RateLimit)> SendTranscribeAsync(AudioInput? audio, string? fileStoreKey, JigsawStackTranscriptionOptions options, Uri? webhookUrl, CancellationToken cancellationToken)
    {
        var body = Validate(audio, fileStoreKey, options);
        body.Webhook_url = webhookUrl?.AbsoluteUri;
        var kind = RequestKind.Billed;
        var operation = webhookUrl is null ? "jigsawstack.transcribe" : "jigsawstack.transcribe_webhook";
        if (audio is { Kind: not AudioInputKind.Url } local)
        {
            var json = JsonSerializer.Serialize(body, JigsawStackGeneratedClient.TypeInfo<TranscribeRequest>());
            return await SendMultipartAsync<TranscribeResponse>("v1/ai/transcribe", operation, local, "audio", json, kind, cancellationToken).ConfigureAwait(false);
        }

        var box = new StrongBox<SpeechRateLimit?>();
        JigsawStackGeneratedClient.RateLimitSink.Value = box;
        try
        {
            var dto = await GeneratedCall.RunAsync(SpeechVendor.JigsawStack, operation, kind, () => _generated.TranscribeAsync(body, cancellationToken)).ConfigureAwait(false);
            return (dto, box.Value);
        }
        finally
        {
            JigsawStackGeneratedClient.RateLimitSink.Value = null;
        }
    }

    /// <summary>Checks the source and the options and builds the wire body; <paramref name="audio"/> or
    /// <paramref name="fileStoreKey"/> is set, never both (the public overloads make sure of it).</summary>
    private static TranscribeRequest Validate(AudioInput? audio, string? fileStoreKey, JigsawStackTranscriptionOptions options)
    {
        if (audio is null && string.IsNullOrWhiteSpace(fileStoreKey))
        {
            throw new ArgumentException("The stored file has no key.", "storedFile");
        }

        if (options.BatchSize is { } batch && (batch < 1 || batch > MaxBatchSize))
        {
            throw new ArgumentOutOfRangeException(nameof(options), batch, $"BatchSize must be between 1 and {MaxBatchSize}.");
        }

        if (options.ChunkDuration is { } chunk && (double.IsNaN(chunk) || chunk <= 0 || chunk > MaxChunkDurationSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(options), chunk, $"ChunkDuration must be more than 0 and at most {MaxChunkDurationSeconds.ToString(CultureInfo.InvariantCulture)} seconds.");
        }

        string? url = null;
        if (audio is { Kind: AudioInputKind.Url } remote)
        {
            if (!remote.IsHttpUrl)
            {
                throw new ArgumentException($"JigsawStack fetches only http(s) URLs (the scheme was '{remote.Url!.Scheme}').", nameof(audio));
            }

            url = remote.Url!.AbsoluteUri;
        }
        else
        {
            audio?.ValidateLocal(nameof(audio), SpeechVendor.JigsawStack, MaxUploadBytes, AcceptedExtensions, "Upload it to a storage you control and pass its URL, or split it.");
        }

        return new TranscribeRequest
        {
            Url = url,
            File_store_key = audio is null ? fileStoreKey : null,
            Language = string.IsNullOrWhiteSpace(options.Language) ? null : options.Language,
            Translate = options.Translate,
            By_speaker = options.BySpeaker,
            Batch_size = options.BatchSize,
            Chunk_duration = options.ChunkDuration,
            Word_timestamps = options.WordTimestamps,
        }.WithExtraFields(options.AdditionalFields);
    }

    // Uploads are built through VendorRequest rather than by the generated client: NSwag's multipart method wraps the
    // file in a one-shot StreamContent, while uploads must stream from disk and be re-readable for a retry. The answer is
    // read into the generated DTOs.
    private async Task<(T Dto, SpeechRateLimit? RateLimit)> SendMultipartAsync<T>(string path, string operation, AudioInput file, string paramName, string? bodyJson, RequestKind kind, CancellationToken cancellationToken)
        where T : class
    {
        var upload = await file.OpenAsync(SpeechVendor.JigsawStack, MaxUploadBytes, paramName, cancellationToken).ConfigureAwait(false);
        await using (upload.ConfigureAwait(false))
        {
            using var form = VendorRequest.Form().AddFile("file", upload).AddText("body", bodyJson);
            using var request = VendorRequest.Post(_endpoint, path, form, operation, kind);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var rateLimit = SpeechRateLimit.FromResponse(response);
            var dto = await VendorRequest.ReadJsonAsync(response, JigsawStackGeneratedClient.TypeInfo<T>(), SpeechVendor.JigsawStack, operation, cancellationToken).ConfigureAwait(false);
            return (dto, rateLimit);
        }
    }
}

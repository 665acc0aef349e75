using Pyannote.Sdk.Generated.NanoGpt;
using Pyannote.Sdk.Http;

namespace Pyannote.Sdk.NanoGpt;

public partial class NanoGptClient
{
    /// <summary>The largest local file this client sends to the OpenAI-compatible endpoint: 500 MB. NanoGPT says its
    /// limits "vary by model" without publishing them, so the service has the last word; this bound only keeps the
    /// upload finite.</summary>
    public const long MaxOpenAIUploadBytes = 500L * 1024 * 1024;

    private const string OpenAITranscriptionsPath = "api/v1/audio/transcriptions";

    private static readonly string[] OpenAIExtensions = [".mp3", ".ogg", ".wav", ".m4a", ".aac", ".mp4", ".mov", ".avi", ".mkv", ".webm"];

    private static readonly string[] OpenAITypedFields = ["file", "model", "language", "file_url", "audio_url"];

    private volatile IReadOnlyList<NanoGptAudioModel>? _discoveredModels;

    /// <summary>
    /// The speech-to-text models this client knows: the list found by <see cref="DiscoverModelsAsync"/> once the app has
    /// asked for it, otherwise the built-in fallback (<see cref="NanoGptModel.KnownValues"/>, with diarization only for
    /// Elevenlabs-STT). NanoGPT asks clients not to hard-code capabilities; call <see cref="DiscoverModelsAsync"/> at
    /// start-up and now and then to follow its list.
    /// </summary>
    public virtual IReadOnlyList<NanoGptAudioModel> Models => _discoveredModels ?? NanoGptAudioModel.Fallback;

    /// <summary>
    /// Transcribes through NanoGPT's OpenAI-compatible endpoint (<c>POST /api/v1/audio/transcriptions</c>): a local
    /// file or stream is sent as the multipart part <c>file</c>, a URL as JSON <c>file_url</c>. The answer is
    /// synchronous text (no words, no speakers).
    /// </summary>
    /// <param name="audio">A local file or stream (audio: mp3, ogg, wav, m4a, aac; video for the models that take it:
    /// mp4, mov, avi, mkv, webm; at most <see cref="MaxOpenAIUploadBytes"/>), or an http(s) URL.</param>
    /// <param name="options">Model and language; <see langword="null"/> for <see cref="NanoGptModel.WhisperLargeV3"/>
    /// and automatic language detection.</param>
    /// <param name="requestOptions">Per-call headers, network timeout, retry limit and upload progress; <see langword="null"/> for the client's settings.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The transcription.</returns>
    /// <exception cref="ArgumentException">The input or an option breaks a rule; nothing was sent.</exception>
    /// <exception cref="SpeechApiException">NanoGPT answered with an error (402 carries the required balance).</exception>
    /// <exception cref="SpeechResponseFormatException">The answer could not be read.</exception>
    public virtual async Task<NanoGptOpenAITranscription> CreateOpenAITranscriptionAsync(AudioInput audio, NanoGptOpenAITranscriptionOptions? options = null, SpeechRequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        using var callScope = CallScope.Begin(requestOptions);
        const string Operation = "nanogpt.openai.transcribe";
        ArgumentNullException.ThrowIfNull(audio);
        options ??= new NanoGptOpenAITranscriptionOptions();
        if (options.Model is { } set && string.IsNullOrEmpty(set.ToString()))
        {
            throw new ArgumentException("Model must name a NanoGPT model when set; leave it null for Whisper-Large-V3.", nameof(options));
        }

        if (options.Language is { } language && string.IsNullOrWhiteSpace(language))
        {
            throw new ArgumentException("Language must be a language code when set; leave it null for automatic detection.", nameof(options));
        }

        var model = (options.Model ?? NanoGptModel.WhisperLargeV3).ToString();
        var extra = ExtraFields.ForForm(options.AdditionalFields, OpenAITypedFields, nameof(options)).ToArray();
        if (audio.Kind == AudioInputKind.Url)
        {
            if (!audio.IsHttpUrl)
            {
                throw new ArgumentException($"NanoGPT fetches audio only over http or https (was a '{audio.Url!.Scheme}' URL).", nameof(audio));
            }
        }
        else
        {
            audio.ValidateLocal(nameof(audio), SpeechVendor.NanoGpt, MaxOpenAIUploadBytes, OpenAIExtensions, "Give larger audio as an http(s) URL.");
        }

        UploadSource? upload = null;
        try
        {
            HttpContent content;
            if (audio.Kind == AudioInputKind.Url)
            {
                var body = new OpenAITranscriptionJsonRequest { Model = model, File_url = audio.Url!.AbsoluteUri, Language = options.Language };
                ExtraFields.AddToJson(body.AdditionalProperties, options.AdditionalFields, NanoGptGeneratedClient.TypeInfo<OpenAITranscriptionJsonRequest>(), nameof(options));
                content = VendorRequest.Json(body, NanoGptGeneratedClient.TypeInfo<OpenAITranscriptionJsonRequest>());
            }
            else
            {
                upload = await audio.OpenAsync(SpeechVendor.NanoGpt, MaxOpenAIUploadBytes, nameof(audio), cancellationToken).ConfigureAwait(false);
                var form = VendorRequest.Form().AddText("model", model).AddText("language", options.Language);
                foreach (var (name, value) in extra)
                {
                    form.AddText(name, value);
                }

                content = form.AddFile("file", upload);
            }

            using var request = VendorRequest.Post(_options.EffectiveEndpoint, OpenAITranscriptionsPath, content, Operation, RequestKind.Billed);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var dto = await VendorRequest.ReadJsonAsync(response, NanoGptGeneratedClient.TypeInfo<OpenAITranscriptionResponse>(), SpeechVendor.NanoGpt, Operation, cancellationToken).ConfigureAwait(false);
            if (dto.Text is null)
            {
                throw new SpeechResponseFormatException(SpeechVendor.NanoGpt, (int)response.StatusCode, $"{Operation}: the answer has no text.");
            }

            return new NanoGptOpenAITranscription(dto.Text)
            {
                Language = string.IsNullOrWhiteSpace(dto.Language) ? null : dto.Language,
                Duration = dto.Duration is { } seconds && double.IsFinite(seconds) && seconds >= 0 ? TimeSpan.FromSeconds(seconds) : null,
                Model = model,
                Response = CallScope.Current?.LastResponse,
                Raw = RawJson.Of(dto, NanoGptGeneratedClient.TypeInfo<OpenAITranscriptionResponse>()),
            };
        }
        finally
        {
            if (upload is not null)
            {
                await upload.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Asks NanoGPT which speech-to-text models it offers and what they support (<c>GET /api/v1/audio-models?type=stt</c>),
    /// and from then on prefers that list (see <see cref="Models"/>) over the built-in one, for example when checking
    /// whether a model diarizes. Call it again to refresh; the answer is cacheable.
    /// </summary>
    /// <param name="requestOptions">Per-call headers, network timeout, retry limit and upload progress; <see langword="null"/> for the client's settings.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The discovered speech-to-text models.</returns>
    /// <exception cref="SpeechApiException">NanoGPT answered with an error; the fallback list stays in use.</exception>
    /// <exception cref="SpeechResponseFormatException">The answer could not be read; the fallback list stays in use.</exception>
    public virtual async Task<IReadOnlyList<NanoGptAudioModel>> DiscoverModelsAsync(SpeechRequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        using var callScope = CallScope.Begin(requestOptions);
        var list = await GeneratedCall.RunAsync(SpeechVendor.NanoGpt, "nanogpt.audio_models", RequestKind.Idempotent,
            () => _generated.ListAudioModelsAsync(detailed: true, type: "stt", cancellationToken)).ConfigureAwait(false);
        var models = (list.Data ?? new List<AudioModel>())
            .Where(m => m is not null && !string.IsNullOrWhiteSpace(m.Id) && m.Capabilities?.Speech_to_text != false)
            .Select(NanoGptAudioModel.FromDto)
            .ToArray();
        _discoveredModels = models;
        return models;
    }

    /// <summary>Whether <paramref name="model"/> diarizes: per the discovered list when it names the model and says so,
    /// otherwise per the built-in list.</summary>
    private bool SupportsDiarization(NanoGptModel model)
    {
        if (_discoveredModels is { } discovered)
        {
            foreach (var m in discovered)
            {
                if (string.Equals(m.Id, model.ToString(), StringComparison.OrdinalIgnoreCase) && m.SupportsDiarization is { } known)
                {
                    return known;
                }
            }
        }

        return model.SupportsDiarization;
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pyannote.Sdk.Emulator.Internal;

namespace Pyannote.Sdk.Emulator.Vendors;

/// <summary>NanoGPT: <c>/api/transcribe</c> (sync for Whisper-family models, 202 + polling for Elevenlabs-STT) and <c>/api/transcribe/status</c>.</summary>
internal static class NanoGptApi
{
    private static readonly string[] SyncModels =
    [
        "Whisper-Large-V3", "Wizper", "gpt-4o-mini-transcribe", "gpt-4o-mini-transcribe-2025-03-20",
        "gpt-4o-mini-transcribe-2025-12-15", "gpt-4o-mini-transcribe-latest", "openai-whisper-with-video",
    ];

    private static readonly string[] AsyncModels = ["Elevenlabs-STT", "qwen-voice-clone", "minimax-voice-clone"];

    public static void Map(IEndpointRouteBuilder app, EmulatorState state)
    {
        app.MapPost("/nanogpt/api/transcribe", (RequestDelegate)(ctx => TranscribeAsync(ctx, state)));
        app.MapPost("/nanogpt/api/transcribe/status", (RequestDelegate)(ctx => StatusAsync(ctx, state)));
        app.MapPost("/nanogpt/api/v1/audio/transcriptions", (RequestDelegate)(ctx => OpenAITranscribeAsync(ctx, state)));
        app.MapGet("/nanogpt/api/v1/audio-models", (RequestDelegate)(ctx => AudioModelsAsync(ctx)));
    }

    private static Task OpenAIErrorAsync(HttpContext context, int status, string message, string? param = null)
    {
        context.Items["emulator.error"] = message;
        var error = new JsonObject { ["message"] = message, ["type"] = status == 400 ? "invalid_request_error" : "api_error" };
        if (param is not null)
        {
            error["param"] = param;
        }

        return Http.WriteJsonAsync(context, status, new JsonObject { ["error"] = error });
    }

    /// <summary><c>POST /api/v1/audio/transcriptions</c>: multipart <c>file</c> + <c>model</c> (+ <c>language</c>), or JSON
    /// with <c>file_url</c> / <c>audio_url</c>; answers <c>{text, language, duration}</c>. Errors use the OpenAI envelope.</summary>
    private static async Task OpenAITranscribeAsync(HttpContext context, EmulatorState state)
    {
        string? model, language, url = null;
        StoredObject? file = null;
        MultipartForm? form = null;
        try
        {
            if (MultipartForm.IsMultipart(context.Request))
            {
                try
                {
                    form = await MultipartForm.ReadAsync(context.Request, state.Storage, 500L * 1024 * 1024, context.RequestAborted).ConfigureAwait(false);
                }
                catch (UploadTooLargeException)
                {
                    await OpenAIErrorAsync(context, 413, "File too large.", "file").ConfigureAwait(false);
                    return;
                }
                model = form.Field("model");
                language = form.Field("language");
                file = form.Files.GetValueOrDefault("file");
                if (file is null)
                {
                    await OpenAIErrorAsync(context, 400, "file is required.", "file").ConfigureAwait(false);
                    return;
                }
            }
            else if (Http.IsJson(context.Request) && await Http.ReadJsonObjectAsync(context).ConfigureAwait(false) is { } body)
            {
                model = Http.GetString(body, "model");
                language = Http.GetString(body, "language");
                url = Http.GetString(body, "file_url") ?? Http.GetString(body, "audio_url");
                if (!(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
                {
                    await OpenAIErrorAsync(context, 400, "file_url (or audio_url) must be an http(s) URL.", "file_url").ConfigureAwait(false);
                    return;
                }
            }
            else
            {
                await OpenAIErrorAsync(context, 400, "Send multipart/form-data with a 'file' or JSON with 'file_url'.").ConfigureAwait(false);
                return;
            }

            if (string.IsNullOrEmpty(model))
            {
                await OpenAIErrorAsync(context, 400, "model is required.", "model").ConfigureAwait(false);
                return;
            }
            if (!SyncModels.Contains(model) && !AsyncModels.Contains(model))
            {
                await OpenAIErrorAsync(context, 400, $"Invalid model '{model}'.", "model").ConfigureAwait(false);
                return;
            }

            var content = file is not null ? state.Content.FromFile(file.Path, file.Sha256, file.FileName) : state.ResolveUrl(url!)!;
            if (content.Undecodable is { } problem)
            {
                await OpenAIErrorAsync(context, 400, problem, "file").ConfigureAwait(false);
                return;
            }
            context.Response.Headers["X-Emulated-Model"] = "emulated/" + model;
            await Http.WriteJsonAsync(context, 200, new JsonObject
            {
                ["text"] = content.Text,
                ["language"] = language is { Length: > 0 } l && l != "auto" ? l : content.Language,
                ["duration"] = Http.R(content.Duration),
            }).ConfigureAwait(false);
        }
        finally
        {
            form?.Dispose();
        }
    }

    /// <summary><c>GET /api/v1/audio-models</c>: the emulated speech-to-text models (and one text-to-speech model),
    /// filtered by <c>type</c>. Diarization support is listed under <c>supported_parameters.diarization</c> (the
    /// vendor has not published its key names; this is the emulator's choice).</summary>
    private static Task AudioModelsAsync(HttpContext context)
    {
        var type = context.Request.Query["type"].ToString() is { Length: > 0 } t ? t : "all";
        if (type is not ("all" or "tts" or "stt"))
        {
            return OpenAIErrorAsync(context, 400, "type must be all, tts or stt.", "type");
        }

        var data = new JsonArray();
        if (type != "tts")
        {
            foreach (var id in SyncModels.Concat(AsyncModels))
            {
                data.Add((JsonNode)new JsonObject
                {
                    ["id"] = id,
                    ["object"] = "model",
                    ["name"] = id + " (emulated)",
                    ["description"] = "Emulated speech-to-text model.",
                    ["architecture"] = new JsonObject { ["modality"] = "audio->text", ["input_modalities"] = new JsonArray("audio"), ["output_modalities"] = new JsonArray("text") },
                    ["pricing"] = new JsonObject { ["currency"] = "USD", ["per_minute"] = 0.006 },
                    ["capabilities"] = new JsonObject { ["text_to_speech"] = false, ["speech_to_text"] = true },
                    ["supported_parameters"] = new JsonObject { ["diarization"] = id == "Elevenlabs-STT", ["timestamps"] = id == "Elevenlabs-STT" },
                });
            }
        }
        if (type != "stt")
        {
            data.Add((JsonNode)new JsonObject
            {
                ["id"] = "emulated-tts",
                ["object"] = "model",
                ["name"] = "Emulated TTS",
                ["capabilities"] = new JsonObject { ["text_to_speech"] = true, ["speech_to_text"] = false },
                ["supported_parameters"] = new JsonObject(),
            });
        }
        var meta = new JsonObject { ["count"] = data.Count, ["generated_at"] = DateTimeOffset.UtcNow.ToString("O") };
        if (type != "all")
        {
            meta["type"] = type;
        }

        return Http.WriteJsonAsync(context, 200, new JsonObject { ["object"] = "list", ["data"] = data, ["meta"] = meta });
    }

    private static Task ErrorAsync(HttpContext context, int status, string message) =>
        VendorErrors.WriteAsync(context, Vendor.NanoGpt, status, message);

    private static async Task TranscribeAsync(HttpContext context, EmulatorState state)
    {
        var limit = state.Options.NanoGptMaxUploadBytes;
        string? model, language, audioUrl, fileName = null;
        bool diarize;
        StoredObject? file = null;
        MultipartForm? form = null;
        try
        {
            if (MultipartForm.IsMultipart(context.Request))
            {
                if (context.Request.ContentLength > limit + 64 * 1024)
                {
                    await ErrorAsync(context, 413, $"File too large: direct uploads are limited to {limit / (1024 * 1024)} MB; use audioUrl for larger files.").ConfigureAwait(false);
                    return;
                }
                try
                {
                    form = await MultipartForm.ReadAsync(context.Request, state.Storage, limit, context.RequestAborted).ConfigureAwait(false);
                }
                catch (UploadTooLargeException)
                {
                    await ErrorAsync(context, 413, $"File too large: direct uploads are limited to {limit / (1024 * 1024)} MB; use audioUrl for larger files.").ConfigureAwait(false);
                    return;
                }
                model = form.Field("model");
                language = form.Field("language");
                audioUrl = form.Field("audioUrl");
                file = form.Files.GetValueOrDefault("audio");
                fileName = file?.FileName;
                if (!Http.ParseFormBool(form.Field("diarize"), out var d))
                {
                    await ErrorAsync(context, 400, "diarize must be \"true\" or \"false\".").ConfigureAwait(false);
                    return;
                }
                diarize = d == true;
            }
            else if (Http.IsJson(context.Request))
            {
                var body = await Http.ReadJsonObjectAsync(context).ConfigureAwait(false);
                if (body is null)
                {
                    await ErrorAsync(context, 400, "Invalid JSON body.").ConfigureAwait(false);
                    return;
                }
                model = Http.GetString(body, "model");
                language = Http.GetString(body, "language");
                audioUrl = Http.GetString(body, "audioUrl");
                if (audioUrl is null)
                {
                    await ErrorAsync(context, 400, "audioUrl is required.").ConfigureAwait(false);
                    return;
                }
                if (!Http.TryGetBool(body, "diarize", out var d))
                {
                    await ErrorAsync(context, 400, "diarize must be a boolean.").ConfigureAwait(false);
                    return;
                }
                diarize = d == true;
            }
            else
            {
                await ErrorAsync(context, 400, "Send multipart/form-data with an 'audio' file or JSON with 'audioUrl'.").ConfigureAwait(false);
                return;
            }

            model ??= "Whisper-Large-V3";
            var isAsync = AsyncModels.Contains(model);
            if (!isAsync && !SyncModels.Contains(model))
            {
                await ErrorAsync(context, 400, $"Invalid model '{model}'.").ConfigureAwait(false);
                return;
            }
            if (file is null && string.IsNullOrEmpty(audioUrl))
            {
                await ErrorAsync(context, 400, "No audio provided: send an 'audio' file or 'audioUrl'.").ConfigureAwait(false);
                return;
            }
            if (file is null && !(Uri.TryCreate(audioUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                await ErrorAsync(context, 400, "audioUrl must be an http(s) URL.").ConfigureAwait(false);
                return;
            }

            var content = file is not null ? state.Content.FromFile(file.Path, file.Sha256, fileName) : state.ResolveUrl(audioUrl!)!;
            if (content.Undecodable is { } problem)
            {
                // NanoGPT documents 400 with its Error body for bad requests; that undecodable audio is refused at submit
                // (not as a failed run of an async model) is the plausible reading (UNCONFIRMED).
                await ErrorAsync(context, 400, problem).ConfigureAwait(false);
                return;
            }
            var minutes = Math.Round(content.Duration / 60, 4);
            var charged = Math.Max(0.1, Math.Ceiling(content.Duration / 6) / 10); // tenths of a minute
            var cost = Math.Round(charged * (isAsync ? 0.03 : 0.006), 6);
            var detectedLanguage = language is { } l && l != "auto" ? l : content.Language;
            context.Response.Headers["X-Emulated-Model"] = "emulated/" + model;
            var metadata = new JsonObject
            {
                ["model"] = "emulated/" + model,
                ["cost"] = cost,
                ["currency"] = "USD",
                ["fileName"] = fileName ?? content.FileName ?? "audio",
                ["fileSize"] = file?.Size ?? content.FileSize ?? 0,
                ["chargedDuration"] = charged,
                ["actualDuration"] = minutes,
                ["language"] = detectedLanguage,
            };

            if (!isAsync)
            {
                await Http.WriteJsonAsync(context, 200, new JsonObject { ["transcription"] = content.Text, ["metadata"] = metadata }).ConfigureAwait(false);
                return;
            }

            var faults = EmulatorPipeline.Faults(context);
            var run = new NanoGptRun
            {
                RunId = Guid.NewGuid().ToString("N"),
                CreatedAt = state.Now,
                Queued = state.Options.JobQueuedDelay,
                Running = state.Options.JobRunningDelay,
                Fault = faults?.Job ?? JobFault.None,
                Completed = Completed(content, diarize, metadata),
            };
            if (run.Fault != JobFault.Vanish)
            {
                state.NanoGptRuns[run.RunId] = run;
            }

            await Http.WriteJsonAsync(context, 202, new JsonObject
            {
                ["runId"] = run.RunId,
                ["status"] = "pending",
                ["model"] = model,
                ["cost"] = cost,
                ["paymentSource"] = "USD",
                ["isApiRequest"] = true,
                ["fileName"] = metadata["fileName"]!.DeepClone(),
                ["fileSize"] = metadata["fileSize"]!.DeepClone(),
                ["chargedDuration"] = charged,
                ["diarize"] = diarize,
            }).ConfigureAwait(false);
        }
        finally
        {
            form?.Dispose();
        }
    }

    private static JsonObject Completed(EmulatedContent content, bool diarize, JsonObject metadata)
    {
        var text = diarize
            ? string.Join(' ', content.Turns.Select(t => $"{SpeakerLabels.Spaced(t.Speaker)}: {t.Text}"))
            : content.Text;
        var body = new JsonObject
        {
            ["status"] = "completed",
            ["transcription"] = text,
            ["metadata"] = metadata.DeepClone(),
            ["words"] = Http.Array(content.Words.Select(w =>
            {
                var word = new JsonObject { ["text"] = w.Text, ["start"] = Http.R(w.Start), ["end"] = Http.R(w.End), ["type"] = "word" };
                if (diarize)
                {
                    word["speaker_id"] = "speaker_" + w.Speaker.ToString(CultureInfo.InvariantCulture);
                }

                return (JsonNode)word;
            })),
        };
        if (diarize)
        {
            body["diarization"] = new JsonObject
            {
                ["segments"] = Http.Array(content.Turns.Select(t => (JsonNode)new JsonObject
                {
                    ["speaker"] = SpeakerLabels.Spaced(t.Speaker),
                    ["text"] = t.Text,
                    ["start"] = Http.R(t.Start),
                    ["end"] = Http.R(t.End),
                })),
            };
        }
        return body;
    }

    private static async Task StatusAsync(HttpContext context, EmulatorState state)
    {
        var body = Http.IsJson(context.Request) ? await Http.ReadJsonObjectAsync(context).ConfigureAwait(false) : null;
        var runId = body is null ? null : Http.GetString(body, "runId");
        if (string.IsNullOrEmpty(runId))
        {
            await ErrorAsync(context, 400, "runId is required.").ConfigureAwait(false);
            return;
        }
        if (!state.NanoGptRuns.TryGetValue(runId, out var run))
        {
            await ErrorAsync(context, 404, "Job not found.").ConfigureAwait(false);
            return;
        }
        var status = run.StatusAt(state.Now);
        JsonObject response = status switch
        {
            "completed" => (JsonObject)run.Completed.DeepClone(),
            "failed" => new JsonObject { ["status"] = "failed", ["error"] = "Audio file could not be processed (emulated fault)." },
            _ => new JsonObject { ["status"] = status },
        };
        await Http.WriteJsonAsync(context, 200, response).ConfigureAwait(false);
    }
}

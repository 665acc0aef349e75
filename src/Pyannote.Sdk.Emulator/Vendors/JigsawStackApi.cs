using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pyannote.Sdk.Emulator.Internal;

namespace Pyannote.Sdk.Emulator.Vendors;

/// <summary>JigsawStack: speech to text (JSON, multipart file + body, raw bytes + query; by_speaker; webhook; SSE stream) and the file store.</summary>
internal static class JigsawStackApi
{
    private const string StoreRead = "/jigsawstack/v1/store/file/read/";

    public static void Map(IEndpointRouteBuilder app, EmulatorState state)
    {
        app.MapPost("/jigsawstack/v1/ai/transcribe", (RequestDelegate)(ctx => TranscribeAsync(ctx, state)));
        app.MapPost("/jigsawstack/v1/store/file", (RequestDelegate)(ctx => StoreAsync(ctx, state)));
        app.MapGet(StoreRead + "{**key}", (RequestDelegate)(ctx => ReadAsync(ctx, state)));
        app.MapDelete(StoreRead + "{**key}", (RequestDelegate)(ctx => DeleteAsync(ctx, state)));
    }

    private static Task ErrorAsync(HttpContext context, int status, string message, string? code = null) =>
        VendorErrors.WriteAsync(context, Vendor.JigsawStack, status, message, code: code);

    /// <summary>Reads parameters and an optional uploaded file from any of the three request forms.</summary>
    private static async Task<(JsonObject? Params, StoredObject? File, MultipartForm? Form, string? Error, int Status)> ReadRequestAsync(HttpContext context, EmulatorState state)
    {
        var request = context.Request;
        var limit = state.Options.JigsawStackMaxUploadBytes;
        if (request.ContentLength > limit + 1024 * 1024)
        {
            return (null, null, null, $"File exceeds the {limit / (1024 * 1024)} MB limit.", 413);
        }

        try
        {
            if (MultipartForm.IsMultipart(request))
            {
                var form = await MultipartForm.ReadAsync(request, state.Storage, limit, context.RequestAborted).ConfigureAwait(false);
                JsonObject parameters;
                try
                {
                    parameters = form.Field("body") is { Length: > 0 } json ? JsonNode.Parse(json) as JsonObject ?? new JsonObject() : new JsonObject();
                }
                catch (System.Text.Json.JsonException)
                {
                    form.Dispose();
                    return (null, null, null, "The 'body' part must be a JSON object.", 400);
                }
                return (parameters, form.Files.GetValueOrDefault("file"), form, null, 200);
            }
            if (Http.IsJson(request))
            {
                var body = await Http.ReadJsonObjectAsync(context).ConfigureAwait(false);
                return body is null ? (null, null, null, "The request body must be a JSON object.", 400) : (body, null, null, null, 200);
            }
            // Raw bytes with parameters in the query string.
            var query = new JsonObject();
            foreach (var (key, value) in request.Query)
            {
                if (key == "x-api-key")
                {
                    continue;
                }

                var text = value.ToString();
                query[key] = text switch
                {
                    "true" => true,
                    "false" => false,
                    _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && key is "batch_size" or "chunk_duration" or "vad_threshold" => n,
                    _ => text,
                };
            }
            var stored = request.ContentLength == 0 ? null
                : await state.Storage.SaveAsync(request.Body, limit, request.ContentType, null, context.RequestAborted).ConfigureAwait(false);
            return (query, stored is { Size: > 0 } ? stored : null, null, null, 200);
        }
        catch (UploadTooLargeException)
        {
            return (null, null, null, $"File exceeds the {limit / (1024 * 1024)} MB limit.", 413);
        }
        catch (InvalidDataException e)
        {
            return (null, null, null, "Malformed multipart body: " + e.Message, 400);
        }
    }

    private static async Task TranscribeAsync(HttpContext context, EmulatorState state)
    {
        var (parameters, file, form, error, status) = await ReadRequestAsync(context, state).ConfigureAwait(false);
        try
        {
            if (error is not null)
            {
                await ErrorAsync(context, status, error).ConfigureAwait(false);
                return;
            }
            var p = parameters!;
            var url = Http.GetString(p, "url");
            var key = Http.GetString(p, "file_store_key");
            var sources = (url is null ? 0 : 1) + (key is null ? 0 : 1) + (file is null ? 0 : 1);
            if (sources == 0)
            {
                await ErrorAsync(context, 400, "Provide one of url, file_store_key or a file.").ConfigureAwait(false);
                return;
            }
            if (sources > 1)
            {
                await ErrorAsync(context, 400, "Provide only one of url, file_store_key or a file.").ConfigureAwait(false);
                return;
            }
            bool? bySpeaker = null, translate = null, stream = null, wordTimestamps = null;
            double? batchSize = null, chunkDuration = null;
            if (!Http.TryGetBool(p, "by_speaker", out bySpeaker) || !Http.TryGetBool(p, "translate", out translate) || !Http.TryGetBool(p, "stream", out stream)
                || !Http.TryGetBool(p, "word_timestamps", out wordTimestamps))
            {
                await ErrorAsync(context, 400, "by_speaker, translate, stream and word_timestamps must be booleans.").ConfigureAwait(false);
                return;
            }
            if (!Http.TryGetNumber(p, "batch_size", out batchSize) || batchSize is < 1 or > 40)
            {
                await ErrorAsync(context, 400, "batch_size must be a number from 1 to 40.").ConfigureAwait(false);
                return;
            }
            if (!Http.TryGetNumber(p, "chunk_duration", out chunkDuration) || chunkDuration is < 1 or > 15)
            {
                await ErrorAsync(context, 400, "chunk_duration must be a number from 1 to 15 seconds.").ConfigureAwait(false);
                return;
            }
            var webhook = Http.GetString(p, "webhook_url");
            if (webhook is not null && !(Uri.TryCreate(webhook, UriKind.Absolute, out var hook) && hook.Scheme is "http" or "https"))
            {
                await ErrorAsync(context, 400, "webhook_url must be an absolute http(s) URL.").ConfigureAwait(false);
                return;
            }
            var language = Http.GetString(p, "language");
            if (stream == true && (language != "en" || bySpeaker == true || webhook is not null || file is null))
            {
                await ErrorAsync(context, 400, "stream=true needs language=en, the audio in the request body, and neither by_speaker nor webhook_url.").ConfigureAwait(false);
                return;
            }
            if (!Http.TryGetBool(p, "vad", out var vad) || !Http.TryGetNumber(p, "vad_threshold", out var vadThreshold) || vadThreshold is < 0 or > 1)
            {
                await ErrorAsync(context, 400, "vad must be a boolean and vad_threshold a number from 0 to 1.").ConfigureAwait(false);
                return;
            }
            if (stream != true && (vad is not null || vadThreshold is not null))
            {
                await ErrorAsync(context, 400, "vad and vad_threshold apply only with stream=true.").ConfigureAwait(false);
                return;
            }
            if (stream == true && wordTimestamps == true)
            {
                await ErrorAsync(context, 400, "word_timestamps cannot be combined with stream=true.").ConfigureAwait(false);
                return;
            }

            EmulatedContent content;
            if (file is not null)
            {
                content = state.Content.FromFile(file.Path, file.Sha256, file.FileName);
            }
            else if (key is not null)
            {
                if (!state.Storage.TryGet("jigsawstack", key, out var stored))
                {
                    await ErrorAsync(context, 404, $"No file with key '{key}' in the file store.", "not_found").ConfigureAwait(false);
                    return;
                }
                content = state.Content.FromFile(stored.Path, stored.Sha256, stored.FileName ?? key);
            }
            else
            {
                content = state.ResolveUrl(url!)!;
            }

            if (content.Undecodable is { } problem)
            {
                // JigsawStack's changelog (19 Sep 2025) says an empty file in webhook mode gives 400; the same answer in
                // the other modes, and for undecodable audio, is the plausible reading (UNCONFIRMED).
                await ErrorAsync(context, 400, problem).ConfigureAwait(false);
                return;
            }

            // word_timestamps: one chunk per word (chunks of zero length never hold two words).
            var result = Result(content, bySpeaker == true, wordTimestamps == true ? 0 : chunkDuration ?? 3, language);
            if (stream == true)
            {
                await StreamAsync(context, state, result, EmulatorPipeline.Faults(context)).ConfigureAwait(false);
                return;
            }
            if (webhook is not null)
            {
                var id = Guid.NewGuid().ToString("N");
                var delay = state.Options.JobQueuedDelay + state.Options.JobRunningDelay;
                // Scheduled now (so WaitForWebhooksAsync sees it as soon as the answer is read) but sent only after
                // the answer has gone out, as the vendor's would be.
                var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                context.Response.OnCompleted(() =>
                {
                    answered.TrySetResult();
                    return Task.CompletedTask;
                });
                var payload = (JsonObject)result.DeepClone();
                payload["id"] = id;
                payload["status"] = "success";
                state.Webhooks.Schedule("jigsawstack", id, webhook, () => payload.ToJsonString(), delay, signedWithRetries: false, EmulatorPipeline.Faults(context)?.WebhookFailures ?? 0, answered.Task);
                await Http.WriteJsonAsync(context, 200, new JsonObject
                {
                    ["success"] = true,
                    ["status"] = "processing",
                    ["id"] = id,
                    ["_usage"] = Usage(content),
                    ["log_id"] = "emulated-" + id,
                }).ConfigureAwait(false);
                return;
            }
            await Http.WriteJsonAsync(context, 200, result).ConfigureAwait(false);
        }
        finally
        {
            form?.Dispose();
            if (form is null && file is not null)
            {
                EmulatorStorage.TryDelete(file.Path);
            }
        }
    }

    internal static string SpeakerLabel(int speaker) => SpeakerLabels.Spaced(speaker);

    private static JsonObject Result(EmulatedContent content, bool bySpeaker, double chunkDuration, string? language)
    {
        var chunks = new JsonArray();
        foreach (var turn in content.Turns)
        {
            var current = new List<EmulatedWord>();
            void Flush()
            {
                if (current.Count == 0)
                {
                    return;
                }

                var chunk = new JsonObject
                {
                    ["timestamp"] = new JsonArray(Http.R(current[0].Start), Http.R(current[^1].End)),
                    ["text"] = " " + string.Join(' ', current.Select(w => w.Text)),
                };
                if (bySpeaker)
                {
                    chunk["speaker"] = SpeakerLabel(turn.Speaker);
                }

                chunks.Add((JsonNode)chunk);
                current.Clear();
            }
            foreach (var word in turn.Words)
            {
                if (current.Count > 0 && word.End - current[0].Start > chunkDuration)
                {
                    Flush();
                }

                current.Add(word);
            }
            Flush();
        }
        var result = new JsonObject
        {
            ["success"] = true,
            ["text"] = " " + content.Text,
            ["chunks"] = chunks,
        };
        if (bySpeaker)
        {
            result["speakers"] = Http.Array(content.Turns.Select(t => (JsonNode)new JsonObject
            {
                ["speaker"] = SpeakerLabel(t.Speaker),
                ["timestamp"] = new JsonArray(Http.R(t.Start), Http.R(t.End)),
                ["text"] = t.Text,
            }));
        }
        result["language_detected"] = new JsonObject { ["code"] = language is { } l && l != "auto" ? l : content.Language, ["confidence"] = 0.99 };
        result["_usage"] = Usage(content);
        result["log_id"] = "emulated-" + Guid.NewGuid().ToString("N");
        return result;
    }

    private static JsonObject Usage(EmulatedContent content)
    {
        var output = content.Words.Count();
        var inference = (int)Math.Ceiling(content.Duration * 10);
        return new JsonObject { ["input_tokens"] = 15, ["output_tokens"] = output, ["inference_time_tokens"] = inference, ["total_tokens"] = 15 + output + inference };
    }

    /// <summary>
    /// The SSE mode (<c>stream=true</c>): <c>transcript.start</c>, a <c>transcript.segment</c> and a
    /// <c>transcript.delta</c> (an increment) per chunk, <c>transcript.done</c>, <c>transcript.final</c> and the
    /// <c>[DONE]</c> sentinel of the vendor's JS SDK. With <see cref="SpeechEmulatorOptions.PaceLiveAudio"/> each segment
    /// is sent when its end is reached in real time (audio time otherwise, i.e. at once). Faults: <c>live-error=ms</c>
    /// sends <c>transcript.error</c> once that much audio is transcribed and ends the response; <c>live-drop=ms</c> ends
    /// it there with neither final event nor sentinel; <c>live-slow-start=ms</c> delays the headers.
    /// </summary>
    private static async Task StreamAsync(HttpContext context, EmulatorState state, JsonObject result, FaultSet? faults)
    {
        var clock = state.Options.TimeProvider;
        if (faults is { LiveSlowStartMs: > 0 })
        {
            await Task.Delay(TimeSpan.FromMilliseconds(faults.LiveSlowStartMs), clock, context.RequestAborted).ConfigureAwait(false);
        }

        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        async Task SendAsync(string data)
        {
            await response.WriteAsync("data: " + data + "\n\n", context.RequestAborted).ConfigureAwait(false);
            await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }
        var started = clock.GetTimestamp();
        await SendAsync(new JsonObject { ["type"] = "transcript.start" }.ToJsonString()).ConfigureAwait(false);
        foreach (var chunk in (JsonArray)result["chunks"]!)
        {
            var end = chunk!["timestamp"]![1]!.GetValue<double>();
            if (faults?.LiveErrorAfterMs is { } errorAt && end * 1000 > errorAt)
            {
                await SendAsync(new JsonObject { ["type"] = "transcript.error", ["message"] = faults.Message ?? "Transcription failed (emulated fault)" }.ToJsonString()).ConfigureAwait(false);
                return;
            }
            if (faults?.LiveDropAfterMs is { } dropAt && end * 1000 > dropAt)
            {
                return;
            }

            if (state.Options.PaceLiveAudio && TimeSpan.FromSeconds(end) - clock.GetElapsedTime(started) is { } due && due > TimeSpan.Zero)
            {
                await Task.Delay(due, clock, context.RequestAborted).ConfigureAwait(false);
            }

            await SendAsync(new JsonObject { ["type"] = "transcript.segment", ["chunk"] = chunk.DeepClone() }.ToJsonString()).ConfigureAwait(false);
            await SendAsync(new JsonObject { ["type"] = "transcript.delta", ["delta"] = chunk["text"]!.DeepClone() }.ToJsonString()).ConfigureAwait(false);
        }
        await SendAsync(new JsonObject { ["type"] = "transcript.done", ["text"] = result["text"]!.DeepClone() }.ToJsonString()).ConfigureAwait(false);
        await SendAsync(new JsonObject { ["type"] = "transcript.final", ["text"] = result["text"]!.DeepClone(), ["chunks"] = result["chunks"]!.DeepClone() }.ToJsonString()).ConfigureAwait(false);
        await SendAsync("[DONE]").ConfigureAwait(false);
    }

    private static async Task StoreAsync(HttpContext context, EmulatorState state)
    {
        var (parameters, file, form, error, status) = await ReadRequestAsync(context, state).ConfigureAwait(false);
        try
        {
            if (error is not null)
            {
                await ErrorAsync(context, status, error).ConfigureAwait(false);
                return;
            }
            if (file is null)
            {
                await ErrorAsync(context, 400, "A file is required: a multipart 'file' part or the raw bytes as the body.").ConfigureAwait(false);
                return;
            }
            var p = parameters!;
            Http.TryGetBool(p, "overwrite", out var overwrite);
            Http.TryGetBool(p, "temp_public_url", out var tempUrl);
            var key = Http.GetString(p, "key");
            if (string.IsNullOrEmpty(key))
            {
                key = Guid.NewGuid().ToString("N")[..20] + (Path.GetExtension(file.FileName) is { Length: > 0 } ext ? ext : "");
            }

            if (state.Storage.TryGet("jigsawstack", key, out _) && overwrite != true)
            {
                await ErrorAsync(context, 400, $"A file with key '{key}' already exists; pass overwrite=true to replace it.").ConfigureAwait(false);
                return;
            }
            if (form is not null)
            {
                form.Adopt("file");
            }

            state.Storage.Add("jigsawstack", key, file with { FileName = file.FileName ?? key });
            file = null; // adopted by storage
            var url = $"{state.BaseAddress}jigsawstack/v1/store/file/read/{EmulatorStorage.EscapeKey(key)}";
            state.Storage.TryGet("jigsawstack", key, out var stored);
            var body = new JsonObject { ["success"] = true, ["key"] = key, ["url"] = url, ["size"] = stored.Size };
            if (tempUrl == true)
            {
                body["temp_public_url"] = url;
            }

            await Http.WriteJsonAsync(context, 200, body).ConfigureAwait(false);
        }
        finally
        {
            form?.Dispose();
            if (form is null && file is not null)
            {
                EmulatorStorage.TryDelete(file.Path);
            }
        }
    }

    private static async Task ReadAsync(HttpContext context, EmulatorState state)
    {
        var key = Uri.UnescapeDataString(context.Request.RouteValues["key"] as string ?? "");
        if (!state.Storage.TryGet("jigsawstack", key, out var stored))
        {
            await ErrorAsync(context, 404, $"No file with key '{key}'.", "not_found").ConfigureAwait(false);
            return;
        }
        context.Response.ContentType = stored.ContentType ?? "application/octet-stream";
        context.Response.ContentLength = stored.Size;
        await context.Response.SendFileAsync(stored.Path, context.RequestAborted).ConfigureAwait(false);
    }

    private static Task DeleteAsync(HttpContext context, EmulatorState state)
    {
        var key = Uri.UnescapeDataString(context.Request.RouteValues["key"] as string ?? "");
        return state.Storage.Remove("jigsawstack", key)
            ? Http.WriteJsonAsync(context, 200, new JsonObject { ["success"] = true })
            : ErrorAsync(context, 404, $"No file with key '{key}'.", "not_found");
    }
}

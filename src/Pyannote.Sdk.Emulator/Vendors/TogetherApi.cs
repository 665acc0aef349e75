using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pyannote.Sdk.Emulator.Internal;

namespace Pyannote.Sdk.Emulator.Vendors;

/// <summary>Together AI: synchronous multipart transcription and translation (json / verbose_json, diarization, granularities).</summary>
internal static class TogetherApi
{
    private static readonly string[] Models = ["openai/whisper-large-v3", "nvidia/parakeet-tdt-0.6b-v3", "mistralai/Voxtral-Mini-3B-2507"];

    public static void Map(IEndpointRouteBuilder app, EmulatorState state)
    {
        app.MapPost("/together/v1/audio/transcriptions", (RequestDelegate)(ctx => HandleAsync(ctx, state, translate: false)));
        app.MapPost("/together/v1/audio/translations", (RequestDelegate)(ctx => HandleAsync(ctx, state, translate: true)));
    }

    private static Task ErrorAsync(HttpContext context, int status, string message, string? param, string? code = null) =>
        VendorErrors.WriteAsync(context, Vendor.Together, status, message, param, code);

    private static async Task HandleAsync(HttpContext context, EmulatorState state, bool translate)
    {
        var limit = state.Options.TogetherMaxUploadBytes;
        if (!MultipartForm.IsMultipart(context.Request))
        {
            await ErrorAsync(context, 400, "The request must be multipart/form-data.", null).ConfigureAwait(false);
            return;
        }
        if (context.Request.ContentLength > limit + 1024 * 1024)
        {
            await ErrorAsync(context, 413, $"Request entity too large: direct uploads are limited to {limit} bytes; pass a URL instead.", "file").ConfigureAwait(false);
            return;
        }

        MultipartForm form;
        try
        {
            form = await MultipartForm.ReadAsync(context.Request, state.Storage, limit, context.RequestAborted).ConfigureAwait(false);
        }
        catch (UploadTooLargeException)
        {
            await ErrorAsync(context, 413, $"Request entity too large: direct uploads are limited to {limit} bytes; pass a URL instead.", "file").ConfigureAwait(false);
            return;
        }
        catch (InvalidDataException e)
        {
            await ErrorAsync(context, 400, "Malformed multipart body: " + e.Message, null).ConfigureAwait(false);
            return;
        }

        using (form)
        {
            var model = form.Field("model") ?? Models[0];
            if (!Models.Contains(model))
            {
                await ErrorAsync(context, 400, $"Model '{model}' is not available for audio transcription.", "model", "model_not_available").ConfigureAwait(false);
                return;
            }
            var format = form.Field("response_format") ?? "json";
            if (format is not ("json" or "verbose_json"))
            {
                await ErrorAsync(context, 400, "response_format must be 'json' or 'verbose_json'.", "response_format").ConfigureAwait(false);
                return;
            }
            if (form.Field("temperature") is { } temperatureText &&
                (!double.TryParse(temperatureText, NumberStyles.Float, CultureInfo.InvariantCulture, out var temperature) || temperature is < 0 or > 1))
            {
                await ErrorAsync(context, 400, "temperature must be a number from 0 to 1.", "temperature").ConfigureAwait(false);
                return;
            }
            var granularities = form.FieldValues("timestamp_granularities", "timestamp_granularities[]")
                .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal);
            if (granularities.Any(g => g is not ("segment" or "word")))
            {
                await ErrorAsync(context, 400, "timestamp_granularities must be 'segment', 'word' or both.", "timestamp_granularities").ConfigureAwait(false);
                return;
            }
            bool? diarize = null;
            int? minSpeakers = null, maxSpeakers = null;
            if (!translate)
            {
                if (!Http.ParseFormBool(form.Field("diarize"), out diarize))
                {
                    await ErrorAsync(context, 400, "diarize must be 'true' or 'false'.", "diarize").ConfigureAwait(false);
                    return;
                }
                if (!TryInt(form.Field("min_speakers"), out minSpeakers) || !TryInt(form.Field("max_speakers"), out maxSpeakers) || minSpeakers > maxSpeakers)
                {
                    await ErrorAsync(context, 400, "min_speakers and max_speakers must be positive integers with min_speakers <= max_speakers.", "min_speakers").ConfigureAwait(false);
                    return;
                }
            }

            EmulatedContent? content;
            if (form.Files.TryGetValue("file", out var file))
            {
                if (file.Size == 0)
                {
                    await ErrorAsync(context, 400, "The uploaded file is empty.", "file").ConfigureAwait(false);
                    return;
                }
                content = state.Content.FromFile(file.Path, file.Sha256, file.FileName);
                if (content.Undecodable is { } problem)
                {
                    // Together documents 400 ErrorData for bad requests; the exact code for undecodable audio is not
                    // published (UNCONFIRMED), so a plausible one is used.
                    await ErrorAsync(context, 400, problem, "file", "invalid_audio").ConfigureAwait(false);
                    return;
                }
            }
            else if (form.Field("file") is { Length: > 0 } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == "http" || uri.Scheme == "https"))
            {
                content = state.ResolveUrl(url);
            }
            else
            {
                await ErrorAsync(context, 400, "file is required: upload the audio or pass a public http(s) URL.", "file").ConfigureAwait(false);
                return;
            }

            var diarized = diarize == true;
            content = content!.WithSpeakerCount(null, minSpeakers, maxSpeakers, out _);
            context.Response.Headers["X-Emulated-Model"] = "emulated/" + model;
            var text = content.Text;
            if (format == "json")
            {
                await Http.WriteJsonAsync(context, 200, new JsonObject { ["text"] = text }).ConfigureAwait(false);
                return;
            }

            // Like the vendor's published schema, a transcription without a language is decoded as English ("en" is the
            // schema default); "auto" detects it. Translation always produces English.
            var language = translate ? "en" : form.Field("language") switch
            {
                null => "en",
                "auto" => content.Language,
                var lang => lang,
            };
            var body = new JsonObject
            {
                ["id"] = "emulated-" + Guid.NewGuid().ToString("N"),
                ["language"] = language,
                ["duration"] = Http.R(content.Duration),
                ["text"] = text,
                ["segments"] = Http.Array(content.Turns.Select((t, i) => (JsonNode)new JsonObject
                {
                    ["id"] = i,
                    ["start"] = Http.R(t.Start),
                    ["end"] = Http.R(t.End),
                    ["text"] = t.Text,
                })),
            };
            if (granularities.Contains("word") || diarized)
            {
                var id = 0;
                body["words"] = Http.Array(content.Words.Select(w => (JsonNode)Word(w, id++, diarized)));
            }
            if (diarized)
            {
                var wordId = 0;
                body["speaker_segments"] = Http.Array(content.Turns.Select((t, i) => (JsonNode)new JsonObject
                {
                    ["id"] = i,
                    ["speaker_id"] = SpeakerLabels.Underscored(t.Speaker),
                    ["start"] = Http.R(t.Start),
                    ["end"] = Http.R(t.End),
                    ["text"] = t.Text,
                    ["words"] = Http.Array(t.Words.Select(w => (JsonNode)Word(w, wordId++, true))),
                }));
            }
            await Http.WriteJsonAsync(context, 200, body).ConfigureAwait(false);
        }
    }

    private static JsonObject Word(EmulatedWord word, int id, bool diarized)
    {
        var json = new JsonObject { ["id"] = id, ["word"] = word.Text, ["start"] = Http.R(word.Start), ["end"] = Http.R(word.End) };
        if (diarized)
        {
            json["speaker_id"] = SpeakerLabels.Underscored(word.Speaker);
        }

        return json;
    }

    private static bool TryInt(string? text, out int? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= 1) { value = v; return true; }
        return false;
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pyannote.Sdk.Emulator.Internal;

namespace Pyannote.Sdk.Emulator.Vendors;

/// <summary>pyannoteAI: jobs (diarize, identify, voiceprint), job polling and listing, media upload URLs, key check, webhooks.</summary>
internal static partial class PyannoteApi
{
    private const string Prefix = "/pyannote";
    private static long s_sequence;

    [GeneratedRegex(@"^media:\/\/[a-zA-Z0-9\-_\.\/]+$")]
    private static partial Regex MediaUrl();

    public static void Map(IEndpointRouteBuilder app, EmulatorState state)
    {
        app.MapPost(Prefix + "/v1/diarize", (RequestDelegate)(ctx => CreateJobAsync(ctx, state, "diarize")));
        app.MapPost(Prefix + "/v1/identify", (RequestDelegate)(ctx => CreateJobAsync(ctx, state, "identify")));
        app.MapPost(Prefix + "/v1/voiceprint", (RequestDelegate)(ctx => CreateJobAsync(ctx, state, "voiceprint")));
        app.MapGet(Prefix + "/v1/jobs/{jobId}", (RequestDelegate)(ctx => GetJobAsync(ctx, state)));
        app.MapGet(Prefix + "/v2/jobs", (RequestDelegate)(ctx => ListJobsAsync(ctx, state)));
        app.MapPost(Prefix + "/v1/media/input", (RequestDelegate)(ctx => MediaAsync(ctx, state, "PUT")));
        app.MapPost(Prefix + "/v1/media/output", (RequestDelegate)(ctx => MediaAsync(ctx, state, "GET")));
        app.MapGet(Prefix + "/v1/test", (RequestDelegate)(ctx =>
            Http.WriteJsonAsync(ctx, 200, new JsonObject { ["status"] = "OK", ["message"] = "Test connection successful (emulated)" })));
    }

    private static Task ValidationAsync(HttpContext context, List<(string Field, string Message)> errors)
    {
        context.Items["emulator.error"] = errors[0].Message;
        return Http.WriteJsonAsync(context, 400, new JsonObject
        {
            ["message"] = "Invalid request",
            ["errors"] = Http.Array(errors.Select(e => (JsonNode)new JsonObject { ["field"] = e.Field, ["message"] = e.Message })),
        });
    }

    private static async Task CreateJobAsync(HttpContext context, EmulatorState state, string kind)
    {
        var body = await Http.ReadJsonObjectAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            await ValidationAsync(context, [("body", "The request body must be a JSON object.")]).ConfigureAwait(false);
            return;
        }

        var errors = new List<(string, string)>();
        var url = Http.GetString(body, "url");
        if (url is null)
        {
            errors.Add(("url", "url is required and must be a string."));
        }
        else if (url.StartsWith("media://", StringComparison.Ordinal) ? !MediaUrl().IsMatch(url) : !IsHttpUrl(url))
        {
            errors.Add(("url", "url must be an http(s) URL or a media:// key made of [a-zA-Z0-9-_./]."));
        }

        var webhook = Http.GetString(body, "webhook");
        if (!Http.IsMissing(body, "webhook") && webhook is null)
        {
            errors.Add(("webhook", "webhook must be a string."));
        }

        if (webhook is not null)
        {
            if (!Uri.TryCreate(webhook, UriKind.Absolute, out var hook) || (hook.Scheme != Uri.UriSchemeHttps && hook.Scheme != Uri.UriSchemeHttp))
            {
                errors.Add(("webhook", "webhook must be an absolute https URL."));
            }
            else if (hook.Scheme == Uri.UriSchemeHttp && !state.Options.AllowHttpWebhooks)
            {
                errors.Add(("webhook", "webhook must use https."));
            }
        }

        var model = Http.GetString(body, "model");
        var allowedModels = kind == "diarize" ? new[] { "precision-2", "community-1" } : ["precision-2"];
        if (!Http.IsMissing(body, "model") && (model is null || !allowedModels.Contains(model)))
        {
            errors.Add(("model", $"model must be one of: {string.Join(", ", allowedModels)}."));
        }

        model ??= "precision-2";

        bool? statusOnly = null, exclusive = null, confidence = null, turnConfidence = null, transcription = null;
        bool? speech = null, crosstalk = null, speakers = null;
        CheckBool(body, "webhookStatusOnly", ref statusOnly, errors);
        int? numSpeakers = null, minSpeakers = null, maxSpeakers = null;
        if (kind != "voiceprint")
        {
            CheckBool(body, "exclusive", ref exclusive, errors);
            CheckBool(body, "confidence", ref confidence, errors);
            CheckBool(body, "turnLevelConfidence", ref turnConfidence, errors);
            CheckBool(body, "speechProbability", ref speech, errors);
            CheckBool(body, "crosstalkProbability", ref crosstalk, errors);
            CheckBool(body, "speakerProbability", ref speakers, errors);
            CheckSensitivity(body, "vadSensitivity", errors);
            CheckSensitivity(body, "crosstalkSensitivity", errors);
            numSpeakers = CheckSpeakers(body, "numSpeakers", errors);
            minSpeakers = CheckSpeakers(body, "minSpeakers", errors);
            maxSpeakers = CheckSpeakers(body, "maxSpeakers", errors);
            if (minSpeakers > maxSpeakers)
            {
                errors.Add(("minSpeakers", "minSpeakers must be less than or equal to maxSpeakers."));
            }
        }
        if (kind == "diarize")
        {
            CheckBool(body, "transcription", ref transcription, errors);
            if (transcription == true && model != "precision-2")
            {
                errors.Add(("transcription", "transcription is only available with the precision-2 model."));
            }

            if (!Http.IsMissing(body, "transcriptionConfig"))
            {
                var config = body["transcriptionConfig"] as JsonObject;
                var sttModel = config is null ? null : Http.GetString(config, "model");
                if (config is null || (!Http.IsMissing(config, "model") && sttModel is not ("parakeet-tdt-0.6b-v3" or "faster-whisper-large-v3-turbo")))
                {
                    errors.Add(("transcriptionConfig.model", "transcriptionConfig.model must be parakeet-tdt-0.6b-v3 or faster-whisper-large-v3-turbo."));
                }
            }
        }

        var voiceprints = new List<string>();
        double threshold = 0;
        if (kind == "identify")
        {
            if (body["voiceprints"] is not JsonArray prints || prints.Count is < 1 or > 50)
            {
                errors.Add(("voiceprints", "voiceprints is required: an array of 1 to 50 {label, voiceprint} objects."));
            }
            else
            {
                for (int i = 0; i < prints.Count; i++)
                {
                    var item = prints[i] as JsonObject;
                    var label = item is null ? null : Http.GetString(item, "label");
                    var print = item is null ? null : Http.GetString(item, "voiceprint");
                    if (label is null || label.Length > 100 || label.StartsWith("speaker_", StringComparison.OrdinalIgnoreCase))
                    {
                        errors.Add(($"voiceprints[{i}].label", "label is required, at most 100 characters, and must not start with SPEAKER_."));
                    }

                    if (print is null || print.Length > 20000)
                    {
                        errors.Add(($"voiceprints[{i}].voiceprint", "voiceprint is required and at most 20000 characters."));
                    }

                    if (label is not null)
                    {
                        voiceprints.Add(label);
                    }
                }
            }
            if (body["matching"] is JsonObject matching && !Http.IsMissing(matching, "threshold"))
            {
                if (!Http.TryGetNumber(matching, "threshold", out var t) || t is < 0 or > 100)
                {
                    errors.Add(("matching.threshold", "matching.threshold must be a number from 0 to 100."));
                }
                else
                {
                    threshold = t ?? 0;
                }
            }
        }

        if (errors.Count > 0)
        {
            await ValidationAsync(context, errors).ConfigureAwait(false);
            return;
        }

        var faults = EmulatorPipeline.Faults(context);
        var content = state.ResolveUrl(url!);
        string? warning = null;
        JsonObject? output = null;
        if (content is { Undecodable: null })
        {
            var shaped = kind == "voiceprint" ? content : content.WithSpeakerCount(numSpeakers, minSpeakers, maxSpeakers, out warning);
            output = kind switch
            {
                "voiceprint" => VoiceprintOutput(content, out warning),
                "identify" => IdentifyOutput(shaped, voiceprints, threshold, exclusive == true, confidence == true, turnConfidence == true),
                _ => DiarizeOutput(shaped, exclusive == true, confidence == true, turnConfidence == true, transcription == true),
            };
            if (kind != "voiceprint")
            {
                AddProbabilities(output, shaped, speech == true, crosstalk == true, speakers == true);
            }

            if (warning is not null)
            {
                output["warning"] = warning;
            }
        }

        var job = new PyannoteJob
        {
            Id = Guid.NewGuid().ToString(),
            Kind = kind,
            Model = "emulated/" + model,
            Sequence = Interlocked.Increment(ref s_sequence),
            CreatedAt = state.Now,
            Queued = state.Options.JobQueuedDelay,
            Running = state.Options.JobRunningDelay,
            Fault = faults?.Job ?? JobFault.None,
            Output = output,
            // pyannoteAI accepts any bytes into media storage and fails the job ("Could not load audio", vendor-apis.md §1.8).
            Error = content is null ? "Could not load audio: the media:// key was never uploaded."
                : content.Undecodable is { } problem ? "Could not load audio: " + problem : null,
        };
        if (job.Fault != JobFault.Vanish)
        {
            state.PyannoteJobs[job.Id] = job;
        }

        var created = new JsonObject { ["jobId"] = job.Id, ["status"] = "created" };
        if (warning is not null)
        {
            created["warning"] = warning;
        }

        if (webhook is not null && job.Fault != JobFault.Vanish)
        {
            var statusOnlyBody = statusOnly == true;
            var failures = faults?.WebhookFailures ?? 0;
            // Scheduled now (so WaitForWebhooksAsync sees it as soon as the answer is read), sent only after the
            // answer has gone out.
            var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            context.Response.OnCompleted(() =>
            {
                answered.TrySetResult();
                return Task.CompletedTask;
            });
            state.Webhooks.Schedule("pyannote", job.Id, webhook, () => WebhookBody(job, statusOnlyBody), job.Queued + job.Running, signedWithRetries: true, failures, answered.Task);
        }
        await Http.WriteJsonAsync(context, 200, created).ConfigureAwait(false);
    }

    private static string WebhookBody(PyannoteJob job, bool statusOnly)
    {
        var status = job.TerminalStatus;
        var body = new JsonObject { ["jobId"] = job.Id, ["status"] = status };
        if (status == "succeeded" && !statusOnly && job.Output is not null)
        {
            body["output"] = job.Output.DeepClone();
        }

        return body.ToJsonString();
    }

    private static Task GetJobAsync(HttpContext context, EmulatorState state)
    {
        var id = context.Request.RouteValues["jobId"] as string ?? "";
        if (!state.PyannoteJobs.TryGetValue(id, out var job))
        {
            return VendorErrors.WriteAsync(context, Vendor.Pyannote, 404, "Job not found");
        }

        var json = job.ToJson(state.Now);
        json["model"] = job.Model;
        return Http.WriteJsonAsync(context, 200, json);
    }

    private static Task ListJobsAsync(HttpContext context, EmulatorState state)
    {
        var query = context.Request.Query;
        var limit = 10;
        if (query.TryGetValue("limit", out var limitText) &&
            (!double.TryParse(limitText, NumberStyles.Float, CultureInfo.InvariantCulture, out var l) || l is < 1 or > 100 || l != Math.Floor(l)))
        {
            return VendorErrors.WriteAsync(context, Vendor.Pyannote, 400, "limit must be a number from 1 to 100.", "limit");
        }

        if (limitText.Count > 0)
        {
            limit = int.Parse(limitText!, CultureInfo.InvariantCulture);
        }

        string? status = query.TryGetValue("status", out var s) ? s.ToString() : null;
        if (status is not null && status is not ("pending" or "created" or "running" or "succeeded" or "failed" or "canceled"))
        {
            return VendorErrors.WriteAsync(context, Vendor.Pyannote, 400, "status must be one of pending, created, running, succeeded, failed, canceled.", "status");
        }

        var now = state.Now;
        var all = state.PyannoteJobs.Values
            .OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Sequence)
            .Where(j => status is null || j.StatusAt(now).Status == status)
            .ToList();
        var start = 0;
        if (query.TryGetValue("cursor", out var cursor) && cursor.ToString().Length > 0)
        {
            var index = all.FindIndex(j => j.Id == cursor.ToString());
            if (index < 0 && !state.PyannoteJobs.ContainsKey(cursor.ToString()))
            {
                return VendorErrors.WriteAsync(context, Vendor.Pyannote, 400, "cursor is not a known job id.", "cursor");
            }

            start = index + 1;
        }
        var page = all.Skip(start).Take(limit).ToList();
        var hasMore = start + page.Count < all.Count;
        return Http.WriteJsonAsync(context, 200, new JsonObject
        {
            ["items"] = Http.Array(page.Select(j => (JsonNode)new JsonObject
            {
                ["id"] = j.Id,
                ["status"] = j.StatusAt(now).Status,
                ["createdAt"] = j.CreatedAt.UtcDateTime.ToString("O"),
            })),
            ["nextCursor"] = hasMore ? page[^1].Id : null,
        });
    }

    private static async Task MediaAsync(HttpContext context, EmulatorState state, string method)
    {
        var body = await Http.ReadJsonObjectAsync(context).ConfigureAwait(false);
        var url = body is null ? null : Http.GetString(body, "url");
        if (url is null || url.Length > 255 || !MediaUrl().IsMatch(url))
        {
            await ValidationAsync(context, [("url", "url must match ^media://[a-zA-Z0-9-_./]+$ and be at most 255 characters.")]).ConfigureAwait(false);
            return;
        }
        var key = url["media://".Length..];
        var expires = (state.Now + TimeSpan.FromHours(1)).ToUnixTimeSeconds();
        var signed = $"{state.BaseAddress}storage/pyannote/{EmulatorStorage.EscapeKey(key)}?X-Signature={state.Storage.Sign(method, key, expires)}&expires={expires}";
        await Http.WriteJsonAsync(context, 201, new JsonObject { ["url"] = signed }).ConfigureAwait(false);
    }

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static void CheckBool(JsonObject body, string name, ref bool? value, List<(string, string)> errors)
    {
        if (!Http.TryGetBool(body, name, out value))
        {
            errors.Add((name, $"{name} must be a boolean."));
        }
    }

    private static void CheckSensitivity(JsonObject body, string name, List<(string, string)> errors)
    {
        // pyannoteAI documents [-5, 5] (default 0); its answer to a value outside is not published, so a 400 it is.
        if (!Http.TryGetNumber(body, name, out var value) || value is < -5 or > 5)
        {
            errors.Add((name, $"{name} must be a number from -5.0 to 5.0."));
        }
    }

    private static int? CheckSpeakers(JsonObject body, string name, List<(string, string)> errors)
    {
        if (!Http.TryGetNumber(body, name, out var value) || value is < 1 || (value is { } v && v != Math.Floor(v)))
        {
            errors.Add((name, $"{name} must be a whole number greater than or equal to 1."));
            return null;
        }
        return value is null ? null : (int)value.Value;
    }

    internal static string Label(int speaker) => SpeakerLabels.Underscored(speaker);

    private static JsonArray Segments(EmulatedContent content, bool turnConfidence) =>
        Http.Array(content.Turns.Select(t =>
        {
            var segment = new JsonObject { ["speaker"] = Label(t.Speaker), ["start"] = Http.R(t.Start), ["end"] = Http.R(t.End) };
            if (turnConfidence)
            {
                segment["confidence"] = ConfidenceMap(content.SpeakerCount, t.Speaker, Label);
            }

            return (JsonNode)segment;
        }));

    private static JsonObject ConfidenceMap(int speakers, int own, Func<int, string> label)
    {
        var map = new JsonObject();
        for (int s = 0; s < speakers; s++)
        {
            map[label(s)] = s == own ? 93 : Math.Max(1, 12 - s);
        }

        return map;
    }

    private static JsonObject DiarizeOutput(EmulatedContent content, bool exclusive, bool confidence, bool turnConfidence, bool transcription)
    {
        var output = new JsonObject { ["diarization"] = Segments(content, turnConfidence) };
        if (exclusive)
        {
            output["exclusiveDiarization"] = Segments(content, turnConfidence);
        }

        if (confidence)
        {
            output["confidence"] = ConfidenceScores(content);
        }

        if (transcription)
        {
            output["wordLevelTranscription"] = Http.Array(content.Words.Select(w => (JsonNode)new JsonObject
            {
                ["start"] = Http.R(w.Start),
                ["end"] = Http.R(w.End),
                ["text"] = w.Text,
                ["speaker"] = Label(w.Speaker),
            }));
            output["turnLevelTranscription"] = Http.Array(content.Turns.Select(t => (JsonNode)new JsonObject
            {
                ["start"] = Http.R(t.Start),
                ["end"] = Http.R(t.End),
                ["text"] = t.Text,
                ["speaker"] = Label(t.Speaker),
            }));
        }
        return output;
    }

    /// <summary>Frame-level probabilities on the 20 ms axis: speech inside any turn, cross-talk where turns overlap,
    /// and per speaker inside that speaker's turns (keyed by diarization label, also on identify jobs).</summary>
    private static void AddProbabilities(JsonObject output, EmulatedContent content, bool speech, bool crosstalk, bool speakers)
    {
        if (!speech && !crosstalk && !speakers)
        {
            return;
        }

        const double Resolution = 0.02;
        var count = Math.Min((int)Math.Ceiling(content.Duration / Resolution), 200_000);
        // Paint each turn onto the frame axis once: active[i] speakers at frame i, and per speaker whether it speaks.
        var active = new int[count];
        var perSpeaker = new bool[content.SpeakerCount][];
        for (int s = 0; s < perSpeaker.Length; s++)
        {
            perSpeaker[s] = new bool[count];
        }

        foreach (var turn in content.Turns)
        {
            var from = Math.Max(0, (int)Math.Ceiling(turn.Start / Resolution));
            var to = Math.Min(count, (int)Math.Ceiling(turn.End / Resolution));
            for (int i = from; i < to; i++)
            {
                active[i]++;
                perSpeaker[turn.Speaker][i] = true;
            }
        }
        JsonArray Series(Func<int, double> score)
        {
            var values = new JsonArray();
            for (int i = 0; i < count; i++)
            {
                values.Add((JsonNode)JsonValue.Create(score(i)));
            }

            return values;
        }
        if (speech)
        {
            output["speechProbability"] = new JsonObject { ["score"] = Series(i => active[i] > 0 ? 96 : 3), ["resolution"] = Resolution };
        }

        if (crosstalk)
        {
            output["crosstalkProbability"] = new JsonObject { ["score"] = Series(i => active[i] > 1 ? 88 : 2), ["resolution"] = Resolution };
        }

        if (speakers)
        {
            var map = new JsonObject();
            for (int s = 0; s < perSpeaker.Length; s++)
            {
                var frames = perSpeaker[s];
                map[Label(s)] = Series(i => frames[i] ? 94 : 4);
            }
            output["speakerProbability"] = new JsonObject { ["score"] = map, ["resolution"] = Resolution };
        }
    }

    private static JsonObject ConfidenceScores(EmulatedContent content)
    {
        // 0.02 s resolution, coarser for very long audio so the array stays under 200k numbers.
        var resolution = 0.02;
        while (content.Duration / resolution > 200_000)
        {
            resolution *= 2;
        }

        var count = (int)Math.Ceiling(content.Duration / resolution);
        var scores = new JsonArray();
        int turn = 0;
        for (int i = 0; i < count; i++)
        {
            var t = i * resolution;
            while (turn < content.Turns.Count && content.Turns[turn].End < t)
            {
                turn++;
            }

            var inside = turn < content.Turns.Count && content.Turns[turn].Start <= t;
            var nearEdge = inside && (t - content.Turns[turn].Start < 0.1 || content.Turns[turn].End - t < 0.1);
            scores.Add((JsonNode)JsonValue.Create(inside ? (nearEdge ? 62 : 91) : 97));
        }
        return new JsonObject { ["score"] = scores, ["resolution"] = resolution };
    }

    private static JsonObject IdentifyOutput(EmulatedContent content, List<string> voiceprints, double threshold, bool exclusive, bool confidence, bool turnConfidence)
    {
        const int MatchScore = 86;
        string? Match(int speaker) => speaker < voiceprints.Count && MatchScore >= threshold ? voiceprints[speaker] : null;
        var output = new JsonObject { ["diarization"] = Segments(content, turnConfidence) };
        if (exclusive)
        {
            output["exclusiveDiarization"] = Segments(content, turnConfidence);
        }

        if (confidence)
        {
            output["confidence"] = ConfidenceScores(content);
        }

        output["identification"] = Http.Array(content.Turns.Select(t => (JsonNode)new JsonObject
        {
            ["speaker"] = Match(t.Speaker) ?? Label(t.Speaker),
            ["start"] = Http.R(t.Start),
            ["end"] = Http.R(t.End),
            ["diarizationSpeaker"] = Label(t.Speaker),
            ["match"] = Match(t.Speaker),
        }));
        output["voiceprints"] = Http.Array(Enumerable.Range(0, content.SpeakerCount).Select(s =>
        {
            var scores = new JsonObject();
            for (int v = 0; v < voiceprints.Count; v++)
            {
                scores[voiceprints[v]] = v == s ? MatchScore : 14;
            }

            return (JsonNode)new JsonObject { ["speaker"] = Label(s), ["match"] = Match(s), ["confidence"] = scores };
        }));
        return output;
    }

    private static JsonObject VoiceprintOutput(EmulatedContent content, out string? warning)
    {
        warning = content.Duration > 30 ? "Audio is longer than 30 s; only the first 30 s were used (emulated)." : null;
        var seed = SpeechEmulator.HexSha(System.Text.Encoding.UTF8.GetBytes(content.Text + "|" + content.Duration.ToString(CultureInfo.InvariantCulture)));
        return new JsonObject { ["voiceprint"] = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes("emulated-voiceprint:" + seed)) };
    }
}

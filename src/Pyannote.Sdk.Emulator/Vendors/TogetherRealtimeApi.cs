using System.Buffers.Binary;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pyannote.Sdk.Emulator.Internal;

namespace Pyannote.Sdk.Emulator.Vendors;

/// <summary>
/// Together AI real-time transcription (live-apis.md §2): <c>GET /together/v1/realtime</c> upgraded to a WebSocket.
/// The Bearer key is checked by the pipeline before the upgrade (a bad key is refused with 401 at the handshake; the
/// vendor may instead report it in a frame, which clients must also handle). Requires <c>model</c> and
/// <c>input_audio_format=pcm_s16le_16000</c>; an unknown model gets a <c>…failed</c> frame with
/// <c>model_not_available</c> and a 1008 close. Sends <c>session.created</c> at once, echoes
/// <c>transcription_session.updated</c>, and segments the audio on audio time with the documented VAD defaults
/// (words and speakers from the same content rules as batch): cumulative <c>delta</c> frames as words are heard, and
/// <c>completed</c> when a silence of <c>min_silence_duration_ms</c> ends a segment, when it reaches
/// <c>max_speech_duration_s</c>, or on <c>commit</c>. With VAD off only a commit completes a segment (deltas are still
/// sent; the vendor documents nothing either way). The server never closes on its own unless there is an error.
/// Faults on the upgrade request: <c>live-refuse</c>, <c>live-slow-start</c>, <c>live-drop</c>, <c>live-error</c>.
/// </summary>
internal static class TogetherRealtimeApi
{
    private static readonly string[] Models = ["openai/whisper-large-v3", "nvidia/parakeet-tdt-0.6b-v3"];

    public static void Map(IEndpointRouteBuilder app, EmulatorState state) =>
        app.Map("/together/v1/realtime", (RequestDelegate)(ctx => HandleAsync(ctx, state)));

    private sealed class Vad
    {
        public bool Enabled = true;
        public double MinSilence = 0.5;
        public double MaxSpeech = 5.0;

        public JsonNode? ToJson() => Enabled
            ? new JsonObject
            {
                ["type"] = "server_vad",
                ["threshold"] = 0.3,
                ["min_silence_duration_ms"] = (int)(MinSilence * 1000),
                ["min_speech_duration_ms"] = 250,
                ["max_speech_duration_s"] = MaxSpeech,
                ["speech_pad_ms"] = 250,
            }
            : null;
    }

    private static async Task HandleAsync(HttpContext context, EmulatorState state)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await VendorErrors.WriteAsync(context, Vendor.Together, 400, "Expected a WebSocket upgrade.").ConfigureAwait(false);
            return;
        }

        var query = context.Request.Query;
        if (query["input_audio_format"].ToString() is { Length: > 0 } format && format != "pcm_s16le_16000")
        {
            await VendorErrors.WriteAsync(context, Vendor.Together, 400, $"Unsupported audio format '{format}'; only pcm_s16le_16000 is supported.", "input_audio_format").ConfigureAwait(false);
            return;
        }

        var faults = EmulatorPipeline.Faults(context);
        if (faults is { LiveSlowStartMs: > 0 })
        {
            await Task.Delay(TimeSpan.FromMilliseconds(faults.LiveSlowStartMs), state.Options.TimeProvider, context.RequestAborted).ConfigureAwait(false);
        }

        if (faults?.LiveRefuseStatus is { } refuse)
        {
            await VendorErrors.WriteAsync(context, Vendor.Together, refuse, "Connection refused (emulated fault)").ConfigureAwait(false);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var ct = context.RequestAborted;
        var model = query["model"].ToString();
        if (!Models.Contains(model))
        {
            await LiveWire.SendJsonAsync(socket, Failed($"Model '{model}' is not available for real-time transcription.", "invalid_request_error", "model", "model_not_available"), ct).ConfigureAwait(false);
            await LiveWire.CloseAsync(socket, WebSocketCloseStatus.PolicyViolation, "model_not_available").ConfigureAwait(false);
            return;
        }

        var vad = new Vad { Enabled = query["turn_detection"].ToString() != "none" };
        if (double.TryParse(query["min_silence_duration_ms"], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
        {
            vad.MinSilence = ms / 1000;
        }

        if (double.TryParse(query["max_speech_duration_s"], NumberStyles.Float, CultureInfo.InvariantCulture, out var max))
        {
            vad.MaxSpeech = max;
        }

        await LiveWire.SendJsonAsync(socket, new JsonObject
        {
            ["type"] = "session.created",
            ["session"] = new JsonObject
            {
                ["id"] = "sess_" + Guid.NewGuid().ToString("N")[..20],
                ["object"] = "realtime.session",
                ["modalities"] = new JsonArray("audio"),
                ["model"] = model,
            },
        }, ct).ConfigureAwait(false);

        var timeline = new LiveTimeline(state.Content);
        var output = new List<TimelineEvent>();
        var segment = new List<EmulatedWord>();
        var items = 0;
        var buffer = new byte[64 * 1024];
        var samples = Array.Empty<float>();
        var errorSent = false;
        string Item() => "item_" + (items + 1).ToString("D4", CultureInfo.InvariantCulture);

        async Task CompleteAsync()
        {
            var text = string.Join(' ', segment.Select(w => w.Text));
            segment.Clear();
            await LiveWire.SendJsonAsync(socket, new JsonObject
            {
                ["type"] = "conversation.item.input_audio_transcription.completed",
                ["item_id"] = Item(),
                ["transcript"] = text,
            }, ct).ConfigureAwait(false);
            items++;
        }

        async Task WordAsync(EmulatedWord word)
        {
            if (vad.Enabled && segment.Count > 0 && (word.Start - segment[^1].End >= vad.MinSilence || word.End - segment[0].Start > vad.MaxSpeech))
            {
                await CompleteAsync().ConfigureAwait(false);
            }

            segment.Add(word);
            await LiveWire.SendJsonAsync(socket, new JsonObject
            {
                ["type"] = "conversation.item.input_audio_transcription.delta",
                ["item_id"] = Item(),
                ["delta"] = string.Join(' ', segment.Select(w => w.Text)),
            }, ct).ConfigureAwait(false);
        }

        try
        {
            while (true)
            {
                var message = await LiveWire.ReceiveAsync(socket, buffer, ct).ConfigureAwait(false);
                if (message is null)
                {
                    await LiveWire.CloseAsync(socket, WebSocketCloseStatus.NormalClosure, "").ConfigureAwait(false);
                    return;
                }

                JsonElement root;
                try
                {
                    using var document = JsonDocument.Parse(message.Buffer.AsMemory(0, message.Length));
                    root = document.RootElement.Clone();
                }
                catch (JsonException)
                {
                    await LiveWire.SendJsonAsync(socket, Error("Invalid JSON message.", "invalid_request_error", null), ct).ConfigureAwait(false);
                    continue;
                }

                var type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                switch (type)
                {
                    case "transcription_session.updated":
                        if (root.TryGetProperty("session", out var session) && session.TryGetProperty("turn_detection", out var td))
                        {
                            vad.Enabled = td.ValueKind == JsonValueKind.Object;
                            if (vad.Enabled && td.TryGetProperty("min_silence_duration_ms", out var s) && s.TryGetDouble(out var sv))
                            {
                                vad.MinSilence = sv / 1000;
                            }

                            if (vad.Enabled && td.TryGetProperty("max_speech_duration_s", out var m) && m.TryGetDouble(out var mv))
                            {
                                vad.MaxSpeech = mv;
                            }
                        }

                        await LiveWire.SendJsonAsync(socket, new JsonObject
                        {
                            ["type"] = "transcription_session.updated",
                            ["session"] = new JsonObject { ["turn_detection"] = vad.ToJson() },
                        }, ct).ConfigureAwait(false);
                        break;

                    case "input_audio_buffer.commit":
                        await CompleteAsync().ConfigureAwait(false);
                        break;

                    case "input_audio_buffer.append":
                        {
                            byte[] pcm;
                            try
                            {
                                pcm = Convert.FromBase64String(root.GetProperty("audio").GetString() ?? "");
                            }
                            catch (Exception e) when (e is FormatException or KeyNotFoundException or InvalidOperationException)
                            {
                                await LiveWire.SendJsonAsync(socket, Error("audio must be base64-encoded pcm_s16le_16000.", "invalid_request_error", "audio"), ct).ConfigureAwait(false);
                                break;
                            }

                            if (samples.Length < pcm.Length / 2)
                            {
                                samples = new float[pcm.Length / 2];
                            }

                            for (int i = 0; i < pcm.Length / 2; i++)
                            {
                                samples[i] = BinaryPrimitives.ReadInt16LittleEndian(pcm.AsSpan(i * 2)) / 32768f;
                            }

                            output.Clear();
                            timeline.Feed(samples.AsSpan(0, pcm.Length / 2), output);
                            foreach (var e in output.OfType<TimelineWord>())
                            {
                                await WordAsync(e.Word).ConfigureAwait(false);
                            }

                            if (vad.Enabled && segment.Count > 0 && timeline.AudioTime - segment[^1].End >= vad.MinSilence)
                            {
                                await CompleteAsync().ConfigureAwait(false);
                            }

                            var audioMs = timeline.AudioTime * 1000;
                            if (faults?.LiveErrorAfterMs is { } errorAt && !errorSent && audioMs >= errorAt)
                            {
                                errorSent = true;
                                await LiveWire.SendJsonAsync(socket, Error(faults.Message ?? "Internal server error (emulated fault)", "server_error", null, "internal_error"), ct).ConfigureAwait(false);
                            }

                            if (faults?.LiveDropAfterMs is { } dropAt && audioMs >= dropAt)
                            {
                                await Task.Delay(TimeSpan.FromMilliseconds(200), ct).ConfigureAwait(false);
                                context.Items["emulator.aborted"] = true;
                                context.Abort();
                                return;
                            }

                            break;
                        }

                    default:
                        await LiveWire.SendJsonAsync(socket, Error($"Unknown message type '{type}'.", "invalid_request_error", "type"), ct).ConfigureAwait(false);
                        break;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }
    }

    private static JsonObject Failed(string message, string type, string? param, string? code) => new()
    {
        ["type"] = "conversation.item.input_audio_transcription.failed",
        ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = param, ["code"] = code },
    };

    private static JsonObject Error(string message, string type, string? param, string? code = null) => new()
    {
        ["type"] = "error",
        ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = param, ["code"] = code },
    };
}

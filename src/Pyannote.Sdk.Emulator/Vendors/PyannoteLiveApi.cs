using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pyannote.Sdk.Emulator.Internal;

namespace Pyannote.Sdk.Emulator.Vendors;

/// <summary>
/// pyannoteAI live diarization (live-apis.md §1): <c>POST /v1/live</c> answers <c>{id, url}</c> with a single-use
/// <c>ws://</c> URL on this server (outside the <c>/pyannote</c> prefix, because it carries no API key, only its
/// token); <c>GET /v1/live/{id}</c> reports <c>created → running → done | error</c>. The socket takes binary frames of
/// exactly 6,400 bytes (100 ms of 16 kHz mono float32; anything else gets <c>{"type":"error","message":"Invalid chunk
/// size"}</c> and the session goes on), emits speaker start/end events on audio time, closes with 1008 a client more
/// than 5 s ahead of real time (when pacing is on) or silent for the idle timeout, and on <c>end_of_stream</c> ends the
/// open turns and closes with 1000. Faults given on the create request (<c>live-drop</c>, <c>live-error</c>,
/// <c>live-slow-start</c>, <c>live-refuse</c>) apply to the session's socket.
/// </summary>
internal static class PyannoteLiveApi
{
    public const string SocketPrefix = "/pyannote-live";
    private const int FrameBytes = 6400;
    private static readonly ConditionalWeakTableOf<EmulatorState, ConcurrentDictionary<string, LiveSession>> s_sessions = new();

    public static void Map(IEndpointRouteBuilder app, EmulatorState state)
    {
        var sessions = s_sessions.Get(state);
        app.MapPost("/pyannote/v1/live", (RequestDelegate)(ctx => CreateAsync(ctx, state, sessions)));
        app.MapGet("/pyannote/v1/live/{id}", (RequestDelegate)(ctx => GetAsync(ctx, state, sessions)));
        app.Map(SocketPrefix + "/{id}", (RequestDelegate)(ctx => SocketAsync(ctx, state, sessions)));
    }

    private sealed class LiveSession(string id, string token, DateTimeOffset created, FaultSet? faults)
    {
        public string Id { get; } = id;
        public string Token { get; } = token;
        public DateTimeOffset Created { get; } = created;
        public FaultSet? Faults { get; } = faults;
        public int Used;
        public string Status = "created";
        public DateTimeOffset? StartedAt;
        public DateTimeOffset? CompletedAt;
    }

    private static async Task CreateAsync(HttpContext context, EmulatorState state, ConcurrentDictionary<string, LiveSession> sessions)
    {
        // The body is {} (no options exist); the vendor's own demo sends no body at all, so both are accepted.
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            var body = await Http.ReadJsonObjectAsync(context).ConfigureAwait(false);
            if (body is null)
            {
                await VendorErrors.WriteAsync(context, Vendor.Pyannote, 400, "The request body must be a JSON object.", "body").ConfigureAwait(false);
                return;
            }
        }

        var id = Guid.NewGuid().ToString();
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        sessions[id] = new LiveSession(id, token, state.Now, EmulatorPipeline.Faults(context));
        var ws = new UriBuilder(state.BaseAddress) { Scheme = "ws", Path = $"{SocketPrefix}/{id}", Query = "token=" + token }.Uri;
        await Http.WriteJsonAsync(context, 200, new JsonObject { ["id"] = id, ["url"] = ws.AbsoluteUri }).ConfigureAwait(false);
    }

    private static Task GetAsync(HttpContext context, EmulatorState state, ConcurrentDictionary<string, LiveSession> sessions)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        if (!sessions.TryGetValue(id, out var session))
        {
            return VendorErrors.WriteAsync(context, Vendor.Pyannote, 404, "Stream not found");
        }

        return Http.WriteJsonAsync(context, 200, new JsonObject
        {
            ["id"] = session.Id,
            ["status"] = session.Status,
            ["startedAt"] = session.StartedAt?.ToString("O"),
            ["completedAt"] = session.CompletedAt?.ToString("O"),
            ["input"] = new JsonObject(),
        });
    }

    private static async Task SocketAsync(HttpContext context, EmulatorState state, ConcurrentDictionary<string, LiveSession> sessions)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        var token = context.Request.Query["token"].ToString();
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await VendorErrors.WriteAsync(context, Vendor.Pyannote, 400, "Expected a WebSocket upgrade.").ConfigureAwait(false);
            return;
        }

        // A reused, unknown or expired token is refused at the handshake (the vendor's behaviour is not documented).
        if (!sessions.TryGetValue(id, out var session)
            || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(token), System.Text.Encoding.ASCII.GetBytes(session.Token))
            || state.Now - session.Created > state.Options.LiveSessionUrlLifetime
            || Interlocked.Exchange(ref session.Used, 1) != 0)
        {
            await VendorErrors.WriteAsync(context, Vendor.Pyannote, 403, "Invalid or already used stream token").ConfigureAwait(false);
            return;
        }

        var faults = session.Faults;
        if (faults is { LiveSlowStartMs: > 0 })
        {
            await Task.Delay(TimeSpan.FromMilliseconds(faults.LiveSlowStartMs), state.Options.TimeProvider, context.RequestAborted).ConfigureAwait(false);
        }

        if (faults?.LiveRefuseStatus is { } refuse)
        {
            session.Status = "error";
            await VendorErrors.WriteAsync(context, Vendor.Pyannote, refuse, "Stream connection refused (emulated fault)").ConfigureAwait(false);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        session.Status = "running";
        session.StartedAt = state.Now;
        var ok = await RunAsync(context, socket, state, faults).ConfigureAwait(false);
        session.Status = ok ? "done" : "error";
        session.CompletedAt = state.Now;
    }

    /// <returns>Whether the session ended with a normal close after end_of_stream.</returns>
    private static async Task<bool> RunAsync(HttpContext context, WebSocket socket, EmulatorState state, FaultSet? faults)
    {
        var options = state.Options;
        var time = options.TimeProvider;
        var timeline = new LiveTimeline(state.Content);
        var output = new List<TimelineEvent>();
        var samples = new float[FrameBytes / 4];
        var buffer = new byte[FrameBytes * 2];
        long frames = 0;
        long firstFrame = 0;
        var errorSent = false;
        // Canceling a pending receive would abort the socket, so the idle timeout closes it from a timer instead.
        var timedOut = false;
        using var idle = options.LiveIdleTimeout is { } limit
            ? time.CreateTimer(_ =>
            {
                timedOut = true;
                _ = socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, "client timeout", CancellationToken.None);
            }, null, limit, Timeout.InfiniteTimeSpan)
            : null;
        while (true)
        {
            LiveWire.Message? message;
            try
            {
                message = await LiveWire.ReceiveAsync(socket, buffer, context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                return false;
            }

            if (timedOut)
            {
                return false;
            }

            idle?.Change(options.LiveIdleTimeout!.Value, Timeout.InfiniteTimeSpan);
            if (message is null)
            {
                await LiveWire.CloseAsync(socket, WebSocketCloseStatus.NormalClosure, "").ConfigureAwait(false);
                return false; // the client closed without end_of_stream
            }

            if (message.Type == WebSocketMessageType.Text)
            {
                string? type = null;
                try
                {
                    using var document = JsonDocument.Parse(message.Buffer.AsMemory(0, message.Length));
                    type = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("type", out var t) ? t.GetString() : null;
                }
                catch (JsonException)
                {
                }

                if (type != "end_of_stream")
                {
                    await SendErrorAsync(socket, "Invalid message", context.RequestAborted).ConfigureAwait(false);
                    continue;
                }

                output.Clear();
                timeline.End(output);
                await SendAsync(socket, output, context.RequestAborted).ConfigureAwait(false);
                await LiveWire.CloseAsync(socket, WebSocketCloseStatus.NormalClosure, "").ConfigureAwait(false);
                return true;
            }

            if (message.Length != FrameBytes)
            {
                await SendErrorAsync(socket, "Invalid chunk size", context.RequestAborted).ConfigureAwait(false);
                continue;
            }

            if (frames++ == 0)
            {
                firstFrame = time.GetTimestamp();
            }

            var audio = TimeSpan.FromMilliseconds(frames * 100);
            if (options.PaceLiveAudio && audio - time.GetElapsedTime(firstFrame) > options.LiveMaxLead)
            {
                await LiveWire.CloseAsync(socket, WebSocketCloseStatus.PolicyViolation, "Audio is being sent faster than real time").ConfigureAwait(false);
                return false;
            }

            if (options.LiveMaxSessionAudio is { } max && audio > max)
            {
                await LiveWire.CloseAsync(socket, WebSocketCloseStatus.InternalServerError, "Maximum session duration reached").ConfigureAwait(false);
                return false;
            }

            MemoryMarshal.Cast<byte, float>(message.Span).CopyTo(samples);
            if (!BitConverter.IsLittleEndian)
            {
                throw new PlatformNotSupportedException("The emulator's live endpoints assume a little-endian machine.");
            }

            output.Clear();
            timeline.Feed(samples, output);
            await SendAsync(socket, output, context.RequestAborted).ConfigureAwait(false);

            if (faults?.LiveErrorAfterMs is { } errorAt && !errorSent && audio.TotalMilliseconds >= errorAt)
            {
                errorSent = true;
                await SendErrorAsync(socket, faults.Message ?? "Internal processing error (emulated fault)", context.RequestAborted).ConfigureAwait(false);
            }

            if (faults?.LiveDropAfterMs is { } dropAt && audio.TotalMilliseconds >= dropAt)
            {
                // Give the client time to read what was sent (a reset discards unread data), then drop without a close frame.
                await Task.Delay(TimeSpan.FromMilliseconds(200), context.RequestAborted).ConfigureAwait(false);
                context.Items["emulator.aborted"] = true;
                context.Abort();
                return false;
            }
        }
    }

    private static Task SendErrorAsync(WebSocket socket, string message, CancellationToken cancellationToken) =>
        LiveWire.SendJsonAsync(socket, new JsonObject { ["type"] = "error", ["message"] = message }, cancellationToken);

    private static async Task SendAsync(WebSocket socket, List<TimelineEvent> events, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            var (type, speaker) = e switch
            {
                TimelineSpeakerStart s => ("diarization_speaker_start", s.Speaker),
                TimelineSpeakerEnd s => ("diarization_speaker_end", s.Speaker),
                _ => (null, 0),
            };
            if (type is null)
            {
                continue;
            }

            await LiveWire.SendJsonAsync(socket, new JsonObject
            {
                ["type"] = type,
                ["data"] = new JsonObject { ["timestamp"] = Http.R(e.Time), ["speaker"] = $"SPEAKER_{speaker:00}" },
            }, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>Per-emulator state that dies with the emulator.</summary>
internal sealed class ConditionalWeakTableOf<TKey, TValue>
    where TKey : class
    where TValue : class, new()
{
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<TKey, TValue> _table = new();

    public TValue Get(TKey key) => _table.GetValue(key, _ => new TValue());
}

using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using static Pyannote.Sdk.IntegrationTests.Sdk.SdkTestKit;

namespace Pyannote.Sdk.IntegrationTests.Sdk;

/// <summary>
/// Every fault the emulator injects, through the real clients, with the SDK's outcome and the exact number of requests
/// the emulator received. The retry rules under test (issue 6): idempotent requests are retried on 408, 429, 5xx and
/// connection failures; requests that create billed work only on 429, 503 or a connection never made, never once the
/// body may have been processed.
/// </summary>
public sealed partial class FaultTests
{
    private const string Remote = "https://example.com/call.wav";

    // ---- 429 with the three ways of saying how long to wait ----

    [Fact]
    public async Task Status_429_with_Retry_After_seconds_is_waited_out_and_retried_even_for_billed_work()
    {
        await using var emulator = await StartAsync();
        emulator.EnqueueFault("/v1/audio/transcriptions", "429;retry-after=1");
        var client = NewTogether(emulator);

        var clock = Stopwatch.StartNew();
        var transcript = await client.TranscribeAsync(AudioInput.FromFile(ConversationWav));

        Assert.Equal(2, transcript.Speakers.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {clock.Elapsed}");
        Assert.Equal(2, await CountAsync(emulator, "/v1/audio/transcriptions", "POST", 2));
    }

    [Fact]
    public async Task Slow_body_within_the_network_timeout_is_read_to_the_end()
    {
        // The idle limit runs on a clock that never moves: a 300 ms pause is within it, however long load makes it.
        await using var emulator = await StartAsync();
        emulator.EnqueueFault("/v1/audio/transcriptions", "slow-body=300");
        var client = NewTogether(emulator, o =>
        {
            o.NetworkTimeout = TimeSpan.FromSeconds(5);
            o.TimeoutClock = new FakeTimeProvider();
        });

        var clock = Stopwatch.StartNew();
        var transcript = await client.TranscribeAsync(AudioInput.FromFile(ConversationWav));

        AssertConversation(transcript);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(280), $"took {clock.Elapsed}");
        Assert.Equal(1, await CountAsync(emulator, "/v1/audio/transcriptions", "POST", 1));
    }

    // ---- job outcomes ----

    /// <summary>
    /// The client's transport, and a fake clock for its attempt timeouts (<see cref="SpeechClientOptions.TimeoutClock"/>)
    /// that moves past <see cref="SpeechClientOptions.NetworkTimeout"/> every 50 ms only while the armed attempt is
    /// stalled at the emulator (which reports it through its <see cref="ServerClock"/>): before its headers, or
    /// (<c>afterHeaders</c>) in the middle of its body. Every other attempt runs on a clock that stands still, so real
    /// time under load never decides an outcome, and the stalled attempt has surely reached the emulator.
    /// </summary>
    private sealed class StallDriver(StallDriver.ServerClock server) : DelegatingHandler(new SocketsHttpHandler())
    {
        /// <summary>The emulator's stalls: ten minutes, longer than any test; the client gives up long before.</summary>
        public const string SlowHeaders = "slow-headers=600000";

        /// <inheritdoc cref="SlowHeaders"/>
        public const string SlowBody = "slow-body=600000";

        private static readonly TimeSpan StallLength = TimeSpan.FromMinutes(10);
        private static readonly TimeSpan Step = TimeSpan.FromSeconds(2);
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
        private readonly CancellationTokenSource _stop = new();
        private string? _armedPath;
        private bool _afterHeaders;

        public FakeTimeProvider Clock { get; } = new();

        public void Apply(SpeechClientOptions options)
        {
            options.Transport = this;
            options.TimeoutClock = Clock;
            options.NetworkTimeout = Step;
        }

        /// <summary>The next attempt whose path ends with <paramref name="path"/> is the one the emulator stalls.</summary>
        public void Arm(string path, bool afterHeaders)
        {
            server.Reset();
            _armedPath = path;
            _afterHeaders = afterHeaders;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var armed = _armedPath is { } path && request.RequestUri!.AbsolutePath.EndsWith(path, StringComparison.Ordinal);
            if (!armed)
            {
                return await base.SendAsync(request, cancellationToken);
            }

            _armedPath = null;
            var sending = base.SendAsync(request, cancellationToken);
            if (!_afterHeaders)
            {
                await Task.WhenAny(sending, server.Stalled).WaitAsync(Wait, CancellationToken.None);
                while (!sending.IsCompleted)
                {
                    Clock.Advance(Step);
                    await Task.WhenAny(sending, Task.Delay(50, CancellationToken.None));
                }

                return await sending;
            }

            var response = await sending;
            _ = Task.Run(async () =>
            {
                await server.Stalled.WaitAsync(Wait, _stop.Token);
                while (!_stop.IsCancellationRequested)
                {
                    Clock.Advance(Step);
                    await Task.Delay(50, CancellationToken.None);
                }
            });
            return response;
        }

        protected override void Dispose(bool disposing)
        {
            _stop.Cancel();
            base.Dispose(disposing);
        }

        /// <summary>The emulator's clock: real time, and a signal when the emulator starts one of the ten-minute stalls.</summary>
        public sealed class ServerClock : TimeProvider
        {
            private TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);

            public Task Stalled => Volatile.Read(ref _stalled).Task;

            public void Reset() => Volatile.Write(ref _stalled, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

            public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
            {
                if (dueTime == StallLength)
                {
                    Volatile.Read(ref _stalled).TrySetResult();
                }

                return base.CreateTimer(callback, state, dueTime, period);
            }
        }
    }
}

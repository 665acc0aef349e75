using System.Buffers.Binary;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pyannote.Sdk.Emulator;
using Pyannote.Sdk.Emulator.Internal;
using static Pyannote.Sdk.IntegrationTests.Emulator.EmulatorTestSupport;

namespace Pyannote.Sdk.IntegrationTests.Emulator;

/// <summary>
/// The emulator as a hostile network would meet it (issue 13, finding 8): webhook redirects, unauthenticated floods,
/// crafted audio headers, oversized bodies and fields, keys in query strings, and what <c>--verbose</c> prints.
/// Everything on 127.0.0.1; the only "other host" is a name under <c>.invalid</c>, which never resolves.
/// </summary>
public partial class EmulatorHardeningTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Webhook_deliveries_never_follow_a_redirect_off_loopback()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options(withSidecars: false));
        await using var receiver = await Redirector.StartAsync(app => app.MapPost("/hook", (HttpContext c) => Results.Redirect("http://not-loopback.invalid/steal", permanent: false, preserveMethod: true)));

        await StartJobAsync(emulator, new Uri(receiver.BaseAddress, "/hook"));
        await emulator.WaitForWebhooksAsync().WaitAsync(Wait);

        var delivery = Assert.Single(emulator.WebhookDeliveries);
        Assert.Equal("skipped_non_loopback", delivery.Outcome);
        Assert.Equal(307, delivery.StatusCode);
        Assert.Equal(1, receiver.Hits);
    }

    [Fact]
    public async Task Webhook_redirects_within_loopback_are_followed_up_to_two_hops_like_the_vendor()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options(withSidecars: false));
        await using var receiver = await Redirector.StartAsync(app =>
        {
            app.MapPost("/a", () => Results.Redirect("/b", permanent: false, preserveMethod: true));
            app.MapPost("/b", () => Results.Redirect("/c", permanent: false, preserveMethod: true));
            app.MapPost("/c", (HttpContext c) => c.Request.Headers.ContainsKey("X-Signature") ? Results.Ok() : Results.BadRequest());
            app.MapPost("/r1", () => Results.Redirect("/r2", permanent: false, preserveMethod: true));
            app.MapPost("/r2", () => Results.Redirect("/r3", permanent: false, preserveMethod: true));
            app.MapPost("/r3", () => Results.Redirect("/r4", permanent: false, preserveMethod: true));
            app.MapPost("/r4", () => Results.Ok());
        });

        await StartJobAsync(emulator, new Uri(receiver.BaseAddress, "/a"));
        await emulator.WaitForWebhooksAsync().WaitAsync(Wait);
        Assert.Equal("delivered", Assert.Single(emulator.WebhookDeliveries).Outcome);

        await StartJobAsync(emulator, new Uri(receiver.BaseAddress, "/r1"));
        await emulator.WaitForWebhooksAsync().WaitAsync(Wait);
        Assert.All(emulator.WebhookDeliveries.Skip(1), d => Assert.Equal("too_many_redirects", d.Outcome));
    }

    [Theory]
    [InlineData(2_000_000)]
    [InlineData(768_000)]
    [InlineData(192_000)]
    public void Audio_analysis_is_bounded_whatever_the_wav_header_claims(int sampleRate)
    {
        var path = Path.Combine(Path.GetTempPath(), "emulator-rate-" + Guid.NewGuid().ToString("N") + ".wav");
        try
        {
            // Three seconds, each starting with 0.3 s of loud 150 Hz tone, then silence: three regions, each a pitch
            // search that, run at the declared rate, costs hundreds of millions of multiply-adds per frame (2 MHz took
            // 16 s of CPU on the request thread before the bound).
            WriteWav(path, sampleRate, channels: 1, seconds: 3.0, tone: t => (t % 1.0) < 0.3 ? Math.Sin(2 * Math.PI * 150 * t) : 0);

            var analysis = AudioAnalyzer.Analyze(path);

            Assert.Equal(3.0, analysis.Duration, 3);
            Assert.True(analysis.Work < 100_000_000, $"analysis did {analysis.Work:N0} units of work");
            if (sampleRate <= AudioAnalyzer.MaxSampleRate)
            {
                Assert.Equal(3, analysis.Regions.Count);
                Assert.All(analysis.Regions, r => Assert.InRange(r.Pitch, 130, 180)); // the detector's shortest-lag rule reads a pure 150 Hz tone a little high
            }
            else
            {
                Assert.Empty(analysis.Regions);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_wav_header_claiming_absurd_channels_or_rates_gets_a_duration_and_no_analysis()
    {
        var path = Path.Combine(Path.GetTempPath(), "emulator-absurd-" + Guid.NewGuid().ToString("N") + ".wav");
        try
        {
            WriteWav(path, sampleRate: 16_000, channels: 1, seconds: 0.5, tone: t => Math.Sin(2 * Math.PI * 200 * t), headerChannels: 60_000, headerRate: 400_000_000);

            var analysis = AudioAnalyzer.Analyze(path);

            Assert.Empty(analysis.Regions);
            Assert.Equal(0, analysis.Work);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static TheoryData<string, string> QueryKeyRows() => VendorRows.Theory<string, string>(typeof(EmulatorHardeningTests));

    [Theory]
    [MemberData(nameof(QueryKeyRows))]
    public async Task A_key_in_the_query_string_is_refused_where_the_vendor_takes_it_only_in_a_header(string vendor, string path)
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options(withSidecars: false));
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        foreach (var name in new[] { "x-api-key", "api_key", "apiKey", "key", "token", "access_token", "authorization" })
        {
            var uri = $"{vendor}/{path}?{name}={Uri.EscapeDataString(emulator.ApiKey)}";
            using var response = path == "v1/test" ? await http.GetAsync(uri) : await http.PostAsync(uri, Json("{}"));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    internal static void WriteWav(string path, int sampleRate, int channels, double seconds, Func<double, double> tone, int? headerChannels = null, int? headerRate = null)
    {
        var frames = (int)(sampleRate * seconds);
        var data = frames * channels * 2;
        using var file = File.Create(path);
        Span<byte> header = stackalloc byte[44];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], 36 + data);
        "WAVEfmt "u8.CopyTo(header[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(header[20..], 1);
        var hc = headerChannels ?? channels;
        var hr = headerRate ?? sampleRate;
        BinaryPrimitives.WriteUInt16LittleEndian(header[22..], (ushort)hc);
        BinaryPrimitives.WriteInt32LittleEndian(header[24..], hr);
        BinaryPrimitives.WriteInt32LittleEndian(header[28..], (int)Math.Min(int.MaxValue, (long)hr * hc * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], (ushort)(hc * 2));
        BinaryPrimitives.WriteInt16LittleEndian(header[34..], 16);
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[40..], data);
        file.Write(header);
        var buffer = new byte[channels * 2 * 4096];
        for (var start = 0; start < frames; start += 4096)
        {
            var count = Math.Min(4096, frames - start);
            for (var i = 0; i < count; i++)
            {
                var sample = (short)(tone((start + i) / (double)sampleRate) * 20_000);
                for (var c = 0; c < channels; c++)
                {
                    BinaryPrimitives.WriteInt16LittleEndian(buffer.AsSpan(((i * channels) + c) * 2), sample);
                }
            }

            file.Write(buffer, 0, count * channels * 2);
        }
    }

    /// <summary>A Kestrel app on 127.0.0.1:0 that counts the requests it gets.</summary>
    private sealed class Redirector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _hits;

        private Redirector(WebApplication app, Uri baseAddress)
        {
            _app = app;
            BaseAddress = baseAddress;
        }

        public Uri BaseAddress { get; }

        public int Hits => Volatile.Read(ref _hits);

        public static async Task<Redirector> StartAsync(Action<WebApplication> map)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            Redirector? self = null;
            app.Use((context, next) =>
            {
                Interlocked.Increment(ref self!._hits);
                return next(context);
            });
            map(app);
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            self = new Redirector(app, new Uri(address));
            return self;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

/// <summary>Tests that redirect <see cref="Console.Out"/> run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCapture
{
    public const string Name = "Console capture";

    public static IDisposable Redirect(TextWriter writer)
    {
        var previous = Console.Out;
        Console.SetOut(TextWriter.Synchronized(writer));
        return new Restore(previous);
    }

    private sealed class Restore(TextWriter previous) : IDisposable
    {
        public void Dispose() => Console.SetOut(previous);
    }
}

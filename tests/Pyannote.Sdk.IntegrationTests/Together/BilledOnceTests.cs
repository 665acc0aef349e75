using Microsoft.Extensions.DependencyInjection;
using Pyannote.Sdk.Emulator;
using Pyannote.Sdk.IntegrationTests.Emulator;
using Pyannote.Sdk.IntegrationTests.Reliability;
using Pyannote.Sdk.Together;

namespace Pyannote.Sdk.IntegrationTests.RealHosts;

/// <summary>
/// Issue 13, finding 1: a billed request reaches the vendor at most once per call, whatever handlers the host puts
/// around the SDK's — the standard resilience handler app-wide (as the .NET Aspire service defaults do), a naive
/// retrying handler of the user's, both, or either added to the SDK's own client — and a failure after the request
/// may have reached the vendor never surfaces as a bare <see cref="HttpRequestException"/>.
/// </summary>
public sealed class BilledOnceTests
{
    private const string TranscriptionPath = "/v1/audio/transcriptions";

    public static TheoryData<string, string> Rows()
    {
        var rows = new TheoryData<string, string>();
        foreach (var host in new[] { "standard-app-wide", "naive-app-wide", "both-app-wide", "standard-on-sdk-client", "naive-on-sdk-client" })
        {
            foreach (var fault in new[] { "abort-before-headers", "500", "502", "503", "504", "408", "slow-headers=2000" })
            {
                // On the SDK's own client the 1 s attempt timeout must cut the stall short: a 20 s stall leaves a loaded
                // machine no way to let the answer arrive first (the call ends at the timeout, so the stall costs nothing).
                rows.Add(host, host == "standard-on-sdk-client" && fault == "slow-headers=2000" ? "slow-headers=20000" : fault);
            }
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task A_billed_request_reaches_the_vendor_at_most_once_per_call_whatever_handlers_the_host_adds(string host, string fault)
    {
        await using var emulator = await SpeechEmulator.StartAsync(Secrets.EmulatorOptions());
        using var tap = new WireTap { Target = r => r.Method == HttpMethod.Post && r.RequestUri!.AbsolutePath.EndsWith(TranscriptionPath, StringComparison.Ordinal), Fault = fault, FaultCount = int.MaxValue };
        var (result, error) = await CallAsync(emulator, tap, host);

        var posts = tap.Count(HttpMethod.Post, TranscriptionPath);
        Assert.True(posts == 1, $"{host} / {fault}: the vendor received {posts} POSTs for one call ({error?.GetType().Name}: {error?.Message})");
        if (fault.StartsWith("slow-headers", StringComparison.Ordinal) && host != "standard-on-sdk-client")
        {
            // An app-wide 1 s attempt timeout does not cut the call short: NetworkTimeout (100 s) governs the SDK's client.
            Assert.Null(error);
            Assert.NotNull(result);
        }
        else
        {
            Assert.NotNull(error);
            Assert.False(error is HttpRequestException, $"{host} / {fault}: a failure after the request went out surfaced as a bare {error}");
            Assert.True(error is SpeechException, $"{host} / {fault}: undocumented {error}");
        }
    }

    [Fact]
    public async Task A_connection_lost_after_a_billed_request_went_out_is_a_typed_may_have_received_failure_not_HttpRequestException()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Secrets.EmulatorOptions());
        using var tap = new WireTap { Target = r => r.Method == HttpMethod.Post, Fault = "abort-before-headers" };
        var client = new TogetherClient(emulator.ApiKey, new TogetherClientOptions { Endpoint = emulator.TogetherEndpoint, Transport = tap });

        var ex = await Assert.ThrowsAsync<SpeechTransportException>(() => client.CreateTranscriptionAsync(AudioInput.FromFile(EmulatorTestSupport.ConversationWav)));
        Assert.True(ex.VendorMayHaveReceived);
        Assert.IsAssignableFrom<HttpRequestException>(ex.InnerException);
        Assert.Equal(1, tap.Count(HttpMethod.Post, TranscriptionPath));
    }

    [Fact]
    public async Task App_wide_resilience_handlers_are_kept_out_of_the_SDK_clients_and_other_clients_keep_them()
    {
        var services = new ServiceCollection();
        services.ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler());
        services.AddHttpClient("someone-else");
        services.AddSpeechClients(s => s.AddTogether("k"));
        await using var sp = services.BuildServiceProvider();
        var factory = sp.GetRequiredService<IHttpMessageHandlerFactory>();

        Assert.DoesNotContain("ResilienceHandler", Chain(factory.CreateHandler("Pyannote.Sdk.together")));
        Assert.Contains("ResilienceHandler", Chain(factory.CreateHandler("someone-else")));
        Assert.EndsWith("BilledOnceHandler", Chain(factory.CreateHandler("Pyannote.Sdk.together")).Last());
    }

    private static List<string> Chain(HttpMessageHandler handler)
    {
        var names = new List<string>();
        for (var h = handler; h is DelegatingHandler d; h = d.InnerHandler)
        {
            names.Add(d.GetType().Name);
        }

        return names;
    }

    private static async Task<(object? Result, Exception? Error)> CallAsync(SpeechEmulator emulator, WireTap tap, string host)
    {
        var services = new ServiceCollection();
        void Standard(IHttpClientBuilder b) => b.AddStandardResilienceHandler(o =>
        {
            o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(1);
            o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(2);
            o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(30);
            o.Retry.Delay = TimeSpan.FromMilliseconds(10);
        });
        void Naive(IHttpClientBuilder b) => b.AddHttpMessageHandler(() => new NaiveRetryHandler());

        switch (host)
        {
            case "standard-app-wide": services.ConfigureHttpClientDefaults(Standard); break;
            case "naive-app-wide": services.ConfigureHttpClientDefaults(Naive); break;
            case "both-app-wide": services.ConfigureHttpClientDefaults(b => { Standard(b); Naive(b); }); break;
        }

        services.AddSpeechClients(s =>
        {
            s.AddTogether(emulator.ApiKey, o =>
            {
                o.Endpoint = emulator.TogetherEndpoint;
                o.Transport = tap;
                o.Retry.BaseDelay = TimeSpan.FromMilliseconds(10);
            });
            if (host == "standard-on-sdk-client")
            {
                s.ConfigureHttpClient(SpeechVendor.Together, Standard);
            }

            if (host == "naive-on-sdk-client")
            {
                s.ConfigureHttpClient(SpeechVendor.Together, Naive);
            }
        });

        await using var sp = services.BuildServiceProvider();
        try
        {
            return (await sp.GetRequiredService<TogetherClient>().CreateTranscriptionAsync(AudioInput.FromFile(EmulatorTestSupport.ConversationWav)), null);
        }
        catch (Exception ex)
        {
            return (null, ex);
        }
    }

    /// <summary>What many applications write: try up to three times on any exception or 5xx, whatever the request.</summary>
    private sealed class NaiveRetryHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var response = await base.SendAsync(request, cancellationToken);
                    if ((int)response.StatusCode < 500 || attempt == 3)
                    {
                        return response;
                    }

                    response.Dispose();
                }
                catch (Exception) when (attempt < 3 && !cancellationToken.IsCancellationRequested)
                {
                }
            }
        }
    }
}

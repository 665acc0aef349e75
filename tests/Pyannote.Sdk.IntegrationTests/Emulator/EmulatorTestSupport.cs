using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pyannote.Sdk.Emulator;

namespace Pyannote.Sdk.IntegrationTests.Emulator;

/// <summary>Helpers shared by the emulator tests: the sample audio, raw HTTP calls, a webhook receiver.</summary>
internal static class EmulatorTestSupport
{
    public static string SampleAudioDirectory { get; } = FindSamples();

    public static string ConversationWav => Path.Combine(SampleAudioDirectory, "conversation.wav");

    /// <summary>Test options: no delays, sidecars indexed from samples/audio.</summary>
    public static SpeechEmulatorOptions Options(bool withSidecars = true)
    {
        var options = SpeechEmulatorOptions.ForTests();
        if (withSidecars)
        {
            options.AudioLibraryDirectories.Add(SampleAudioDirectory);
        }

        return options;
    }

    public static HttpClient Client(Uri baseAddress, string? bearer = null, string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("x-api-key", apiKey);
        }

        return client;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static MultipartFormDataContent AudioForm(string fileField, string path, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var file = new StreamContent(File.OpenRead(path));
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        form.Add(file, fileField, Path.GetFileName(path));
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    public static JsonElement Sidecar()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(ConversationWav + ".transcript.json"));
        return document.RootElement.Clone();
    }

    private static string FindSamples()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "audio");
            if (File.Exists(Path.Combine(candidate, "conversation.wav")))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("samples/audio/conversation.wav not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A webhook receiver on 127.0.0.1 that records every request and answers with scripted status codes.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _statuses = new();

    public sealed record Received(IReadOnlyDictionary<string, string> Headers, byte[] Body)
    {
        public string BodyText => Encoding.UTF8.GetString(Body);
        public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : null;
    }

    public ConcurrentQueue<Received> Requests { get; } = new();
    public Uri Url { get; private set; } = null!;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>Starts a receiver that answers the first requests with <paramref name="statuses"/> and 200 afterwards.</summary>
    public static async Task<WebhookReceiver> StartAsync(params int[] statuses)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        foreach (var s in statuses)
        {
            receiver._statuses.Enqueue(s);
        }

        app.MapPost("/hook", (RequestDelegate)(async ctx =>
        {
            using var buffer = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(buffer);
            var headers = ctx.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            receiver.Requests.Enqueue(new Received(headers, buffer.ToArray()));
            ctx.Response.StatusCode = receiver._statuses.TryDequeue(out var status) ? status : 200;
        }));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

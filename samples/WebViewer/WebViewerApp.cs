using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Pyannote.Sdk;
using Pyannote.Sdk.Transcripts;
using Samples;

namespace WebViewer;

/// <summary>Builds the WebViewer web app; the browser tests start it in-process on a free loopback port.</summary>
public static class WebViewerApp
{
    /// <summary>The default address: loopback only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5088";

    /// <summary>Builds the app. <paramref name="args"/> are the usual ASP.NET Core arguments (<c>--urls</c>, and
    /// <c>--WebViewer:MaxUploadBytes</c>).</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        var maxUpload = builder.Configuration.GetValue<long?>("WebViewer:MaxUploadBytes") ?? 25L * 1024 * 1024;
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = maxUpload + (64 * 1024));
        builder.Services.Configure<FormOptions>(f => f.MultipartBodyLengthLimit = maxUpload + (64 * 1024));
        var sample = FindSample();
        builder.Services.AddSingleton(new JobStore(new SampleClients(sample is null ? [] : [Path.GetDirectoryName(sample)!]), maxUpload));

        var app = builder.Build();
        app.UseExceptionHandler(e => e.Run(async context =>
        {
            // Never a stack trace: one visible message.
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsJsonAsync(new { error = "Something went wrong on the server; see its console." });
        }));

        var page = ReadPage();
        app.MapGet("/", () => Results.Content(page, "text/html; charset=utf-8"));
        app.MapGet("/api/info", () => Results.Json(new { sample = sample is not null, maxUploadBytes = maxUpload }));
        app.MapPost("/api/jobs", (HttpRequest request, JobStore jobs, CancellationToken ct) => CreateJobAsync(request, jobs, sample, maxUpload, ct)).DisableAntiforgery();
        app.MapGet("/api/jobs/{id}/events", (string id, HttpContext context, JobStore jobs) => StreamEventsAsync(id, context, jobs));
        app.MapGet("/api/jobs/{id}/audio", (string id, JobStore jobs) =>
            jobs.Find(id) is { } job ? Results.File(job.Audio, job.ContentType, enableRangeProcessing: true) : Results.NotFound());
        app.MapGet("/api/jobs/{id}/viewer.html", (string id, JobStore jobs) =>
            jobs.Find(id)?.Transcript is { } t
                ? Results.Content(t.ToHtml(new TranscriptHtmlOptions { Title = jobs.Find(id)!.FileName, AudioUrl = "audio" }), "text/html; charset=utf-8")
                : Results.NotFound());
        app.MapGet("/api/jobs/{id}/transcript.{format}", (string id, string format, JobStore jobs) => Download(jobs.Find(id), format));
        return app;
    }

    private static async Task<IResult> CreateJobAsync(HttpRequest request, JobStore jobs, string? sample, long maxUpload, CancellationToken ct)
    {
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception ex) when (ex is BadHttpRequestException or InvalidDataException or IOException)
        {
            return (ex as BadHttpRequestException)?.StatusCode == StatusCodes.Status413PayloadTooLarge || ex is InvalidDataException
                ? Error(StatusCodes.Status413PayloadTooLarge, TooLarge(maxUpload))
                : Error(StatusCodes.Status400BadRequest, "The upload could not be read; please try again.");
        }

        SpeechVendor vendor;
        try
        {
            vendor = SampleClients.ParseVendor(form["vendor"].ToString() is { Length: > 0 } v ? v : "pyannote");
        }
        catch (ArgumentException ex)
        {
            return Error(StatusCodes.Status400BadRequest, ex.Message);
        }

        byte[] audio;
        string fileName;
        if (form["source"] == "sample")
        {
            if (sample is null)
            {
                return Error(StatusCodes.Status404NotFound, "The sample audio (samples/audio/conversation.wav) was not found next to the app.");
            }

            audio = await File.ReadAllBytesAsync(sample, ct);
            fileName = Path.GetFileName(sample);
        }
        else
        {
            var file = form.Files.GetFile("file");
            if (file is null)
            {
                return Error(StatusCodes.Status400BadRequest, "Choose an audio file to upload, or pick the sample.");
            }

            if (file.Length == 0)
            {
                return Error(StatusCodes.Status400BadRequest, $"'{file.FileName}' is empty.");
            }

            if (file.Length > maxUpload)
            {
                return Error(StatusCodes.Status413PayloadTooLarge, TooLarge(maxUpload));
            }

            audio = new byte[file.Length];
            await using (var stream = file.OpenReadStream())
            {
                await stream.ReadExactlyAsync(audio, ct);
            }

            fileName = Path.GetFileName(file.FileName) is { Length: > 0 } name ? name : "audio";
            if (AudioKind.Sniff(audio) is null)
            {
                return Error(StatusCodes.Status415UnsupportedMediaType, $"'{fileName}' does not look like audio: upload WAV, MP3, FLAC, Ogg, M4A or WebM.");
            }
        }

        var job = jobs.Start(audio, fileName, vendor);
        return Results.Json(new { id = job.Id }, statusCode: StatusCodes.Status202Accepted);
    }

    private static string TooLarge(long maxUpload) =>
        $"The file is too large: the limit is {(maxUpload >= 1024 * 1024 ? $"{maxUpload / (1024 * 1024)} MB" : $"{maxUpload / 1024} KB")}.";

    private static IResult Error(int status, string message) => Results.Json(new { error = message }, statusCode: status);

    /// <summary>Server-sent events: every event of the job so far (after the client's Last-Event-ID), then new ones
    /// as they come, until the job ends.</summary>
    private static async Task StreamEventsAsync(string id, HttpContext context, JobStore jobs)
    {
        var job = jobs.Find(id);
        if (job is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var next = int.TryParse(context.Request.Headers["Last-Event-ID"], out var last) ? last + 1 : 0;
        var ct = context.RequestAborted;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var (events, changed, ended) = job.Snapshot(next);
                foreach (var e in events)
                {
                    await context.Response.WriteAsync($"id: {e.Id}\nevent: {e.Type}\ndata: {e.Json}\n\n", ct);
                    next = e.Id + 1;
                }

                await context.Response.Body.FlushAsync(ct);
                if (ended)
                {
                    return;
                }

                // A comment line every 15 s keeps proxies from closing an idle stream.
                await Task.WhenAny(changed, Task.Delay(TimeSpan.FromSeconds(15), ct));
                if (!changed.IsCompleted)
                {
                    await context.Response.WriteAsync(": keep-alive\n\n", ct);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The browser went away.
        }
    }

    private static IResult Download(ViewerJob? job, string format)
    {
        if (job?.Transcript is not { } t)
        {
            return Results.NotFound();
        }

        var stem = Path.GetFileNameWithoutExtension(job.FileName);
        var fileId = string.Concat(stem.Select(c => char.IsWhiteSpace(c) ? '_' : c)) is { Length: > 0 } s ? s : "audio";
        var (text, type, extension) = format switch
        {
            "srt" => (t.ToSrt(), "application/x-subrip", "srt"),
            "vtt" => (t.ToWebVtt(), "text/vtt", "vtt"),
            "rttm" => (t.ToRttm(fileId), "text/plain", "rttm"),
            "json" => (t.ToJson(indented: true), "application/json", "json"),
            "html" => (t.ToHtml(new TranscriptHtmlOptions { Title = job.FileName, AudioUrl = job.FileName }), "text/html", "html"),
            "svg" => (t.ToTimelineSvg(new TimelineOptions { Title = job.FileName }), "image/svg+xml", "svg"),
            _ => (null, null, null),
        };
        return text is null
            ? Results.NotFound()
            : Results.File(System.Text.Encoding.UTF8.GetBytes(text), type + "; charset=utf-8", $"{stem}.{extension}");
    }

    private static string ReadPage()
    {
        using var stream = typeof(WebViewerApp).Assembly.GetManifestResourceStream("WebViewer.index.html")
            ?? throw new InvalidOperationException("The page resource is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>samples/audio/conversation.wav, looked for above the app's folder and the working folder.</summary>
    private static string? FindSample()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "samples", "audio", "conversation.wav");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    internal static string Json(object value) => JsonSerializer.Serialize(value);
}

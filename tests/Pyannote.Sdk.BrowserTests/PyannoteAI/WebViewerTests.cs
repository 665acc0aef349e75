using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Pyannote.Sdk.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class WebViewerTests(BrowserFixture fixture)
{
    [SkippableFact]
    public async Task Uploading_the_sample_shows_progress_then_two_lanes_and_eight_turns_that_seek_the_audio_and_the_srt_downloads()
    {
        Skip.If(BrowserFixture.SkipReason is not null, BrowserFixture.SkipReason);
        var page = await fixture.NewPageAsync();
        var errors = CollectErrors(page);
        await page.GotoAsync(fixture.BaseUrl + "/");

        await page.Locator("#file").SetInputFilesAsync(BrowserFixture.SampleAudio);
        await page.Locator("#vendor").SelectOptionAsync("pyannote");
        await page.Locator("#start").ClickAsync();

        // Progress: the job's statuses arrive over server-sent events and stay listed.
        await Expect(page.Locator("#progress")).ToBeVisibleAsync();
        await Expect(page.Locator("#progress-log")).ToContainTextAsync("Sending to pyannoteAI");
        await Expect(page.Locator("#progress-log")).ToContainTextAsync("succeeded");
        await Expect(page.Locator("#progress-log")).ToContainTextAsync("2 speakers, 8 turns");
        await Expect(page.Locator("#result")).ToBeVisibleAsync();
        await Expect(page.Locator("#message")).ToBeHiddenAsync();

        // The viewer: two speaker lanes in the timeline and the eight turns.
        var viewer = page.FrameLocator("#viewer");
        await Expect(viewer.Locator("svg.speaker-timeline g.lane")).ToHaveCountAsync(2);
        await Expect(viewer.Locator("svg.speaker-timeline g.lane text.label")).ToHaveTextAsync(["SPEAKER_00", "SPEAKER_01"]);
        var turns = viewer.Locator("#turns .turn");
        await Expect(turns).ToHaveCountAsync(8);
        await Expect(turns.First).ToContainTextAsync("Good morning, thanks for joining the planning call today.");
        await Expect(turns.Nth(1).Locator(".speaker")).ToHaveTextAsync("SPEAKER_01");

        // Clicking a turn seeks the audio there and highlights the turn.
        var frame = await (await page.Locator("#viewer").ElementHandleAsync()).ContentFrameAsync()
            ?? throw new InvalidOperationException("The viewer frame is missing.");
        await frame.WaitForFunctionAsync("() => document.getElementById('player').readyState >= 1");
        Assert.Equal(0, await frame.EvaluateAsync<double>("() => document.getElementById('player').currentTime"));
        var fifth = turns.Nth(4);
        var start = double.Parse((await fifth.GetAttributeAsync("data-start"))!, CultureInfo.InvariantCulture);
        Assert.True(start > 10, $"the fifth turn starts at {start} s");
        await fifth.ClickAsync();
        await frame.WaitForFunctionAsync(
            "s => { const t = document.getElementById('player').currentTime; return t >= s - 0.05 && t < s + 5; }", start);
        await Expect(fifth).ToHaveClassAsync(new Regex("\\bcurrent\\b"));
        await frame.EvaluateAsync("() => document.getElementById('player').pause()");

        // Clicking the timeline seeks too: at 25 s on the plot.
        var svg = viewer.Locator("svg.speaker-timeline");
        var box = (await svg.BoundingBoxAsync())!;
        var plotX = double.Parse((await svg.GetAttributeAsync("data-plot-x"))!, CultureInfo.InvariantCulture);
        var plotWidth = double.Parse((await svg.GetAttributeAsync("data-plot-width"))!, CultureInfo.InvariantCulture);
        var end = double.Parse((await svg.GetAttributeAsync("data-end"))!, CultureInfo.InvariantCulture);
        var scale = box.Width / double.Parse((await svg.GetAttributeAsync("width"))!, CultureInfo.InvariantCulture);
        await svg.ClickAsync(new LocatorClickOptions { Position = new Position { X = (float)((plotX + (25 / end * plotWidth)) * scale), Y = 20 } });
        await frame.WaitForFunctionAsync("() => { const t = document.getElementById('player').currentTime; return t >= 24 && t < 30; }");
        await frame.EvaluateAsync("s => { const p = document.getElementById('player'); p.pause(); p.currentTime = s + 0.5; }", start);
        await Expect(fifth).ToHaveClassAsync(new Regex("\\bcurrent\\b"));

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, "webviewer.png"), FullPage = true });

        // The SRT download is the transcript's captions.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#downloads a[data-format=srt]").ClickAsync());
        Assert.Equal("conversation.srt", download.SuggestedFilename);
        var srtPath = Path.Combine(Path.GetTempPath(), $"webviewer-{Guid.NewGuid():N}.srt");
        await download.SaveAsAsync(srtPath);
        var srt = await File.ReadAllTextAsync(srtPath);
        File.Delete(srtPath);
        Assert.StartsWith("1\n00:00:00,300 --> 00:00:03,447\nSPEAKER_00: Good morning, thanks for joining the planning call today.\n\n2\n", srt, StringComparison.Ordinal);
        Assert.Contains("SPEAKER_01: Happy to be here.", srt, StringComparison.Ordinal);
        Assert.True(Regex.Matches(srt, @"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$", RegexOptions.Multiline).Count >= 8);

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [SkippableFact]
    public async Task Bad_files_and_files_over_the_limit_get_a_visible_message_not_a_stack_trace()
    {
        Skip.If(BrowserFixture.SkipReason is not null, BrowserFixture.SkipReason);
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/");
        var message = page.Locator("#message");

        // Not audio: the server refuses it before any vendor call.
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "notes.wav", MimeType = "audio/wav", Buffer = "these are meeting notes, not audio"u8.ToArray() });
        await page.Locator("#start").ClickAsync();
        await Expect(message).ToBeVisibleAsync();
        await Expect(message).ToHaveTextAsync("'notes.wav' does not look like audio: upload WAV, MP3, FLAC, Ogg, M4A or WebM.");
        await Expect(page.Locator("#start")).ToBeEnabledAsync();

        // Over the limit: the page says so before uploading...
        var big = new byte[BrowserFixture.MaxUploadBytes + 1];
        "RIFF"u8.CopyTo(big);
        "WAVE"u8.CopyTo(big.AsSpan(8));
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "long.wav", MimeType = "audio/wav", Buffer = big });
        await page.Locator("#start").ClickAsync();
        await Expect(message).ToHaveTextAsync("The file is too large: the limit is 2 MB.");

        // ...and the server answers a direct upload with the same message as JSON (413), not a stack trace.
        var response = await page.APIRequest.PostAsync(fixture.BaseUrl + "/api/jobs", new APIRequestContextOptions
        {
            Multipart = page.APIRequest.CreateFormData().Append("source", "file").Append("file", new FilePayload { Name = "long.wav", MimeType = "audio/wav", Buffer = big }),
        });
        Assert.Equal(413, response.Status);
        Assert.Equal("{\"error\":\"The file is too large: the limit is 2 MB.\"}", await response.TextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, "webviewer-error.png") });
    }

    internal static List<string> CollectErrors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                lock (errors)
                {
                    errors.Add(m.Text);
                }
            }
        };
        page.PageError += (_, e) =>
        {
            lock (errors)
            {
                errors.Add(e);
            }
        };
        return errors;
    }
}

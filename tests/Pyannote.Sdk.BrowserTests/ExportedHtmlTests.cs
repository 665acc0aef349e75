using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pyannote.Sdk.Transcripts;
using static Microsoft.Playwright.Assertions;

namespace Pyannote.Sdk.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ExportedHtmlTests(BrowserFixture fixture)
{
    private static TranscriptWord W(string text, double start, double end, string speaker) =>
        new(text, TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(end), speaker);

    [SkippableFact]
    public async Task An_exported_page_opened_from_disk_requests_nothing_but_its_audio_and_shows_markup_as_text()
    {
        Skip.If(BrowserFixture.SkipReason is not null, BrowserFixture.SkipReason);
        var folder = Directory.CreateTempSubdirectory("viewer-export-");
        try
        {
            var transcript = new Transcript(
            [
                W("Please", 0.3, 0.8, "SPEAKER_00"), W("type", 0.9, 1.2, "SPEAKER_00"),
                W("<script>window.__pwned=1</script>", 1.3, 2.5, "SPEAKER_00"), W("literally.", 2.6, 3.2, "SPEAKER_00"),
                W("Done:", 4.2, 4.8, "SPEAKER_01"), W("<img src=x onerror=\"window.__pwned=2\">", 4.9, 6.0, "SPEAKER_01"),
                W("Back", 8.0, 8.5, "SPEAKER_00"), W("to", 8.6, 8.8, "SPEAKER_00"), W("you.", 8.9, 9.4, "SPEAKER_00"),
            ])
            { Duration = TimeSpan.FromSeconds(30.673) };
            File.Copy(BrowserFixture.SampleAudio, Path.Combine(folder.FullName, "conversation.wav"));
            var htmlPath = Path.Combine(folder.FullName, "transcript.html");
            await File.WriteAllTextAsync(htmlPath, transcript.ToHtml(new TranscriptHtmlOptions { Title = "Export </script> test", AudioUrl = "conversation.wav" }));

            var page = await fixture.NewPageAsync();
            var errors = WebViewerTests.CollectErrors(page);
            var requests = new List<string>();
            page.Context.Request += (_, r) =>
            {
                lock (requests)
                {
                    requests.Add(r.Url);
                }
            };
            await page.GotoAsync(new Uri(htmlPath).AbsoluteUri);

            // The words render as text, and nothing in them ran.
            var turns = page.Locator("#turns .turn");
            await Expect(turns).ToHaveCountAsync(3);
            await Expect(turns.Nth(0).Locator(".text")).ToHaveTextAsync("Please type <script>window.__pwned=1</script> literally.");
            await Expect(turns.Nth(1).Locator(".text")).ToHaveTextAsync("Done: <img src=x onerror=\"window.__pwned=2\">");
            await Expect(page.Locator("h1")).ToHaveTextAsync("Export </script> test");
            Assert.Equal(0, await page.Locator("#turns script, #turns img").CountAsync());
            Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__pwned"));
            await Expect(page.Locator("svg.speaker-timeline g.lane")).ToHaveCountAsync(2);

            // Search filters the turns.
            await page.Locator("#search").FillAsync("<script>");
            await Expect(page.Locator("#search-count")).ToHaveTextAsync("1 of 3 turns");
            await Expect(turns.Nth(1)).ToBeHiddenAsync();
            await page.Locator("#search").FillAsync("");
            await Expect(turns.Nth(1)).ToBeVisibleAsync();

            // The audio beside the file plays from the page: clicking a turn seeks it.
            await page.WaitForFunctionAsync("() => document.getElementById('player').readyState >= 1");
            await turns.Nth(2).ClickAsync();
            await page.WaitForFunctionAsync("() => { const t = document.getElementById('player').currentTime; return t >= 7.95 && t < 13; }");
            await Expect(turns.Nth(2)).ToHaveClassAsync(new Regex("\\bcurrent\\b"));
            await page.EvaluateAsync("() => document.getElementById('player').pause()");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, "exported-html.png"), FullPage = true });

            // No request left the disk: only the page itself and its audio.
            string[] seen;
            lock (requests)
            {
                seen = requests.Distinct().ToArray();
            }

            Assert.All(seen, url => Assert.StartsWith("file://", url, StringComparison.Ordinal));
            Assert.Contains(seen, url => url.EndsWith("/conversation.wav", StringComparison.Ordinal));
            Assert.Equal(2, seen.Length);
            Assert.True(errors.Count == 0, string.Join("\n", errors));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

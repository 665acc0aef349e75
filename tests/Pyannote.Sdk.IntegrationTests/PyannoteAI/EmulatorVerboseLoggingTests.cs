using Pyannote.Sdk.Emulator;
using static Pyannote.Sdk.IntegrationTests.Emulator.EmulatorTestSupport;

namespace Pyannote.Sdk.IntegrationTests.Emulator;

/// <summary>What <c>--verbose</c> prints (it redirects <see cref="Console.Out"/>, so it runs alone).</summary>
[Collection(ConsoleCapture.Name)]
public class EmulatorVerboseLoggingTests
{
    [Fact]
    public async Task Verbose_logging_never_prints_a_pre_signed_query_string()
    {
        var options = Options(withSidecars: false);
        options.EnableConsoleLogging = true;
        var console = new StringWriter();
        string signed;
        using (ConsoleCapture.Redirect(console))
        {
            await using (var emulator = await SpeechEmulator.StartAsync(options))
            {
                using var pyannote = Client(emulator.PyannoteEndpoint, bearer: emulator.ApiKey);
                using var media = await pyannote.PostAsync("v1/media/input", Json("""{"url":"media://verbose/check.wav"}"""));
                signed = (await ReadJsonAsync(media)).GetProperty("url").GetString()!;
                using var http = new HttpClient();
                using var put = await http.PutAsync(signed, new ByteArrayContent(File.ReadAllBytes(ConversationWav)));
                Assert.True(put.IsSuccessStatusCode);
                using var jigsaw = new HttpClient();
                using var withKey = await jigsaw.PostAsync(new Uri(emulator.JigsawStackEndpoint, "v1/ai/transcribe?x-api-key=" + emulator.ApiKey), Json("""{"url":"https://example.com/talk.mp3"}"""));
            }
        }

        var text = console.ToString();
        var query = new Uri(signed).Query.TrimStart('?');
        Assert.NotEmpty(query);
        Assert.Contains("PUT " + new Uri(signed).AbsolutePath, text, StringComparison.Ordinal);
        foreach (var part in query.Split('&'))
        {
            Assert.DoesNotContain(part, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("x-api-key=", text, StringComparison.Ordinal);
    }
}

using System.Net;
using System.Text;
using Pyannote.Sdk.Http;
using Pyannote.Sdk.NanoGpt;

namespace Pyannote.Sdk.Tests.Reliability;

public sealed partial class FuzzTests
{
    [VendorRows]
    private static IEnumerable<Target> NanoGptTargets()
    {
        var nano = new StubTransport();
        var nanoClient = new NanoGptClient(ReliabilityData.ApiKey, new NanoGptClientOptions { Transport = nano, Retry = { MaxRetries = 0 } });
        yield return new Target("NanoGPT sync transcription (client path)", SeedFiles("nanogpt"), async bytes =>
        {
            nano.Body = bytes;
            var start = await nanoClient.StartTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.mp3"), new NanoGptTranscriptionOptions { Model = NanoGptModel.WhisperLargeV3 });
            _ = start.ToString();
            _ = start.Transcription?.Transcript.ToString();
        }, Format);

        var nanoStatus = new StubTransport();
        var nanoStatusClient = new NanoGptClient(ReliabilityData.ApiKey, new NanoGptClientOptions { Transport = nanoStatus, Retry = { MaxRetries = 0 } });
        yield return new Target("NanoGPT job status (client path)", SeedFiles("nanogpt"), async bytes =>
        {
            nanoStatus.Body = bytes;
            var job = nanoStatusClient.GetTranscriptionJob(new NanoGptJobInfo("run-1") { Model = NanoGptModel.ElevenlabsStt, Diarize = true });
            await job.UpdateStatusAsync();
            _ = job.HasValue ? job.Value?.Transcript.ToString() : null;
        }, Format);

        yield return new Target("ErrorMappingHandler.ParseBody + ToExceptionAsync", SeedFiles([.. TestVendor.All.Select(v => v.Vendor.Key())]), async bytes =>
        {
            _ = ErrorMappingHandler.ParseBody(Encoding.UTF8.GetString(bytes));
            using var response = new HttpResponseMessage((HttpStatusCode)429) { Content = new ByteArrayContent(bytes) };
            response.Headers.TryAddWithoutValidation("Retry-After", "7");
            var ex = await ErrorMappingHandler.ToExceptionAsync(SpeechVendor.NanoGpt, response, CancellationToken.None);
            _ = ex.ToString();
        }, _ => false);
    }
}

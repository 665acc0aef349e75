using System.Text;
using Pyannote.Sdk.PyannoteAI;
using Pyannote.Sdk.Webhooks;

namespace Pyannote.Sdk.IntegrationTests.Reliability;

public sealed partial class SecretsTests
{
    [VendorRows]
    private static async Task PyannoteSecretsAsync(Run run)
    {
        var sink = run.Sink;
        sink.Add(new PyannoteClient(Secrets.ApiKey).ToString());

        // A full upload flow through the emulator: the pre-signed PUT's signature must stay on the wire.
        var result = await run.Clients.Pyannote.DiarizeAsync(AudioInput.FromFile(Emulator.EmulatorTestSupport.ConversationWav));
        sink.Add(result.ToString());
        sink.Add(result.Transcript?.ToString());
        foreach (var s in result.Diarization)
        {
            sink.Add(s.ToString());
        }

        sink.AddException(await Record.ExceptionAsync(() => run.FailingClients.Pyannote.UploadAsync(AudioInput.FromFile(Emulator.EmulatorTestSupport.ConversationWav))));
        var job = await run.Clients.Pyannote.StartDiarizationAsync(AudioInput.FromUrl("https://example.com/a.wav"));
        sink.Add(job.ToString());
        sink.Add((await run.Clients.Pyannote.GetJobAsync(job.Id)).ToString());
        var body = Encoding.UTF8.GetBytes("{\"jobId\":\"j1\",\"status\":\"succeeded\",\"output\":{\"diarization\":[]}}");
        var headers = PyannoteWebhook.CreateSignatureHeaders(body, Secrets.WebhookSecret, DateTimeOffset.UtcNow);
        sink.Add(PyannoteWebhook.ConstructEvent(body, headers.Signature, headers.Timestamp, Secrets.WebhookSecret).ToString());
        sink.AddException(Record.Exception(() => PyannoteWebhook.ConstructEvent(body, headers.Signature, headers.Timestamp, "wrong-" + Secrets.WebhookSecret)));
        sink.Add(new PyannoteWebhookOptions { Secrets = { Secrets.WebhookSecret } }.ToString());
    }
}

using Microsoft.Extensions.DependencyInjection;
using Pyannote.Sdk.PyannoteAI;

namespace Pyannote.Sdk.Tests.HttpPipeline;

public sealed partial class EmulatorPipelineTests
{
    [Fact]
    public async Task Idempotent_poll_is_retried_when_the_connection_breaks()
    {
        var (sp, _, _) = Host(more: [("Speech:Pyannote:ApiKey", _emulator.ApiKey), ("Speech:Pyannote:Endpoint", _emulator.PyannoteEndpoint.AbsoluteUri)]);
        using var _ = sp;
        var client = sp.GetRequiredService<PyannoteClient>();
        var job = await client.StartDiarizationAsync(AudioInput.FromUrl("https://example.com/conversation.wav"));
        _emulator.EnqueueFault("/pyannote/v1/jobs/*", "abort-before-headers");

        var info = await client.GetJobAsync(job.Id);

        Assert.Equal(job.Id, info.Id);
        Assert.Equal(2, await SettledCount(log => log.Count(r => r.Method == "GET" && r.Path.StartsWith("/pyannote/v1/jobs/", StringComparison.Ordinal)), 2));
    }
}

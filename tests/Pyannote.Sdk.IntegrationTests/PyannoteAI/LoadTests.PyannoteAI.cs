using Pyannote.Sdk.PyannoteAI;

namespace Pyannote.Sdk.IntegrationTests.Reliability;

public sealed partial class LoadTests
{
    [VendorRows]
    private static IEnumerable<LoadWorkload> PyannoteWorkloads() =>
    [
        Workload<PyannoteClient, PyannoteClientOptions>("job waits", "pyannote/", (key, options) => new(key, options),
            (pyannote, audio) => Task.Run(async () =>
            {
                var job = await pyannote.StartDiarizationAsync(audio);
                await job.WaitForCompletionAsync();
            })),
    ];
}

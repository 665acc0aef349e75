using Pyannote.Sdk.Together;

namespace Pyannote.Sdk.IntegrationTests.Reliability;

public sealed partial class LoadTests
{
    [VendorRows]
    private static IEnumerable<LoadWorkload> TogetherWorkloads() =>
    [
        Workload<TogetherClient, TogetherClientOptions>("transcriptions", "together/", (key, options) => new(key, options),
            (together, audio) => together.CreateTranscriptionAsync(audio, new TogetherTranscriptionOptions { ResponseFormat = TogetherResponseFormat.VerboseJson })),
    ];
}

namespace Pyannote.Sdk.Tests.DependencyInjection;

public partial class KeyedLookupTests
{
    [VendorRows]
    private static IEnumerable<KeyValuePair<string, string?>> NanoGptSettings() =>
    [
        new("Speech:NanoGpt:ApiKey", "k4"),
        new("Speech:NanoGpt:Endpoint", "http://127.0.0.1:5080/nanogpt/"),
    ];
}

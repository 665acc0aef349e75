namespace Pyannote.Sdk.Tests.DependencyInjection;

public partial class KeyedLookupTests
{
    [VendorRows]
    private static IEnumerable<KeyValuePair<string, string?>> JigsawStackSettings() =>
    [
        new("Speech:JigsawStack:ApiKey", "k3"),
    ];
}

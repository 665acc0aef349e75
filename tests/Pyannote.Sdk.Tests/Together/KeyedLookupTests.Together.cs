namespace Pyannote.Sdk.Tests.DependencyInjection;

public partial class KeyedLookupTests
{
    [VendorRows]
    private static IEnumerable<KeyValuePair<string, string?>> TogetherSettings() =>
    [
        new("Speech:Together:ApiKey", "k2"),
        new("Speech:DefaultVendor", "together"),
    ];
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Pyannote.Sdk.Tests.DependencyInjection;

public partial class KeyedLookupTests
{
    [VendorRows]
    private static IEnumerable<KeyValuePair<string, string?>> PyannoteSettings() =>
    [
        new("Speech:Pyannote:ApiKey", "k1"),
    ];

    [Fact]
    public void A_misspelt_section_fails_start_naming_it_and_the_known_sections()
    {
        using var sp = Build(new Dictionary<string, string?>
        {
            ["Speech:Pyannote:ApiKey"] = "k1",
            ["Speech:Pyanote:ApiKey"] = "typo",
        });

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Speech:Pyanote", ex.Message, StringComparison.Ordinal);
        Assert.Contains(string.Join(", ", TestVendor.All.Select(v => v.Section)), ex.Message, StringComparison.Ordinal);
    }
}

namespace Pyannote.Sdk.Tests.Core;

public partial class ErrorHierarchyTests
{
    [Fact]
    public void Response_format_errors_never_put_SDK_words_in_VendorMessage()
    {
        var ex = new SpeechResponseFormatException(SpeechVendor.Together, 200, "the answer has no 'text'.");

        Assert.Null(ex.VendorMessage);
        Assert.Equal("the answer has no 'text'.", ex.Detail);
        Assert.Contains("could not be read: the answer has no 'text'.", ex.Message, StringComparison.Ordinal);
    }
}

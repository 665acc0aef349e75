namespace Pyannote.Sdk.Tests.Foundation;

public partial class OpenApiDocumentTests
{
    /// <summary>NanoGPT's <c>POST /api/transcribe</c> (200 with the transcript or 202 with a run id) is called by no
    /// generated code: NanoGptClient builds the form through VendorRequest, and the operation stays as the documented wire
    /// contract that request follows, pinned by NanoGptOpenApiDocumentTests.</summary>
    [VendorRows]
    private static IEnumerable<string> NanoGptOperationsKeptForTheirWireContract() => ["nanogpt:Transcribe"];
}

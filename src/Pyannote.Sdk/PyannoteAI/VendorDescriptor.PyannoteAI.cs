namespace Pyannote.Sdk;

// Puts this vendor's descriptor into VendorDescriptor.All (see VendorDescriptor.Add).
internal sealed partial class VendorDescriptor
{
    private static readonly VendorDescriptor PyannoteAIRegistration = Add(PyannoteAI.PyannoteVendor.Descriptor);
}

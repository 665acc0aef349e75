namespace Pyannote.Sdk.Webhooks;

/// <summary>
/// Encodings of pyannoteAI's <c>X-Signature</c> header. The vendor's documentation says base64 while its published
/// samples and community receivers use hex, so the verifier accepts all three by default.
/// </summary>
[Flags]
public enum PyannoteSignatureEncodings
{
    /// <summary>No encoding (rejects every signature).</summary>
    None = 0,

    /// <summary>Standard base64 of the 32 MAC bytes (44 characters, as documented).</summary>
    Base64 = 1,

    /// <summary>Hex of the 32 MAC bytes (64 characters; produced lowercase, accepted in either case).</summary>
    Hex = 2,

    /// <summary><c>v0=</c> followed by the hex of the MAC.</summary>
    PrefixedHex = 4,

    /// <summary>Every encoding above (the default).</summary>
    All = Base64 | Hex | PrefixedHex,
}

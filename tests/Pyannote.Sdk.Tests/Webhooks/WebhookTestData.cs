using System.Globalization;
using System.Text.Json;

namespace Pyannote.Sdk.Tests.Webhooks;

/// <summary>The committed known-answer vectors (eng/webhook-vectors.sh, computed with openssl) and the webhook bodies.</summary>
public static partial class WebhookTestData
{
    public sealed record Vector(string Name, string Secret, string Timestamp, byte[] Body, string SignatureBase64, string SignatureHex, string SignaturePrefixedHex)
    {
        public DateTimeOffset Time => DateTimeOffset.FromUnixTimeSeconds(long.Parse(Timestamp, CultureInfo.InvariantCulture));

        public override string ToString() => Name;
    }

    private static readonly Lazy<IReadOnlyList<Vector>> VectorsLazy = new(() =>
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(RepoPaths.TestData("webhooks", "vectors.json")));
        return doc.RootElement.GetProperty("vectors").EnumerateArray().Select(v => new Vector(
            v.GetProperty("name").GetString()!,
            v.GetProperty("secret").GetString()!,
            v.GetProperty("timestamp").GetString()!,
            Convert.FromBase64String(v.GetProperty("bodyBase64").GetString()!),
            v.GetProperty("signatureBase64").GetString()!,
            v.GetProperty("signatureHex").GetString()!,
            v.GetProperty("signaturePrefixedHex").GetString()!)).ToArray();
    });

    public static IReadOnlyList<Vector> Vectors => VectorsLazy.Value;

    public static Vector Get(string name) => Vectors.Single(v => v.Name == name);

    public static byte[] Bytes(params string[] path) => File.ReadAllBytes(RepoPaths.TestData(path));
}

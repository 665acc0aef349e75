using System.Net;
using System.Text;
using Pyannote.Sdk.JigsawStack;
using Pyannote.Sdk.NanoGpt;
using Pyannote.Sdk.PyannoteAI;
using Pyannote.Sdk.Together;

namespace Pyannote.Sdk.IntegrationTests.RealHosts;

/// <summary>
/// Issue 13, finding 3: no credential ever leaves the vendor's configured host, on any redirect hop. The vendor's
/// "host" is 127.0.0.1; it redirects to 127.0.0.2 (another host, still loopback), which records every byte it gets.
/// </summary>
public sealed class RedirectTests
{
    private const string Key = "sk-redirect-Zq81mVx4Lp0Ty7Rc";

    public static TheoryData<string, int> Rows()
    {
        var rows = new TheoryData<string, int>();
        foreach (var vendor in new[] { "pyannote", "together", "jigsawstack", "nanogpt" })
        {
            foreach (var status in new[] { 301, 302, 303, 307, 308 })
            {
                rows.Add(vendor, status);
            }
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task No_credential_leaves_the_vendor_host_on_any_redirect_hop(string vendor, int status)
    {
        var (keyBytes, targetRequests, vendorSawKey) = await ProbeAsync(vendor, status);
        Assert.True(targetRequests > 0, "the redirect was not followed, so the test proves nothing");
        Assert.True(vendorSawKey, "the vendor's own host must still get the key");
        Assert.Equal(0, keyBytes);
    }

    /// <summary>Runs one call whose first answer redirects to 127.0.0.2; returns the bytes of key the other host saw.</summary>
    internal static async Task<(int KeyBytes, int TargetRequests, bool VendorSawKey)> ProbeAsync(string vendor, int status)
    {
        await using var other = new RawHttpServer(IPAddress.Parse("127.0.0.2"), (_, s) => RawHttpServer.WriteAsync(s, 404, "{\"message\":\"nothing here\"}"));
        await using var home = new RawHttpServer(IPAddress.Loopback, (r, s) =>
            RawHttpServer.WriteAsync(s, status, string.Empty, $"Location: {new Uri(other.BaseUri, r.Path.TrimStart('/'))}\r\n"));

        var endpoint = home.BaseUri;
        var options = new SpeechClientOptionsSetter(endpoint);
        try
        {
            switch (vendor)
            {
                case "pyannote":
                    await new PyannoteClient(Key, options.Apply(new PyannoteClientOptions())).DiarizeAsync(AudioInput.FromUrl("https://example.com/a.wav"));
                    break;
                case "together":
                    await new TogetherClient(Key, options.Apply(new TogetherClientOptions())).CreateTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.wav"));
                    break;
                case "jigsawstack":
                    await new JigsawStackClient(Key, options.Apply(new JigsawStackClientOptions())).CreateTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.wav"));
                    break;
                default:
                    await new NanoGptClient(Key, options.Apply(new NanoGptClientOptions())).TranscribeAsync(AudioInput.FromUrl("https://example.com/a.wav"));
                    break;
            }
        }
        catch (SpeechApiException)
        {
            // The other host answers 404: the call fails, as it should; only what it received matters here.
        }

        var keyBytes = other.Requests.Sum(r => Occurrences(r.Bytes, Key) * Key.Length);
        var vendorSawKey = home.Requests.Any(r => Occurrences(r.Bytes, Key) > 0);
        return (keyBytes, other.Requests.Count, vendorSawKey);
    }

    private static int Occurrences(byte[] haystack, string needle)
    {
        var text = Encoding.Latin1.GetString(haystack);
        var n = 0;
        for (var i = text.IndexOf(needle, StringComparison.Ordinal); i >= 0; i = text.IndexOf(needle, i + 1, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

    private sealed class SpeechClientOptionsSetter(Uri endpoint)
    {
        public T Apply<T>(T o) where T : SpeechClientOptions
        {
            o.Endpoint = endpoint;
            o.Retry.MaxRetries = 0;
            o.JobWait.MaxWait = TimeSpan.FromSeconds(30);
            return o;
        }
    }
}

using System.Net;
using System.Text;

namespace Pyannote.Sdk.IntegrationTests.RealHosts;

/// <summary>
/// Issue 13, finding 3: no credential ever leaves the vendor's configured host, on any redirect hop. The vendor's
/// "host" is 127.0.0.1; it redirects to 127.0.0.2 (another host, still loopback), which records every byte it gets.
/// </summary>
public sealed partial class RedirectTests
{
    private const string Key = "sk-redirect-Zq81mVx4Lp0Ty7Rc";

    /// <summary>Per vendor (its folder): one call that sends the key to the configured endpoint.</summary>
    private static readonly Dictionary<string, Func<SpeechClientOptionsSetter, Task>> Calls =
        VendorRows.Of<(string Vendor, Func<SpeechClientOptionsSetter, Task> Call)>(typeof(RedirectTests)).ToDictionary(c => c.Vendor, c => c.Call);

    public static TheoryData<string, int> Rows()
    {
        var rows = new TheoryData<string, int>();
        foreach (var vendor in Calls.Keys)
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
            await Calls[vendor](options);
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

using System.Diagnostics;
using System.Globalization;
using System.Text;
using Pyannote.Sdk.Webhooks;
using Xunit.Abstractions;

namespace Pyannote.Sdk.Tests.Webhooks;

/// <summary>
/// Seeded, reproducible fuzzing of every webhook parser and verifier with mutated real payloads and header garbage:
/// only <see cref="WebhookVerificationException"/> may come out, and each input must finish in bounded time.
/// </summary>
public class WebhookFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261121;
    private const int Iterations = 12_000;
    private const string Secret = "whsec_fuzz";
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Expiry = Now.AddHours(1);
    private static readonly string ExpirySeconds = Expiry.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Mutated_bodies_and_headers_only_ever_raise_the_documented_exception_in_bounded_time()
    {
        var rng = new Random(Seed);
        var seeds = WebhookTestData.PyannoteBodyFiles.Concat(WebhookTestData.JigsawStackBodyFiles)
            .Select(f => File.ReadAllBytes(RepoPaths.TestData(f))).ToArray();
        var pyannoteOptions = new PyannoteWebhookOptions { Secrets = [Secret, "second-secret"], TimeProvider = new FakeTimeProvider(Now) };
        var jigsawOptions = new JigsawStackWebhookOptions { Secrets = [Secret], TimeProvider = new FakeTimeProvider(Now) };
        var reasons = new Dictionary<string, int>();
        var accepted = 0;

        // Warm up (JIT of the many rejection paths) outside the measurement, with its own seed.
        var warmup = new Random(Seed + 1);
        for (var i = 0; i < 500; i++)
        {
            var body = Mutate(seeds[warmup.Next(seeds.Length)], warmup);
            RunAll(body, MutateHeaders(PyannoteWebhook.CreateSignatureHeaders(body, Secret, Now), warmup), "job-1", JigsawStackWebhook.ComputeToken(Secret, "job-1", Expiry));
        }

        reasons.Clear();

        var times = new double[Iterations];
        var max = TimeSpan.Zero;
        var maxAt = -1;
        var total = Stopwatch.StartNew();
        for (var i = 0; i < Iterations; i++)
        {
            var body = Mutate(seeds[rng.Next(seeds.Length)], rng);
            // Most inputs are signed after mutation, so the body parser is reached behind a valid signature.
            var headers = rng.Next(4) == 0 ? new PyannoteWebhookHeaders() : PyannoteWebhook.CreateSignatureHeaders(body, Secret, Now.AddSeconds(rng.Next(-400, 400)), (PyannoteSignatureEncodings)(1 << rng.Next(3)));
            if (rng.Next(3) == 0)
            {
                headers = MutateHeaders(headers, rng);
            }

            var correlationId = rng.Next(5) == 0 ? Garbage(rng, rng.Next(0, 250)) : "job-" + rng.Next(100);
            var token = rng.Next(3) == 0 ? Garbage(rng, rng.Next(0, 60)) : JigsawStackWebhook.ComputeToken(Secret, correlationId.Length == 0 ? "x" : correlationId, Expiry);

            var sw = Stopwatch.StartNew();
            try
            {
                accepted += RunAll(body, headers, correlationId, token);
            }
            catch (Exception ex)
            {
                Assert.Fail($"Input {i} (seed {Seed}) raised {ex.GetType().Name}: {ex.Message}\nBody: {Convert.ToBase64String(body)}\nHeaders: {headers}");
            }

            sw.Stop();
            times[i] = sw.Elapsed.TotalMilliseconds;
            if (sw.Elapsed > max)
            {
                max = sw.Elapsed;
                maxAt = i;
            }
        }

        total.Stop();
        output.WriteLine($"{Iterations} inputs x 6 entry points in {total.ElapsedMilliseconds} ms; max per input {max.TotalMilliseconds:0.###} ms (input {maxAt}); {accepted} accepted.");
        Array.Sort(times);
        output.WriteLine($"per-input ms: median {times[Iterations / 2]:0.###}, p99 {times[(int)(Iterations * 0.99)]:0.###}, p99.9 {times[(int)(Iterations * 0.999)]:0.###}, max {times[^1]:0.###}");
        foreach (var (reason, count) in reasons.OrderBy(r => r.Key))
        {
            output.WriteLine($"  {reason}: {count}");
        }

        // A wall-clock bound only catches pathological inputs (seconds of work): 250 ms was eaten by scheduling on a loaded
        // 2-core machine (752 ms seen), so the bound has an order of magnitude of headroom. Speed lives in the output line.
        Assert.True(max < TimeSpan.FromSeconds(5), $"Slowest input took {max.TotalMilliseconds} ms (input {maxAt}).");
        Assert.True(reasons.Count >= 5, "The fuzzer should reach many different rejection reasons.");

        int RunAll(byte[] body, PyannoteWebhookHeaders headers, string correlationId, string token)
        {
            var ok = 0;
            ok += Try(() => PyannoteWebhook.ConstructEvent(body, headers, pyannoteOptions));
            ok += Try(() => PyannoteWebhook.ParseUnverified(body, headers));
            ok += Try(() => PyannoteWebhook.ConstructEvent(body, headers.ToList(), Secret, TimeSpan.FromMinutes(5), Now));
            ok += Try(() => JigsawStackWebhook.ParseUnverified(body));
            ok += Try(() => JigsawStackWebhook.ConstructEvent(body, new JigsawStackCallbackQuery { CorrelationId = correlationId, Expires = ExpirySeconds, Token = token }, jigsawOptions));
            var query = $"?{JigsawStackWebhook.CorrelationIdParameter}={Uri.EscapeDataString(correlationId)}&{JigsawStackWebhook.ExpiresParameter}={ExpirySeconds}&{JigsawStackWebhook.TokenParameter}={token}&{correlationId}";
            if (Uri.TryCreate("https://receiver.test/hook" + query, UriKind.Absolute, out var url))
            {
                ok += Try(() => JigsawStackWebhook.ConstructEvent(body, url, jigsawOptions));
            }

            return ok;
        }

        int Try(Func<object> run)
        {
            try
            {
                _ = run().ToString();
                return 1;
            }
            catch (WebhookVerificationException ex)
            {
                var key = ex.Reason.ToString();
                reasons[key] = reasons.GetValueOrDefault(key) + 1;
                return 0;
            }
        }
    }

    private static byte[] Mutate(byte[] seed, Random rng)
    {
        var bytes = new List<byte>(seed);
        var steps = rng.Next(1, 4);
        for (var s = 0; s < steps; s++)
        {
            switch (rng.Next(8))
            {
                case 0 when bytes.Count > 0: // flip a bit
                    var at = rng.Next(bytes.Count);
                    bytes[at] ^= (byte)(1 << rng.Next(8));
                    break;
                case 1 when bytes.Count > 0: // truncate
                    var cut = rng.Next(bytes.Count);
                    bytes.RemoveRange(cut, bytes.Count - cut);
                    break;
                case 2: // insert random bytes
                    var insert = new byte[rng.Next(1, 16)];
                    rng.NextBytes(insert);
                    bytes.InsertRange(rng.Next(bytes.Count + 1), insert);
                    break;
                case 3: // insert JSON structure
                    var token = Tokens[rng.Next(Tokens.Length)];
                    bytes.InsertRange(rng.Next(bytes.Count + 1), Encoding.UTF8.GetBytes(token));
                    break;
                case 4 when bytes.Count > 2: // delete a slice
                    var from = rng.Next(bytes.Count);
                    bytes.RemoveRange(from, Math.Min(rng.Next(1, 20), bytes.Count - from));
                    break;
                case 5 when bytes.Count > 2: // duplicate a slice
                    var start = rng.Next(bytes.Count);
                    var slice = bytes.GetRange(start, Math.Min(rng.Next(1, 64), bytes.Count - start));
                    bytes.InsertRange(rng.Next(bytes.Count + 1), slice);
                    break;
                case 6: // replace a number-ish value
                    var text = Encoding.UTF8.GetString(bytes.ToArray());
                    var digit = text.IndexOfAny("0123456789".ToCharArray(), rng.Next(Math.Max(1, text.Length)));
                    if (digit >= 0)
                    {
                        text = text[..digit] + Numbers[rng.Next(Numbers.Length)] + text[(digit + 1)..];
                        bytes = new List<byte>(Encoding.UTF8.GetBytes(text));
                    }

                    break;
                default: // deep nesting
                    var depth = rng.Next(1, 200);
                    bytes.InsertRange(rng.Next(bytes.Count + 1), Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', rng.Next(depth + 1))));
                    break;
            }
        }

        return bytes.ToArray();
    }

    private static readonly string[] Tokens = ["{", "}", "[", "]", "\"", ",", ":", "null", "true", "-1", "1e400", "\"\\u0000\"", "\"\\ud800\"", "NaN", "\u00e9", "\xff", "{\"output\":null}", "\"status\":\"succeeded\"", "\"jobId\":7"];

    private static readonly string[] Numbers = ["-5", "1e309", "-0", "99999999999999999999999", "0.0000001", "1.7976931348623157E+308", "\"x\"", "null"];

    private static PyannoteWebhookHeaders MutateHeaders(PyannoteWebhookHeaders headers, Random rng) => rng.Next(7) switch
    {
        0 => headers with { Timestamp = Garbage(rng, rng.Next(0, 30)) },
        1 => headers with { Signature = Garbage(rng, rng.Next(0, 100)) },
        2 => headers with { Signature = headers.Signature is { Length: > 1 } s ? s[..^1] : headers.Signature },
        3 => headers with { Timestamp = headers.Timestamp + rng.Next(10).ToString(CultureInfo.InvariantCulture) },
        4 => headers with { RetryNumber = Garbage(rng, rng.Next(0, 12)), RetryReason = Garbage(rng, rng.Next(0, 20)) },
        5 => headers with { Signature = string.Join(",", Enumerable.Range(0, rng.Next(1, 50)).Select(_ => Garbage(rng, 44))) },
        _ => headers with { Timestamp = new string('9', rng.Next(1, 40)) },
    };

    private static string Garbage(Random rng, int length)
    {
        const string alphabet = "abcdefABCDEF0123456789+/=-_ ,v0:\t%ü€\u0000";
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[rng.Next(alphabet.Length)];
        }

        return new string(chars);
    }
}

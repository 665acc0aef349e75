using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Pyannote.Sdk.Tests.Reliability;

/// <summary>
/// Seeded mutations of the real vendor payloads (TestData, copied from the vendors' published examples) fed to every
/// response parser: each input must parse or fail with a documented exception, within a bounded time. The count per
/// parser is <c>PYANNOTE_SDK_FUZZ_COUNT</c> (default 5,000 for CI; <c>eng/reliability.sh --full</c> runs 100,000).
/// Writes <c>artifacts/reliability/fuzz.md</c>.
/// </summary>
public sealed partial class FuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261121;

    /// <summary>A parser under fuzz: a name, its seed payloads, the call, and which exceptions it documents.</summary>
    public sealed record Target(string Name, string[] Seeds, Func<byte[], Task> Parse, Func<Exception, bool> Documented);

    public sealed record Result(string Name, int Inputs, int Parsed, int Rejected, int Unexpected, TimeSpan Max, TimeSpan Total, string? FirstUnexpected);

    private static string[] SeedFiles(params string[] vendors) =>
        vendors.SelectMany(v => Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", v), "*.json"))
            .Concat(Directory.Exists(Path.Combine(AppContext.BaseDirectory, "TestData", "fuzz")) ? Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "fuzz"), "*.json") : [])
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToArray();

    private static bool Format(Exception e) => e is SpeechResponseFormatException;

    /// <summary>A transport that answers every request with the current body.</summary>
    private sealed class StubTransport : HttpMessageHandler
    {
        public byte[] Body { get; set; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Body) { Headers = { { "Content-Type", "application/json" } } } });
    }

    private static IEnumerable<Target> Targets() => VendorRows.Of<Target>(typeof(FuzzTests));

    [Fact]
    public async Task Mutated_vendor_payloads_parse_or_fail_with_documented_exceptions_in_bounded_time()
    {
        var count = ReliabilityData.EnvInt("PYANNOTE_SDK_FUZZ_COUNT", 5_000);
        var results = new List<Result>();
        foreach (var target in Targets().Concat(ExtraTargets.All()))
        {
            results.Add(await FuzzAsync(target, count));
        }

        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Fuzz: {results.Sum(r => r.Inputs):N0} inputs ({count:N0} per parser, seed {Seed}), unexpected exceptions: {results.Sum(r => r.Unexpected)}, slowest input: {results.Max(r => r.Max).TotalMilliseconds:0.0} ms.");
        sb.AppendLine();
        sb.AppendLine("| parser | seeds | inputs | parsed | rejected (documented) | unexpected | max ms / input | total s |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (r, t) in results.Zip(Targets().Concat(ExtraTargets.All())))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.Name} | {t.Seeds.Length} | {r.Inputs:N0} | {r.Parsed:N0} | {r.Rejected:N0} | {r.Unexpected} | {r.Max.TotalMilliseconds:0.0} | {r.Total.TotalSeconds:0.0} |");
        }

        foreach (var r in results.Where(r => r.FirstUnexpected is not null))
        {
            sb.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"First unexpected in {r.Name}: {r.FirstUnexpected}");
        }

        output.WriteLine(sb.ToString());
        ReliabilityData.WriteReport("fuzz.md", sb.ToString());
        Assert.All(results, r => Assert.True(r.Unexpected == 0, $"{r.Name}: {r.Unexpected} unexpected, first: {r.FirstUnexpected}"));
        // A guard against runaway inputs (backtracking, quadratic growth), not a speed target: the slowest input measured
        // on a loaded 2-core machine took 375 ms (docs/reliability.md), so the limit keeps over 10x headroom.
        Assert.All(results, r => Assert.True(r.Max < TimeSpan.FromSeconds(5), $"{r.Name}: an input took {r.Max}"));
    }

    private static async Task<Result> FuzzAsync(Target target, int count)
    {
        Assert.NotEmpty(target.Seeds);
        var seeds = target.Seeds.Select(File.ReadAllBytes).ToArray();
        var random = new Random(Seed ^ target.Name.Length);
        int parsed = 0, rejected = 0, unexpected = 0;
        string? first = null;
        var max = TimeSpan.Zero;
        var total = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var input = Mutator.Mutate(seeds[random.Next(seeds.Length)], random);
            var sw = Stopwatch.StartNew();
            try
            {
                await target.Parse(input);
                parsed++;
            }
            catch (Exception ex) when (target.Documented(ex))
            {
                rejected++;
                ReliabilityData.AssertNoSecret(ex.ToString());
            }
            catch (Exception ex)
            {
                unexpected++;
                first ??= $"{ex.GetType().Name}: {ex.Message} — input: {Encoding.UTF8.GetString(input)[..Math.Min(300, input.Length)]}\n{ex.StackTrace}";
            }

            if (sw.Elapsed > max)
            {
                max = sw.Elapsed;
            }
        }

        return new Result(target.Name, count, parsed, rejected, unexpected, max, total.Elapsed, first);
    }
}

/// <summary>Targets that exist once other areas land (transcript JSON import, webhooks); see <c>FuzzTests.Extra.cs</c>.</summary>
internal static partial class ExtraTargets
{
    public static IEnumerable<FuzzTests.Target> All()
    {
        var list = new List<FuzzTests.Target>();
        Add(list);
        return list;
    }

    static partial void Add(List<FuzzTests.Target> targets);
}

/// <summary>Deterministic JSON mutations: structural (replace a value with one of another type or an extreme, drop or
/// duplicate members, deep nesting) and byte-level (flip, delete, duplicate, insert, truncate).</summary>
internal static class Mutator
{
    private static readonly string[] Extremes =
    [
        "null", "true", "false", "0", "-1", "-0", "1e308", "-1e308", "1e-320", "9223372036854775808", "-9223372036854775809",
        "2147483648", "1.7976931348623157e309", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"\"", "\"\\u0000\"", "\"\\ud800\"", "[]", "{}",
        "[null]", "{\"\":null}", "\"SPEAKER_00\"", "\"2026-13-45T99:99:99Z\"", "\"" + new string('x', 5000) + "\"", "-86400000", "86400000000",
    ];

    public static byte[] Mutate(byte[] seed, Random random)
    {
        var rounds = 1 + random.Next(3);
        var data = seed;
        for (var i = 0; i < rounds; i++)
        {
            data = random.Next(100) < 60 ? Structural(data, random) ?? Bytes(data, random) : Bytes(data, random);
        }

        return data;
    }

    private static byte[]? Structural(byte[] data, Random random)
    {
        try
        {
            return TryStructural(data, random);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            return null; // an earlier byte mutation left invalid UTF-8 or a duplicate key: mutate bytes instead
        }
    }

    private static byte[]? TryStructural(byte[] data, Random random)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(data, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException)
        {
            return null;
        }

        if (root is null)
        {
            return null;
        }

        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        var target = nodes[random.Next(nodes.Count)];
        switch (random.Next(6))
        {
            case 0 or 1:
                Replace(root, target, JsonNode.Parse(Extremes[random.Next(Extremes.Length)]), ref root);
                break;
            case 2 when target.Parent is JsonObject o:
                o.Remove(target.GetPropertyName());
                break;
            case 2 when target.Parent is JsonArray a:
                a.Remove(target);
                break;
            case 3 when target.Parent is JsonArray a:
                a.Insert(random.Next(a.Count + 1), target.DeepClone());
                break;
            case 4:
                var deep = new StringBuilder();
                var depth = 1 + random.Next(200);
                deep.Append('[', depth).Append('1').Append(']', depth);
                Replace(root, target, JsonNode.Parse(deep.ToString(), documentOptions: new JsonDocumentOptions { MaxDepth = 512 }), ref root);
                break;
            default:
                if (target is JsonValue v && v.TryGetValue<double>(out var d))
                {
                    Replace(root, target, JsonValue.Create(random.Next(4) switch { 0 => -d, 1 => d * 1e6, 2 => d + 0.5, _ => double.MaxValue }), ref root);
                }
                else if (target is JsonValue s && s.TryGetValue<string>(out var str))
                {
                    Replace(root, target, JsonValue.Create(random.Next(2) == 0 ? str + str : str.Length > 0 ? str[..random.Next(str.Length)] : "\u2028"), ref root);
                }

                break;
        }

        try
        {
            return Encoding.UTF8.GetBytes(root?.ToJsonString() ?? "null");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    private static void Replace(JsonNode root, JsonNode target, JsonNode? value, ref JsonNode? newRoot)
    {
        switch (target.Parent)
        {
            case JsonObject o:
                o[target.GetPropertyName()] = value;
                break;
            case JsonArray a:
                a[a.IndexOf(target)] = value;
                break;
            default:
                newRoot = value;
                break;
        }
    }

    private static void Collect(JsonNode node, List<JsonNode> nodes)
    {
        nodes.Add(node);
        switch (node)
        {
            case JsonObject o:
                foreach (var p in o)
                {
                    if (p.Value is not null)
                    {
                        Collect(p.Value, nodes);
                    }
                }

                break;
            case JsonArray a:
                foreach (var e in a)
                {
                    if (e is not null)
                    {
                        Collect(e, nodes);
                    }
                }

                break;
        }
    }

    private static byte[] Bytes(byte[] data, Random random)
    {
        if (data.Length == 0)
        {
            return [(byte)random.Next(256)];
        }

        var list = new List<byte>(data);
        var at = random.Next(list.Count);
        switch (random.Next(6))
        {
            case 0:
                list[at] = (byte)random.Next(256);
                break;
            case 1:
                list[at] ^= (byte)(1 << random.Next(8));
                break;
            case 2:
                list.RemoveRange(at, Math.Min(list.Count - at, 1 + random.Next(16)));
                break;
            case 3:
                var len = Math.Min(list.Count - at, 1 + random.Next(64));
                list.InsertRange(random.Next(list.Count), list.GetRange(at, len));
                break;
            case 4:
                list.InsertRange(at, Encoding.UTF8.GetBytes(Extremes[random.Next(Extremes.Length)]));
                break;
            default:
                list.RemoveRange(at, list.Count - at);
                break;
        }

        return list.ToArray();
    }
}

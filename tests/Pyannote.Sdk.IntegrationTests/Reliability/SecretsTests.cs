using System.Globalization;
using System.Reflection;
using System.Text;
using Pyannote.Sdk.Emulator;
using Xunit.Abstractions;

namespace Pyannote.Sdk.IntegrationTests.Reliability;

/// <summary>
/// Secrets: every public type of the SDK that can be built from public constructors or static factories with sample
/// values — API keys, webhook secrets and pre-signed URLs wherever a parameter or property takes one — must not show
/// them in <c>ToString()</c>; and a full pyannoteAI upload flow through the emulator (pre-signed PUT), with logs,
/// spans and exception texts captured, must not show the key or the emulator's URL signature anywhere.
/// Writes <c>artifacts/reliability/secrets.md</c>.
/// </summary>
public sealed partial class SecretsTests(ITestOutputHelper output)
{
    private const string Signature = "SIGrelia0123456789abcdefFEDCBA";

    /// <summary>What a vendor's part of the secrets sweep works with: the capture, clients over a recording tap, and clients whose uploads fail.</summary>
    private sealed record Run(LeakCapture Sink, ClientSet Clients, ClientSet FailingClients);
    private static readonly string PreSigned = $"https://127.0.0.1:9/storage/media/key.wav?X-Signature={Signature}&expires=1999999999";

    private static object? Sample(Type t, string? name, int depth)
    {
        var n = name?.ToLowerInvariant() ?? string.Empty;
        if (t == typeof(string))
        {
            return n.Contains("secret", StringComparison.Ordinal) ? Secrets.WebhookSecret
                : n.Contains("apikey", StringComparison.Ordinal) || n == "key" && false ? Secrets.ApiKey
                : n.Contains("url", StringComparison.Ordinal) || n.Contains("uri", StringComparison.Ordinal) ? PreSigned
                : n == "path" ? Emulator.EmulatorTestSupport.ConversationWav
                : n.Contains("filename", StringComparison.Ordinal) ? "a.wav"
                : "sample";
        }

        if (t == typeof(Uri))
        {
            return new Uri(PreSigned);
        }

        if (t == typeof(TimeSpan))
        {
            return TimeSpan.FromSeconds(1);
        }

        if (t == typeof(DateTimeOffset))
        {
            return DateTimeOffset.UnixEpoch;
        }

        if (t == typeof(int))
        {
            return 1;
        }

        if (t == typeof(long))
        {
            return 1L;
        }

        if (t == typeof(double))
        {
            return 0.5;
        }

        if (t == typeof(decimal))
        {
            return 1m;
        }

        if (t == typeof(bool))
        {
            return true;
        }

        if (t.IsEnum)
        {
            return Enum.GetValues(t).GetValue(0);
        }

        if (t == typeof(Exception))
        {
            return new InvalidOperationException("inner");
        }

        if (t == typeof(Stream))
        {
            return new MemoryStream([1, 2, 3]);
        }

        if (Nullable.GetUnderlyingType(t) is { } u)
        {
            return Sample(u, name, depth);
        }

        if (t.IsGenericType)
        {
            var def = t.GetGenericTypeDefinition();
            var args = t.GetGenericArguments();
            if (def == typeof(IEnumerable<>) || def == typeof(IReadOnlyList<>) || def == typeof(IList<>) || def == typeof(IReadOnlyCollection<>))
            {
                var item = Sample(args[0], name, depth + 1);
                var array = Array.CreateInstance(args[0], item is null ? 0 : 1);
                if (item is not null)
                {
                    array.SetValue(item, 0);
                }

                return array;
            }

            if (def == typeof(IReadOnlyDictionary<,>) || def == typeof(IDictionary<,>))
            {
                return Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(args));
            }
        }

        if (t.IsValueType)
        {
            return Activator.CreateInstance(t);
        }

        return depth < 3 ? Build(t, depth + 1).FirstOrDefault() : null;
    }

    /// <summary>Instances of <paramref name="type"/> from each public constructor and public static factory.</summary>
    private static IEnumerable<object> Build(Type type, int depth = 0)
    {
        if (type.IsAbstract || type.IsInterface || type.ContainsGenericParameters || typeof(Delegate).IsAssignableFrom(type))
        {
            yield break;
        }

        var makers = type.GetConstructors().Cast<MethodBase>()
            .Concat(type.Assembly.GetExportedTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
                .Where(m => m.ReturnType == type && !m.IsSpecialName && !m.ContainsGenericParameters))
            .Where(m => m.GetParameters().All(p => !p.ParameterType.IsByRef && !p.ParameterType.IsByRefLike && !p.ParameterType.IsPointer));
        foreach (var maker in makers)
        {
            object? instance;
            try
            {
                var args = maker.GetParameters().Select(p => Sample(p.ParameterType, p.Name, depth)).ToArray();
                instance = maker is ConstructorInfo c ? c.Invoke(args) : maker.Invoke(null, args);
            }
            catch (Exception e) when (e is TargetInvocationException or ArgumentException or NotSupportedException)
            {
                continue; // the sample values break a rule of this constructor; other makers may work
            }

            if (instance is null)
            {
                continue;
            }

            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.PropertyType == typeof(Uri)))
            {
                try { p.SetValue(instance, new Uri(PreSigned)); }
                catch (TargetInvocationException) { }
            }

            yield return instance;
        }
    }

    [Fact]
    public async Task No_public_type_or_pipeline_output_reveals_a_key_secret_or_presigned_query()
    {
        Secrets.Observed.TryAdd(Signature, 0);
        var sink = new LeakCapture();
        var assembly = typeof(ISpeechClient).Assembly;
        var types = assembly.GetExportedTypes().Where(t => !t.IsAbstract && !t.IsInterface && !t.IsEnum && !t.ContainsGenericParameters && !(t.IsAbstract && t.IsSealed)).ToList();
        var built = new List<string>();
        var notBuilt = new List<string>();
        foreach (var type in types)
        {
            var instances = Build(type).ToList();
            if (instances.Count == 0)
            {
                notBuilt.Add(type.Name);
                continue;
            }

            built.Add(type.Name);
            foreach (var i in instances)
            {
                sink.Add(i.ToString());
                if (i is Exception e)
                {
                    sink.AddException(e);
                }
            }
        }

        sink.Add(AudioInput.FromUrl(PreSigned).ToString());
        sink.AddException(Record.Exception(() => AudioInput.FromUrl(new Uri("/storage/x?X-Signature=" + Signature, UriKind.Relative))));
        sink.AddException(Record.Exception(() => AudioInput.FromUrl("relative/x?X-Signature=" + Signature)));

        // Each vendor's part (its folder): clients built with the key, a flow through the emulator, the instances that
        // only runs produce (jobs, webhook events, options holding secrets).
        var emulatorOptions = Secrets.EmulatorOptions();
        await using var emulator = await SpeechEmulator.StartAsync(emulatorOptions);
        using var spans = new ActivityCapture(sink);
        var tap = new WireTap();
        var clients = new ClientSet(emulator, tap, sink);
        var failing = new WireTap { Target = r => r.Method == HttpMethod.Put, Fault = "503", FaultCount = int.MaxValue };
        var failingClients = new ClientSet(emulator, failing, sink);
        await VendorRows.RunAsync(typeof(SecretsTests), new Run(sink, clients, failingClients));
        var presignedSeen = Secrets.Observed.Count;

        var leaks = sink.Leaks();
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Secrets found: {leaks.Count} (searched {sink.Count} texts for the API key, the webhook secret and {presignedSeen} pre-signed query strings/signatures seen on the wire; {spans.Spans} spans).");
        sb.AppendLine(CultureInfo.InvariantCulture, $"ToString() checked on {built.Count} public types built from public constructors/factories: {string.Join(", ", built.Order(StringComparer.Ordinal))}.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Not buildable from public members with sample values ({notBuilt.Count}): {string.Join(", ", notBuilt.Order(StringComparer.Ordinal))}.");
        foreach (var l in leaks)
        {
            sb.AppendLine("- LEAK " + l);
        }

        output.WriteLine(sb.ToString());
        Report.Write("secrets.md", sb.ToString());
        Assert.True(built.Count >= 30, $"only {built.Count} types built");
        Assert.True(tap.Count(HttpMethod.Put, "/storage/") >= 1, "the upload did not go through the pre-signed URL");
        Assert.Empty(leaks);
    }
}

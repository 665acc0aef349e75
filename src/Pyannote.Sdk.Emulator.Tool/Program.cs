using System.Globalization;
using System.Runtime.InteropServices;
using Pyannote.Sdk.Emulator.Internal;

namespace Pyannote.Sdk.Emulator.Tool;

/// <summary>The standalone emulator: <c>pyannote-emulator --port 5080</c> (installed as a .NET tool), or
/// <c>dotnet run --project src/Pyannote.Sdk.Emulator.Tool -- --port 5080</c> from the repository.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var options = new SpeechEmulatorOptions { Port = 5080, EnableConsoleLogging = false };
        var explicitAudioDirs = false;
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--port": options.Port = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--api-key": options.ApiKey = Next(); break;
                case "--accept-any-key": options.AcceptAnyApiKey = true; break;
                case "--job-delay-ms":
                    var parts = Next().Split(',');
                    options.JobQueuedDelay = TimeSpan.FromMilliseconds(double.Parse(parts[0], CultureInfo.InvariantCulture));
                    options.JobRunningDelay = TimeSpan.FromMilliseconds(double.Parse(parts.Length > 1 ? parts[1] : parts[0], CultureInfo.InvariantCulture));
                    break;
                case "--instant":
                    options.JobQueuedDelay = options.JobRunningDelay = TimeSpan.Zero;
                    options.WebhookRetryDelays = [TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero];
                    break;
                case "--webhook-secret": options.WebhookSecret = Next(); break;
                case "--signature-encoding": options.WebhookSignatureEncoding = Enum.Parse<WebhookSignatureEncoding>(Next(), ignoreCase: true); break;
                case "--https-webhooks-only": options.AllowHttpWebhooks = false; break;
                case "--rate-limits": options.EnforceRateLimits = true; break;
                case "--audio-dir": options.AudioLibraryDirectories.Add(Next()); explicitAudioDirs = true; break;
                case "--verbose": options.EnableConsoleLogging = true; break;
                case "-h":
                case "--help":
                    Console.WriteLine($"""
                        Pyannote.Sdk.Emulator: a local {string.Join(" / ", Vendor.All.Select(v => v.DisplayName))} speech API server.
                          --port <n>                 port on 127.0.0.1 (default 5080; 0 = any free port)
                          --api-key <key>            accepted key (default emulator-key)
                          --accept-any-key           accept any non-empty key
                          --job-delay-ms <q>[,<r>]   queued and running time of async jobs (default 500,2000)
                          --instant                  no job or webhook-retry delays
                          --webhook-secret <s>       secret that signs webhooks (default emulator-webhook-secret)
                          --signature-encoding <e>   base64 (default) | hex | v0hex
                          --https-webhooks-only      reject http:// webhook URLs like the real API
                          --rate-limits              enforce the vendors' rate limits
                          --audio-dir <dir>          index <audio>.transcript.json sidecars in <dir> (repeatable; default: ./samples/audio if present)
                          --verbose                  log requests to the console
                        See docs/emulator.md.
                        """);
                    return 0;
                default:
                    Console.Error.WriteLine($"Unknown argument '{args[i]}'. Use --help.");
                    return 2;
            }
        }
        if (!explicitAudioDirs && Directory.Exists(Path.Combine("samples", "audio")))
        {
            options.AudioLibraryDirectories.Add(Path.Combine("samples", "audio"));
        }

        await using var emulator = await SpeechEmulator.StartAsync(options);
        Console.WriteLine($"Pyannote.Sdk.Emulator listening on {emulator.BaseAddress} (API key: {(options.AcceptAnyApiKey ? "any" : emulator.ApiKey)})");
        foreach (var vendor in Vendor.All)
        {
            Console.WriteLine($"  {vendor.Key,-12} {emulator.EndpointOf(vendor)}");
        }
        Console.WriteLine("Press Ctrl+C to stop.");

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.TrySetResult(); });
        await stop.Task;
        return 0;
    }
}

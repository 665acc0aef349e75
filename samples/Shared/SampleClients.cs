using Pyannote.Sdk;
using Pyannote.Sdk.Emulator;
using Pyannote.Sdk.JigsawStack;
using Pyannote.Sdk.NanoGpt;
using Pyannote.Sdk.PyannoteAI;
using Pyannote.Sdk.Together;

namespace Samples;

/// <summary>
/// How every sample gets its clients. A vendor whose API key is in the environment (<c>PYANNOTE_API_KEY</c>,
/// <c>TOGETHER_API_KEY</c>, <c>JIGSAWSTACK_API_KEY</c>, <c>NANOGPT_API_KEY</c>) is called for real; for any other the
/// local emulator (<c>Pyannote.Sdk.Emulator</c>) is started in-process, so the samples run with no account, no network
/// and no bill. Pointing a client at the emulator is only a matter of its <c>Endpoint</c> option.
/// </summary>
internal sealed class SampleClients(params string[] audioDirectories) : IAsyncDisposable
{
    private SpeechEmulator? _emulator;

    /// <summary>The environment variable holding a vendor's API key.</summary>
    public static string KeyVariable(SpeechVendor vendor) => vendor switch
    {
        SpeechVendor.Pyannote => "PYANNOTE_API_KEY",
        SpeechVendor.Together => "TOGETHER_API_KEY",
        SpeechVendor.JigsawStack => "JIGSAWSTACK_API_KEY",
        SpeechVendor.NanoGpt => "NANOGPT_API_KEY",
        _ => throw new ArgumentOutOfRangeException(nameof(vendor)),
    };

    /// <summary>Parses <c>pyannote</c>, <c>together</c>, <c>jigsawstack</c> or <c>nanogpt</c>.</summary>
    public static SpeechVendor ParseVendor(string name) => name.ToLowerInvariant() switch
    {
        "pyannote" or "pyannoteai" => SpeechVendor.Pyannote,
        "together" => SpeechVendor.Together,
        "jigsawstack" or "jigsaw" => SpeechVendor.JigsawStack,
        "nanogpt" => SpeechVendor.NanoGpt,
        _ => throw new ArgumentException($"Unknown vendor '{name}': use pyannote, together, jigsawstack or nanogpt."),
    };

    public async Task<ISpeechClient> CreateAsync(SpeechVendor vendor) => vendor switch
    {
        SpeechVendor.Pyannote => await PyannoteAsync(),
        SpeechVendor.Together => await TogetherAsync(),
        SpeechVendor.JigsawStack => await JigsawStackAsync(),
        _ => await NanoGptAsync(),
    };

    public async Task<PyannoteClient> PyannoteAsync()
    {
        var (key, emulator) = await ResolveAsync(SpeechVendor.Pyannote);
        return new PyannoteClient(key, new PyannoteClientOptions { Endpoint = emulator?.PyannoteEndpoint });
    }

    public async Task<TogetherClient> TogetherAsync()
    {
        var (key, emulator) = await ResolveAsync(SpeechVendor.Together);
        return new TogetherClient(key, new TogetherClientOptions { Endpoint = emulator?.TogetherEndpoint });
    }

    public async Task<JigsawStackClient> JigsawStackAsync()
    {
        var (key, emulator) = await ResolveAsync(SpeechVendor.JigsawStack);
        return new JigsawStackClient(key, new JigsawStackClientOptions { Endpoint = emulator?.JigsawStackEndpoint });
    }

    public async Task<NanoGptClient> NanoGptAsync()
    {
        var (key, emulator) = await ResolveAsync(SpeechVendor.NanoGpt);
        return new NanoGptClient(key, new NanoGptClientOptions { Endpoint = emulator?.NanoGptEndpoint });
    }

    /// <summary>The vendor's key from the environment, or the emulator's key and the emulator itself.</summary>
    private async Task<(string Key, SpeechEmulator? Emulator)> ResolveAsync(SpeechVendor vendor)
    {
        var key = Environment.GetEnvironmentVariable(KeyVariable(vendor));
        if (!string.IsNullOrWhiteSpace(key))
        {
            return (key, null);
        }

        if (_emulator is null)
        {
            // Short job delays: the emulator still goes created -> running -> succeeded, just quickly. It answers with
            // the words of a sidecar transcript (<audio>.transcript.json) found next to the audio, else derives turns
            // from the audio itself.
            var options = new SpeechEmulatorOptions
            {
                JobQueuedDelay = TimeSpan.FromMilliseconds(200),
                JobRunningDelay = TimeSpan.FromMilliseconds(600),
            };
            foreach (var directory in audioDirectories.Append(Path.Combine("samples", "audio")).Where(Directory.Exists).Select(Path.GetFullPath).Distinct())
            {
                options.AudioLibraryDirectories.Add(directory);
            }

            _emulator = await SpeechEmulator.StartAsync(options);
            Console.Error.WriteLine($"No {KeyVariable(vendor)} set: using the local emulator at {_emulator.BaseAddress} (not the real service).");
        }

        return (_emulator.ApiKey, _emulator);
    }

    public async ValueTask DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }
}

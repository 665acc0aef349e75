// Registers every speech vendor from configuration with a Generic Host and transcribes one file or URL with the vendor
// chosen on the command line, resolved as a keyed ISpeechClient.
//
//   dotnet run -- together meeting.wav
//   dotnet run -- pyannote https://example.com/meeting.mp3
//   DOTNET_ENVIRONMENT=Emulator dotnet run -- nanogpt meeting.wav            (all vendors on the local emulator)
//   dotnet run -- jigsawstack meeting.wav --Speech:JigsawStack:Endpoint=http://127.0.0.1:5080/jigsawstack/
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pyannote.Sdk;

var positional = args.Where(a => !a.StartsWith('-')).ToArray();
if (positional.Length < 2)
{
    Console.Error.WriteLine("usage: DependencyInjection <pyannote|together|jigsawstack|nanogpt> <audio file or http(s) URL> [--Speech:<Vendor>:<Setting>=value ...]");
    return 2;
}

var vendorKey = positional[0].ToLowerInvariant();
var audioArgument = positional[1];

// Only --key=value arguments are configuration; the two positional ones are ours.
var builder = Host.CreateApplicationBuilder(args.Where(a => a.StartsWith('-')).ToArray());
builder.Services.AddSpeechClients(builder.Configuration.GetSection("Speech"));

using var host = builder.Build();
try
{
    // Start-up validation: a missing key or a malformed endpoint stops here, naming the configuration path.
    await host.StartAsync();
}
catch (Exception ex) when (ex is OptionsValidationException || (ex is AggregateException all && all.InnerExceptions.All(e => e is OptionsValidationException)))
{
    var problems = ex is AggregateException many ? many.InnerExceptions : [ex];
    foreach (var problem in problems)
    {
        Console.Error.WriteLine("Configuration error: " + problem.Message);
    }

    return 1;
}

var client = host.Services.GetKeyedService<ISpeechClient>(vendorKey);
if (client is null)
{
    Console.Error.WriteLine($"No vendor '{vendorKey}' is registered; add a Speech:<Vendor> section to appsettings.json.");
    return 2;
}

var audio = Uri.TryCreate(audioArgument, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
    ? AudioInput.FromUrl(url)
    : AudioInput.FromFile(audioArgument);

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    var transcript = await client.TranscribeAsync(audio, new TranscriptionOptions(), cancel.Token);
    Console.WriteLine($"{client.Vendor.DisplayName()}: {transcript.Words.Count} words, {transcript.Speakers.Count} speakers");
    foreach (var turn in transcript.Turns)
    {
        Console.WriteLine(turn);
    }

    return 0;
}
catch (SpeechApiException ex)
{
    Console.Error.WriteLine($"{ex.Vendor.DisplayName()} error {ex.StatusCode}: {ex.Message}");
    return 1;
}
catch (SpeechException ex)
{
    // Every other SDK failure: a timeout, a connection the SDK could not retry away (SpeechTransportException says
    // whether the vendor may have received the request), a job outcome; each names the vendor and operation.
    Console.Error.WriteLine(ex.Message);
    return 1;
}
finally
{
    await host.StopAsync();
}

// Quickstart: who said what, and when, in one call.
//
//   dotnet run --project samples/Quickstart -- samples/audio/conversation.wav [--vendor pyannote|together|jigsawstack|nanogpt]
//
// Every vendor client implements ISpeechClient, so switching vendors changes only the client. The API key comes from
// the vendor's environment variable (PYANNOTE_API_KEY, TOGETHER_API_KEY, JIGSAWSTACK_API_KEY, NANOGPT_API_KEY); with
// none set, the sample runs against the local emulator (see Shared/SampleClients.cs).
using Pyannote.Sdk;
using Pyannote.Sdk.Transcripts;
using Samples;

string? path = null;
var vendor = SpeechVendor.Pyannote;
try
{
    for (var i = 0; i < args.Length; i++)
    {
        if (args[i] == "--vendor" && i + 1 < args.Length)
        {
            vendor = SampleClients.ParseVendor(args[++i]);
        }
        else if (path is null && !args[i].StartsWith("--", StringComparison.Ordinal))
        {
            path = args[i];
        }
        else
        {
            throw new ArgumentException($"Unexpected argument '{args[i]}'.");
        }
    }
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    path = null;
}

if (path is null)
{
    Console.Error.WriteLine("Usage: Quickstart <audio file> [--vendor pyannote|together|jigsawstack|nanogpt]");
    return 2;
}

if (!File.Exists(path))
{
    Console.Error.WriteLine($"No such file: {path}");
    return 2;
}

await using var clients = new SampleClients(Path.GetDirectoryName(Path.GetFullPath(path))!);
try
{
    ISpeechClient client = await clients.CreateAsync(vendor);

    // One call: upload (or stream) the file, wait for the vendor, get words with speakers and times.
    Transcript transcript = await client.TranscribeAsync(AudioInput.FromFile(path), new TranscriptionOptions { Diarize = true });

    // One line per speaker turn: "SPEAKER_00 (0:03): text". The transcript also exports to SRT, WebVTT, RTTM and JSON
    // (ToSrt, ToWebVtt, ToRttm, ToJson), and transcript.Turns / transcript.Words give the same data as objects.
    Console.Write(transcript.ToPlainText());

    Console.Error.WriteLine($"{vendor.DisplayName()}: {transcript.Speakers.Count} speakers, {transcript.Words.Count} words.");
    return 0;
}
catch (Exception ex) when (ex is ArgumentException or IOException or SpeechException)
{
    // ArgumentException / FileNotFoundException (an IOException): bad input, nothing sent. SpeechException: every
    // SDK failure, naming the vendor and operation: SpeechApiException is the vendor's error (status, message, request
    // id), SpeechJobException a job that failed, was canceled or took too long, SpeechTransportException and
    // SpeechTimeoutException network trouble.
    Console.Error.WriteLine($"Transcription failed: {ex.Message}");
    return 1;
}

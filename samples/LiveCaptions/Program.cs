// LiveCaptions: live captions that say who is speaking, as the audio plays.
//
//   dotnet run --project samples/LiveCaptions -- [WAV file, default samples/audio/conversation.wav]
//
// The file is streamed at real-time pace, as a microphone would deliver it, to pyannoteAI live diarization (who speaks)
// and Together AI real-time transcription (what is said) at the same time. LiveTranscriber commits Together's audio
// buffer wherever pyannoteAI reports a speaker change, so each caption belongs to one speaker. While a turn is spoken its
// provisional text is shown on stderr; when it firms up, one line per turn goes to stdout:
//
//   SPEAKER_00 (0:00): Good morning everyone, thanks for joining the planning call today.
//
// Keys: PYANNOTE_API_KEY (live diarization is a beta that must be enabled for the team) and TOGETHER_API_KEY; a vendor
// without a key runs against the local emulator (see Shared/SampleClients.cs). Ctrl+C stops both sessions at once.
using Pyannote.Sdk;
using Pyannote.Sdk.Live;
using Samples;

var path = args.Length > 0 ? args[0] : Path.Combine("samples", "audio", "conversation.wav");
if (!File.Exists(path))
{
    Console.Error.WriteLine($"No such file: {path}\nUsage: LiveCaptions [WAV file]");
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

await using var clients = new SampleClients(Path.GetDirectoryName(Path.GetFullPath(path))!);
try
{
    var transcriber = new LiveTranscriber(await clients.PyannoteAsync(), await clients.TogetherAsync());
    var turns = 0;
    await foreach (var update in transcriber.TranscribeAsync(LiveAudioSource.FromWavFile(path), stop.Token))
    {
        switch (update)
        {
            case LiveSpeakerChanged { Speaker: { } speaker } changed:
                Console.Error.WriteLine($"[{Clock(changed.Time)}] {speaker} is speaking");
                break;
            case LiveCaptionProvisional provisional:
                Console.Error.WriteLine($"  ... {provisional.Speaker ?? "?"}: {provisional.Text}");
                break;
            case LiveCaptionFinal final:
                turns++;
                Console.WriteLine($"{final.Turn.Speaker ?? "UNKNOWN"} ({Clock(final.Turn.Start)}): {final.Turn.Text}");
                break;
            case LiveCaptionIssue issue:
                Console.Error.WriteLine($"  ! {issue.Vendor}: {issue.Message}");
                break;
            case LiveCaptionsCompleted completed:
                Console.Error.WriteLine($"{turns} captions, {completed.Transcript.Speakers.Count} speakers, {completed.Transcript.Duration?.TotalSeconds:0.0} s of audio.");
                break;
        }
    }

    return 0;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("Stopped.");
    return 130;
}
catch (Exception ex) when (ex is ArgumentException or IOException or SpeechException)
{
    Console.Error.WriteLine($"Failed: {ex.Message}");
    return 1;
}

static string Clock(TimeSpan time) => $"{(int)time.TotalMinutes}:{time.Seconds:00}";

// DiarizeAndMerge: speakers from one vendor, words from another, merged on your machine.
//
//   dotnet run --project samples/DiarizeAndMerge -- [audio file, default samples/audio/conversation.wav]
//
// pyannoteAI says who spoke when (exclusive diarization: one speaker at a time); Together AI's Whisper says which
// words were spoken when (verbose_json with word timestamps, no diarization). TranscriptMerger gives each word the
// speaker whose segment covers it and groups the words into turns. Keys: PYANNOTE_API_KEY and TOGETHER_API_KEY; a
// vendor without a key runs against the local emulator (see Shared/SampleClients.cs).
using Pyannote.Sdk;
using Pyannote.Sdk.PyannoteAI;
using Pyannote.Sdk.Together;
using Pyannote.Sdk.Transcripts;
using Samples;

var path = args.Length > 0 ? args[0] : Path.Combine("samples", "audio", "conversation.wav");
if (!File.Exists(path))
{
    Console.Error.WriteLine($"No such file: {path}\nUsage: DiarizeAndMerge [audio file]");
    return 2;
}

await using var clients = new SampleClients(Path.GetDirectoryName(Path.GetFullPath(path))!);
try
{
    PyannoteClient pyannote = await clients.PyannoteAsync();
    TogetherClient together = await clients.TogetherAsync();
    var audio = AudioInput.FromFile(path);

    // Both requests run at the same time.
    Task<DiarizationResult> diarizing = pyannote.DiarizeAsync(audio, new DiarizationOptions { Exclusive = true });
    Task<TogetherTranscription> transcribing = together.CreateTranscriptionAsync(audio, new TogetherTranscriptionOptions
    {
        ResponseFormat = TogetherResponseFormat.VerboseJson,
        TimestampGranularities = TogetherTimestampGranularities.Word,
    });
    DiarizationResult diarization = await diarizing;
    TogetherTranscription transcription = await transcribing;

    // Words without speakers + speaker segments -> words with speakers, grouped into turns.
    IEnumerable<TranscriptWord> words = transcription.Words.Select(w => new TranscriptWord(w.Word, w.Start, w.End));
    // The exclusive diarization (one speaker at a time) decides; the regular one covers any word it leaves out.
    Transcript merged = TranscriptMerger.Merge(words, diarization.Diarization, diarization.ExclusiveDiarization);

    Console.Error.WriteLine($"{diarization.Diarization.Count} speaker segments from pyannoteAI, {transcription.Words.Count} words from Together AI.");
    Console.Write(merged.ToPlainText());   // "SPEAKER_00 (0:03): text", one line per turn

    return 0;
}
catch (Exception ex) when (ex is ArgumentException or IOException or SpeechException)
{
    Console.Error.WriteLine($"Failed: {ex.Message}");
    return 1;
}

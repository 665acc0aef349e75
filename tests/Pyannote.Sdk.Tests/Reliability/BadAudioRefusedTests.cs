using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace Pyannote.Sdk.Tests.Reliability;

/// <summary>
/// Issue 13, findings 6 and 7: bad local audio is refused before any byte goes on the wire. Empty files and streams,
/// text or random bytes under an audio name, and paths that are not regular files (a FIFO, <c>/dev/zero</c>, a
/// symbolic-link loop, a directory) each fail fast with an <see cref="ArgumentException"/> naming the parameter, the file
/// and the rule, for every operation of every vendor that uploads; a counting transport proves nothing was sent.
/// Writes <c>artifacts/reliability/bad-audio-matrix.md</c> (the figure in docs/reliability.md).
/// </summary>
public sealed partial class BadAudioRefusedTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30); // only a broken build gets near it: a FIFO blocks forever
    private readonly string _dir = Directory.CreateTempSubdirectory("pyannote-sdk-bad-audio-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>One bad input: a name for the table, how to make it, the file name the message must carry, words of the rule.</summary>
    private sealed record BadInput(string Name, Func<AudioInput> Make, string FileName, string Rule);

    /// <summary>One uploading operation: vendor, method, and the parameter name it reports.</summary>
    private sealed record Operation(string Vendor, string Method, Func<VendorClients, AudioInput, Task> Call, string Param);

    private static readonly Operation[] Operations = [.. VendorRows.Of<Operation>(typeof(BadAudioRefusedTests))];

    private List<BadInput> Inputs()
    {
        var empty = Write("empty.wav", []);
        var text = Write("notes.wav", "Meeting notes: call Bob at 10.\n"u8.ToArray());
        var random = Write("noise.mp3", Enumerable.Range(0, 4096).Select(i => (byte)(i * 37 % 251 + 1)).ToArray());
        var loop = Path.Combine(_dir, "loop.wav");
        File.CreateSymbolicLink(loop, Path.Combine(_dir, "loop2.wav"));
        File.CreateSymbolicLink(Path.Combine(_dir, "loop2.wav"), loop);
        var directory = Directory.CreateDirectory(Path.Combine(_dir, "folder.wav")).FullName;
        var inputs = new List<BadInput>
        {
            new("0-byte file", () => AudioInput.FromFile(empty), "empty.wav", "empty"),
            new("text file named .wav", () => AudioInput.FromFile(text), "notes.wav", "does not start like"),
            new("random bytes named .mp3", () => AudioInput.FromFile(random), "noise.mp3", "does not start like"),
            new("0-byte seekable stream", () => AudioInput.FromStream(new MemoryStream(), "clip.wav"), "clip.wav", "empty"),
            new("text on a non-seekable stream", () => AudioInput.FromStream(new NonSeekableStream("hello, this is text"u8.ToArray()), "clip.wav"), "clip.wav", "does not start like"),
            new("symbolic-link loop", () => AudioInput.FromFile(loop), "loop.wav", "symbolic link"),
            new("directory", () => AudioInput.FromFile(directory), "folder.wav", "directory"),
        };
        if (!OperatingSystem.IsWindows())
        {
            var fifo = MakeFifo("pipe.wav");
            inputs.Add(new("FIFO (named pipe)", () => AudioInput.FromFile(fifo), "pipe.wav", "FIFO"));
            inputs.Add(new("/dev/zero", () => AudioInput.FromFile("/dev/zero"), "zero", "character device"));
        }

        return inputs;
    }

    [Fact]
    public async Task Bad_audio_is_refused_naming_the_file_and_the_rule_with_zero_requests_for_every_uploading_operation()
    {
        var transport = new CountingTransport();
        var clients = new VendorClients(ReliabilityData.ApiKey, transport);
        var inputs = Inputs();
        var failures = new List<string>();
        var table = new StringBuilder();
        table.AppendLine("| bad input | " + string.Join(" | ", Operations.Select(o => $"{o.Vendor} {o.Method}")) + " |");
        table.AppendLine("|---|" + string.Concat(Operations.Select(_ => "---:|")));
        foreach (var input in inputs)
        {
            table.Append(CultureInfo.InvariantCulture, $"| {input.Name} |");
            foreach (var op in Operations)
            {
                var before = transport.Count;
                var ex = await CallAsync(() => op.Call(clients, input.Make()));
                var sent = transport.Count - before;
                table.Append(CultureInfo.InvariantCulture, $" {sent} |");
                var why = ex switch
                {
                    null => "no exception",
                    TimeoutException => $"still running after {Hang.TotalSeconds} s (blocked)",
                    not ArgumentException => $"{ex.GetType().Name}: {ex.Message}",
                    ArgumentException a when a.ParamName != op.Param => $"ParamName '{a.ParamName}', expected '{op.Param}'",
                    _ when !ex.Message.Contains(input.FileName, StringComparison.Ordinal) => $"message does not name '{input.FileName}': {ex.Message}",
                    _ when !ex.Message.Contains(input.Rule, StringComparison.OrdinalIgnoreCase) => $"message does not state the rule '{input.Rule}': {ex.Message}",
                    _ when sent > 0 => $"{sent} request(s) sent",
                    _ => null,
                };
                if (why is not null)
                {
                    failures.Add($"{input.Name} / {op.Vendor} {op.Method}: {why}");
                }
            }

            table.AppendLine();
        }

        var report = $"Bad-audio cases refused before any request: {inputs.Count * Operations.Length - failures.Count}/{inputs.Count * Operations.Length} " +
            $"(requests sent in total: {transport.Count}). Each cell is the number of requests the call sent.\n\n{table}";
        output.WriteLine(report);
        ReliabilityData.WriteReport("bad-audio-matrix.md", report);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(0, transport.Count);
    }

    [Theory]
    [InlineData("RIFF....WAVEfmt ", "WAV")]
    [InlineData("RF64....WAVEds64", "WAV")]
    [InlineData("fLaC\0\0\0\"", "FLAC")]
    [InlineData("OggS\0\u0002\0\0", "OGG")]
    [InlineData("ID3\u0004\0\0\0\0\0\0", "MP3 (ID3-tagged)")]
    [InlineData("\0\0\0\u0020ftypM4A ", "MP4/M4A/MOV")]
    [InlineData("\0\0\0\u0014ftypqt  ", "MP4/M4A/MOV")]
    [InlineData("#!AMR\n", "AMR")]
    [InlineData("#!AMR-WB\n", "AMR")]
    [InlineData("FORM....AIFF", "AIFF")]
    [InlineData("caff\0\u0001\0\0", "CAF")]
    public void Recognises_containers_by_their_first_bytes(string latin1, string expected) =>
        Assert.Equal(expected, Pyannote.Sdk.Http.AudioSignatures.Detect(Encoding.Latin1.GetBytes(latin1)));

    [Theory]
    [InlineData(new byte[] { 0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81 }, "WebM/Matroska")]
    [InlineData(new byte[] { 0xFF, 0xFB, 0x90, 0x64 }, "MP3 (MPEG audio)")] // MPEG-1 layer III, 128 kbit/s, 44.1 kHz
    [InlineData(new byte[] { 0xFF, 0xF3, 0x48, 0xC4 }, "MP3 (MPEG audio)")] // MPEG-2 layer III
    [InlineData(new byte[] { 0xFF, 0xF1, 0x50, 0x80, 0x02, 0x1F, 0xFC }, "AAC (ADTS)")]
    [InlineData(new byte[] { 0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11 }, "WMA/ASF")]
    public void Recognises_binary_signatures(byte[] prefix, string expected) =>
        Assert.Equal(expected, Pyannote.Sdk.Http.AudioSignatures.Detect(prefix));

    [Theory]
    [InlineData("")]
    [InlineData("RIFF")] // truncated
    [InlineData("RIFF....AVI LIST")] // a RIFF that is not WAVE
    [InlineData("{\"text\": \"hello\"}")]
    [InlineData("%PDF-1.7")]
    [InlineData("PK\u0003\u0004")]
    [InlineData("\u00FF\u00FF\u00FF\u00FF")] // frame sync with invalid fields
    [InlineData("\0\0\0\0\0\0\0\0\0\0\0\0")]
    public void Refuses_what_is_not_an_audio_container(string latin1) =>
        Assert.Null(Pyannote.Sdk.Http.AudioSignatures.Detect(Encoding.Latin1.GetBytes(latin1)));

    private static async Task<Exception?> CallAsync(Func<Task> call)
    {
        var task = Task.Run(call);
        try
        {
            await task.WaitAsync(Hang);
            return null;
        }
        catch (TimeoutException e)
        {
            return e;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string MakeFifo(string name)
    {
        var path = Path.Combine(_dir, name);
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    private static int CountOccurrences(byte[] haystack, byte[] needle)
    {
        var count = 0;
        for (var i = haystack.AsSpan().IndexOf(needle); i >= 0;)
        {
            count++;
            var next = haystack.AsSpan(i + 1).IndexOf(needle);
            i = next < 0 ? -1 : i + 1 + next;
        }

        return count;
    }
}

using Pyannote.Sdk.Together;

namespace Pyannote.Sdk.Tests.VendorOptions;

public partial class RequestOptionsTests
{
    [Fact]
    public async Task Upload_progress_reports_a_bounded_number_of_times_and_ends_with_every_byte()
    {
        var bytes = TestAudio.Wav(3_000_000);
        using var file = TestFiles.Audio(".wav", bytes);
        var reports = new List<UploadProgress>();
        var client = new TogetherClient("tg-key", new TogetherClientOptions { Transport = _wire.Mock });

        await client.CreateTranscriptionAsync(AudioInput.FromFile(file.Path), requestOptions: new SpeechRequestOptions
        {
            UploadProgress = new SyncProgress<UploadProgress>(p => { lock (reports) { reports.Add(p); } }),
        });

        Assert.NotEmpty(reports);
        var last = reports[^1];
        Assert.Equal(bytes.Length, last.BytesSent);
        Assert.Equal(bytes.Length, last.TotalBytes);
        Assert.True(last.Elapsed >= TimeSpan.Zero);
        Assert.True(reports.Count <= 2 + (int)(last.Elapsed / TimeSpan.FromMilliseconds(100)), $"{reports.Count} reports in {last.Elapsed}");
        Assert.Equal(reports.Select(r => r.BytesSent).Order(), reports.Select(r => r.BytesSent));
    }
}

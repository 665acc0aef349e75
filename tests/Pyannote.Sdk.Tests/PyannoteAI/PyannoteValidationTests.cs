using Pyannote.Sdk.PyannoteAI;

namespace Pyannote.Sdk.Tests.PyannoteAI;

/// <summary>Bad input is rejected with an ArgumentException naming the parameter and the rule, and nothing is sent.</summary>
public class PyannoteValidationTests
{
    private static readonly AudioInput Url = AudioInput.FromUrl("https://example.com/a.wav");

    private static async Task<ArgumentException> Rejected(Func<PyannoteClient, Task> call, string paramName, string rule)
    {
        var kit = new PyannoteTestKit();
        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => call(kit.Client));
        Assert.Equal(paramName, ex.ParamName);
        Assert.Contains(rule, ex.Message, StringComparison.OrdinalIgnoreCase);
        kit.AssertNothingSent();
        return ex;
    }

    private static IdentificationOptions Identify(params PyannoteVoiceprint[] voiceprints)
    {
        var o = new IdentificationOptions();
        foreach (var v in voiceprints)
        {
            o.Voiceprints.Add(v);
        }

        return o;
    }

    [Theory]
    [InlineData("ftp://example.com/a.wav")]
    [InlineData("file:///tmp/a.wav")]
    [InlineData("s3://bucket/a.wav")]
    public Task A_url_that_is_not_http_or_media_is_rejected(string url) =>
        Rejected(c => c.StartDiarizationAsync(AudioInput.FromUrl(url)), "audio", "http(s) URLs or media://");

    [Theory]
    [InlineData("media://calls/bad!key.wav")]
    [InlineData("media://calls/a b.wav")]
    [InlineData("media://a?b")]
    [InlineData("media://caf\u00e9")]
    public Task A_media_url_with_characters_outside_the_allowed_set_is_rejected(string url) =>
        Rejected(c => c.StartDiarizationAsync(AudioInput.FromUrl(url)), "audio", "letters, digits");

    [Fact]
    public Task A_media_url_longer_than_255_characters_is_rejected() =>
        Rejected(c => c.StartDiarizationAsync(AudioInput.FromUrl("media://" + new string('a', 248))), "audio", "at most 255");

    [Fact]
    public async Task A_media_url_of_exactly_255_characters_is_accepted()
    {
        var kit = new PyannoteTestKit();
        kit.JobCreated("/v1/diarize");
        await kit.Client.StartDiarizationAsync(AudioInput.FromUrl("media://" + new string('a', 247)));
        Assert.Single(kit.Requests);
    }

    [Fact]
    public Task An_upload_media_key_outside_the_rules_is_rejected() =>
        Rejected(c => c.UploadAsync(AudioInput.FromStream(new MemoryStream(new byte[10]), "a.wav"), "my key"), "mediaKey", "letters, digits");

    [Fact]
    public Task An_upload_media_key_longer_than_255_is_rejected() =>
        Rejected(c => c.UploadAsync(AudioInput.FromStream(new MemoryStream(new byte[10]), "a.wav"), new string('k', 250)), "mediaKey", "at most 255");

    [Fact]
    public Task Uploading_a_url_input_is_rejected() =>
        Rejected(c => c.UploadAsync(Url), "audio", "Only local files");

    [Fact]
    public Task Num_speakers_with_min_or_max_is_rejected() =>
        Rejected(c => c.StartDiarizationAsync(Url, new DiarizationOptions { NumSpeakers = 2, MaxSpeakers = 3 }), "options", "cannot be combined");

    [Theory]
    [InlineData(0, null, null, "NumSpeakers must be at least 1")]
    [InlineData(null, 0, null, "MinSpeakers must be at least 1")]
    [InlineData(null, null, 0, "MaxSpeakers must be at least 1")]
    [InlineData(null, 4, 3, "must not be greater than MaxSpeakers")]
    public Task Speaker_counts_out_of_range_are_rejected(int? num, int? min, int? max, string rule) =>
        Rejected(c => c.StartDiarizationAsync(Url, new DiarizationOptions { NumSpeakers = num, MinSpeakers = min, MaxSpeakers = max }), "options", rule);

    [Fact]
    public Task Transcription_with_a_model_other_than_precision_2_is_rejected() =>
        Rejected(c => c.StartDiarizationAsync(Url, new DiarizationOptions { Model = PyannoteModel.Community1, Transcription = true }), "options", "needs the precision-2 model");

    [Fact]
    public Task Transcription_on_an_identification_job_is_rejected() =>
        Rejected(c => c.StartIdentificationAsync(Url, Transcribing(Identify(new PyannoteVoiceprint("Sam", "vp")))), "options", "not available for identification");

    private static IdentificationOptions Transcribing(IdentificationOptions o)
    {
        o.Transcription = true;
        return o;
    }

    [Theory]
    [InlineData("http://hooks.example.com/x")]
    [InlineData("ftp://hooks.example.com/x")]
    public async Task A_webhook_that_is_not_https_is_rejected(string webhook)
    {
        await Rejected(c => c.StartDiarizationAsync(Url, new DiarizationOptions { Webhook = new Uri(webhook) }), "options", "https");
        await Rejected(c => c.StartVoiceprintAsync(Url, new VoiceprintOptions { Webhook = new Uri(webhook) }), "options", "https");
        await Rejected(c => c.StartIdentificationAsync(Url, new IdentificationOptions { Webhook = new Uri(webhook), Voiceprints = { new PyannoteVoiceprint("Sam", "vp") } }), "options", "https");
    }

    [Fact]
    public Task No_voiceprints_is_rejected() =>
        Rejected(c => c.StartIdentificationAsync(Url, Identify()), "options", "between 1 and 50");

    [Fact]
    public async Task Fifty_one_voiceprints_are_rejected_and_fifty_are_accepted()
    {
        await Rejected(c => c.StartIdentificationAsync(Url, Identify(Enumerable.Range(0, 51).Select(i => new PyannoteVoiceprint($"p{i}", "vp")).ToArray())), "options", "between 1 and 50");

        var kit = new PyannoteTestKit();
        kit.JobCreated("/v1/identify");
        await kit.Client.StartIdentificationAsync(Url, Identify(Enumerable.Range(0, 50).Select(i => new PyannoteVoiceprint($"p{i}", "vp")).ToArray()));
        Assert.Single(kit.Requests);
    }

    [Fact]
    public Task A_label_longer_than_100_is_rejected() =>
        Rejected(c => c.StartIdentificationAsync(Url, Identify(new PyannoteVoiceprint(new string('x', 101), "vp"))), "options", "at most 100");

    [Theory]
    [InlineData("SPEAKER_00")]
    [InlineData("speaker_01")]
    [InlineData("Speaker_Sam")]
    public Task A_label_starting_with_SPEAKER_in_any_case_is_rejected(string label) =>
        Rejected(c => c.StartIdentificationAsync(Url, Identify(new PyannoteVoiceprint(label, "vp"))), "options", "must not start with 'SPEAKER_'");

    [Fact]
    public Task An_empty_or_oversized_voiceprint_is_rejected() =>
        Rejected(c => c.StartIdentificationAsync(Url, Identify(new PyannoteVoiceprint("Sam", new string('v', 20001)))), "options", "1 to 20000");

    [Fact]
    public Task A_matching_threshold_outside_0_to_100_is_rejected() =>
        Rejected(c => c.StartIdentificationAsync(Url, new IdentificationOptions { MatchingThreshold = 101, Voiceprints = { new PyannoteVoiceprint("Sam", "vp") } }), "options", "between 0 and 100");

    [Fact]
    public async Task A_missing_file_is_FileNotFoundException_naming_the_file_and_the_parameter()
    {
        var kit = new PyannoteTestKit();
        var path = Path.Combine(Path.GetTempPath(), "pyannote-missing-" + Guid.NewGuid() + ".wav");
        var ex = await Assert.ThrowsAsync<FileNotFoundException>(() => kit.Client.StartDiarizationAsync(AudioInput.FromFile(path)));
        Assert.Equal(path, ex.FileName);
        Assert.Contains("parameter 'audio'", ex.Message, StringComparison.Ordinal);
        kit.AssertNothingSent();
    }

    [Fact]
    public async Task A_file_over_1_GiB_is_rejected_for_diarization_and_identification()
    {
        var path = SparseFile((1L << 30) + 1);
        try
        {
            await Rejected(c => c.StartDiarizationAsync(AudioInput.FromFile(path)), "audio", "1 GiB");
            await Rejected(c => c.StartIdentificationAsync(AudioInput.FromFile(path), Identify(new PyannoteVoiceprint("Sam", "vp"))), "audio", "1 GiB");
            await Rejected(c => c.UploadAsync(AudioInput.FromFile(path)), "audio", "1 GiB");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_file_over_100_MiB_is_rejected_for_a_voiceprint()
    {
        var path = SparseFile((100L << 20) + 1);
        try
        {
            await Rejected(c => c.StartVoiceprintAsync(AudioInput.FromFile(path)), "audio", "100 MiB");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_non_seekable_stream_over_the_voiceprint_limit_is_rejected_while_spooling_before_any_request()
    {
        var kit = new PyannoteTestKit();
        var stream = new NonSeekableStream(new ZeroStream((100L << 20) + 1));
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => kit.Client.StartVoiceprintAsync(AudioInput.FromStream(stream, "v.wav")));
        Assert.Equal("audio", ex.ParamName);
        kit.AssertNothingSent();
    }

    [Fact]
    public async Task Empty_job_ids_are_rejected()
    {
        var kit = new PyannoteTestKit();
        Assert.Throws<ArgumentException>("jobId", () => kit.Client.GetDiarizationJob(" "));
        await Assert.ThrowsAsync<ArgumentException>("jobId", () => kit.Client.GetJobAsync(""));
        kit.AssertNothingSent();
    }

    internal static string SparseFile(long length)
    {
        var path = Path.Combine(Path.GetTempPath(), "pyannote-sdk-test-" + Guid.NewGuid().ToString("N") + ".wav");
        using var fs = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        fs.SetLength(length);
        fs.Write(TestAudio.WavHeader()); // passes the content check; the rest stays sparse
        return path;
    }
}

/// <summary>A read-only stream of zeros of a given length, produced on the fly.</summary>
public sealed class ZeroStream(long length) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = (int)Math.Min(count, length - _position);
        Array.Clear(buffer, offset, n);
        _position += n;
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

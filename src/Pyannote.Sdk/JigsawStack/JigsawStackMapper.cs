using System.Text.Json;
using Pyannote.Sdk.Generated.JigsawStack;
using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.JigsawStack;

/// <summary>
/// Reads JigsawStack's transcription JSON: the synchronous answer, and webhook deliveries (the same structure plus
/// <c>id</c> and <c>status</c>). The one parser for both paths.
/// </summary>
internal static class JigsawStackMapper
{
    /// <summary>Parses a transcription body (synchronous answer or webhook delivery).</summary>
    /// <param name="json">The body.</param>
    /// <param name="rateLimit">Rate-limit headers of the response, if any.</param>
    /// <returns>The typed result.</returns>
    /// <exception cref="SpeechResponseFormatException">The body is not a JigsawStack transcription.</exception>
    public static JigsawStackTranscription Parse(string json, SpeechRateLimit? rateLimit = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        TranscribeResponse? dto;
        try
        {
            dto = JsonSerializer.Deserialize(json, JigsawStackGeneratedClient.TypeInfo<TranscribeResponse>());
        }
        catch (JsonException ex)
        {
            throw new SpeechResponseFormatException(SpeechVendor.JigsawStack, 200, "The transcription body is not valid JSON: " + ex.Message, ex);
        }

        return FromDto(dto ?? throw new SpeechResponseFormatException(SpeechVendor.JigsawStack, 200, "The transcription body is empty."), rateLimit);
    }

    /// <summary>Parses a transcription body given as UTF-8 bytes (for example a webhook request body).</summary>
    /// <param name="utf8Json">The body.</param>
    /// <param name="rateLimit">Rate-limit headers of the response, if any.</param>
    /// <returns>The typed result.</returns>
    /// <exception cref="SpeechResponseFormatException">The body is not a JigsawStack transcription.</exception>
    public static JigsawStackTranscription Parse(ReadOnlySpan<byte> utf8Json, SpeechRateLimit? rateLimit = null)
    {
        TranscribeResponse? dto;
        try
        {
            dto = JsonSerializer.Deserialize(utf8Json, JigsawStackGeneratedClient.TypeInfo<TranscribeResponse>());
        }
        catch (JsonException ex)
        {
            throw new SpeechResponseFormatException(SpeechVendor.JigsawStack, 200, "The transcription body is not valid JSON: " + ex.Message, ex);
        }

        return FromDto(dto ?? throw new SpeechResponseFormatException(SpeechVendor.JigsawStack, 200, "The transcription body is empty."), rateLimit);
    }

    /// <summary>Maps the generated DTO.</summary>
    public static JigsawStackTranscription FromDto(TranscribeResponse dto, SpeechRateLimit? rateLimit, string? requestedLanguage = null, bool wordChunks = false)
    {
        var (code, confidence) = ReadLanguage(dto.Language_detected);
        // A null entry in chunks[] or speakers[] carries nothing to map; it is skipped rather than dereferenced.
        var chunks = (dto.Chunks ?? []).Where(c => c is not null).Select((c, i) => Chunk(c.Timestamp, c.Text, c.Speaker, "chunks", i)).ToArray();
        var speakers = (dto.Speakers ?? []).Where(c => c is not null).Select((c, i) => Chunk(c.Timestamp, c.Text, c.Speaker, "speakers", i)).ToArray();
        var text = dto.Text ?? TextJoiner.Join(chunks.Select(c => c.Text));
        return new JigsawStackTranscription(text)
        {
            Chunks = chunks,
            Speakers = speakers,
            LanguageDetected = code,
            LanguageConfidence = confidence ?? dto.Confidence,
            Success = dto.Success,
            Usage = dto._usage is { } u ? new JigsawStackUsage(u.Input_tokens, u.Output_tokens, u.Inference_time_tokens, u.Total_tokens) : null,
            LogId = dto.Log_id,
            Id = dto.Id,
            Status = dto.Status,
            RequestedLanguage = string.Equals(requestedLanguage, "auto", StringComparison.OrdinalIgnoreCase) ? null : requestedLanguage,
            RateLimit = rateLimit,
            WordChunks = wordChunks,
            Raw = Http.RawJson.Of(dto, JigsawStackGeneratedClient.TypeInfo<TranscribeResponse>()),
        };
    }

    /// <summary>Maps one chunk DTO (a streamed <c>transcript.segment</c>'s <c>chunk</c>); <paramref name="field"/> names it in errors.</summary>
    internal static JigsawStackChunk Chunk(TranscriptChunk chunk, string field, int index) => Chunk(chunk.Timestamp, chunk.Text, chunk.Speaker, field, index);

    private static JigsawStackChunk Chunk(List<double?>? timestamp, string? text, string? speaker, string field, int index)
    {
        var name = $"{field}[{index}].timestamp";
        var start = timestamp is { Count: > 0 } && timestamp[0] is { } s ? VendorSeconds.From(s, name, SpeechVendor.JigsawStack) : TimeSpan.Zero;
        TimeSpan? end = timestamp is { Count: > 1 } && timestamp[1] is { } e ? VendorSeconds.From(e, name, SpeechVendor.JigsawStack) : null;
        if (end < start)
        {
            end = start;
        }

        return new JigsawStackChunk(start, end, text ?? string.Empty, string.IsNullOrEmpty(speaker) ? null : speaker);
    }

    // language_detected is a plain code in the older shape and {code, confidence} in the newer one; the document leaves
    // it untyped, so it arrives as a JsonElement.
    private static (string? Code, double? Confidence) ReadLanguage(object? value)
    {
        if (value is not JsonElement e)
        {
            return (value as string, null);
        }

        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                return (e.GetString(), null);
            case JsonValueKind.Object:
                var code = e.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                double? confidence = e.TryGetProperty("confidence", out var f) && f.ValueKind == JsonValueKind.Number ? f.GetDouble() : null;
                return (code, confidence);
            default:
                return (null, null);
        }
    }
}

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Pyannote.Sdk.Emulator.Internal;

/// <summary>A multipart/form-data body read section by section: text fields kept in memory, file parts streamed to disk.
/// Bounded: each text field at most <see cref="MaxFieldBytes"/>, at most <see cref="MaxSections"/> sections, and the
/// whole body at most the file limit plus <see cref="MaxFormOverheadBytes"/>; beyond that the read throws
/// <see cref="RequestBodyTooLargeException"/> (413).</summary>
internal sealed class MultipartForm : IDisposable
{
    /// <summary>Largest text field kept (the longest real field is a prompt or a JSON <c>body</c> part).</summary>
    internal const int MaxFieldBytes = 64 * 1024;

    /// <summary>Most sections read.</summary>
    internal const int MaxSections = 128;

    /// <summary>Room for the text fields and part headers on top of the file itself.</summary>
    internal const long MaxFormOverheadBytes = 1024 * 1024;

    public Dictionary<string, List<string>> Fields { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, StoredObject> Files { get; } = new(StringComparer.Ordinal);

    public string? Field(string name) => Fields.TryGetValue(name, out var values) ? values[^1] : null;

    public IReadOnlyList<string> FieldValues(params string[] names) =>
        names.SelectMany(n => Fields.TryGetValue(n, out var v) ? v : []).ToList();

    public static bool IsMultipart(HttpRequest request) =>
        request.ContentType is { } ct && ct.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    public static async Task<MultipartForm> ReadAsync(HttpRequest request, EmulatorStorage storage, long fileLimit, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value
            ?? throw new InvalidDataException("Missing multipart boundary.");
        var reader = new MultipartReader(boundary, new LimitedReadStream(request.Body, fileLimit + MaxFormOverheadBytes)) { BodyLengthLimit = null };
        var sections = 0;
        var form = new MultipartForm();
        try
        {
            MultipartSection? section;
            while ((section = await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false)) is not null)
            {
                if (++sections > MaxSections)
                {
                    throw new RequestBodyTooLargeException(MaxSections);
                }

                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (disposition.IsFileDisposition())
                {
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    var stored = await storage.SaveAsync(section.Body, fileLimit, section.ContentType, fileName, cancellationToken).ConfigureAwait(false);
                    if (form.Files.Remove(name, out var previous))
                    {
                        EmulatorStorage.TryDelete(previous.Path);
                    }

                    form.Files[name] = stored;
                }
                else
                {
                    using var text = new StreamReader(new LimitedReadStream(section.Body, MaxFieldBytes));
                    var value = await text.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
                    if (!form.Fields.TryGetValue(name, out var list))
                    {
                        form.Fields[name] = list = [];
                    }

                    list.Add(value);
                }
            }
            return form;
        }
        catch
        {
            form.Dispose();
            throw;
        }
    }

    /// <summary>Deletes the temp files of parts not adopted by storage.</summary>
    public void Dispose()
    {
        foreach (var file in Files.Values)
        {
            EmulatorStorage.TryDelete(file.Path);
        }

        Files.Clear();
    }

    /// <summary>Takes ownership of a file part so <see cref="Dispose"/> keeps it.</summary>
    public StoredObject? Adopt(string name) => Files.Remove(name, out var file) ? file : null;
}

using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Pyannote.Sdk.Http;

/// <summary>
/// The one builder for requests the hand-written layer sends itself instead of through a generated client (uploads the
/// generated multipart methods cannot stream or replay, and JSON bodies beside them), and the one reader of their
/// answers into the generated DTOs. Every multipart form in the SDK is built here: text fields as bare UTF-8 parts, the
/// file part from <see cref="UploadSource.CreateContent"/> (a fresh, Content-Length, re-readable body each time the form
/// is serialised, so a retry re-sends the whole form), names quoted and the file name sanitised.
/// </summary>
internal static class VendorRequest
{
    /// <summary>Answers up to this size with a known length are read into a pooled buffer and parsed in one synchronous
    /// pass (markedly faster than the resumable streaming parser); longer or unsized answers are parsed as they stream.</summary>
    internal const int BufferedAnswerLimit = 64 * 1024 * 1024;

    /// <summary>A <c>POST</c> under <paramref name="endpoint"/> that asks for JSON and carries the pipeline's request context.</summary>
    public static HttpRequestMessage Post(Uri endpoint, string path, HttpContent content, string operation, RequestKind kind)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, path)) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        new SpeechRequestContext(operation, kind).ApplyTo(request);
        return request;
    }

    /// <summary>An empty multipart form (a fixed <paramref name="boundary"/> only where a vendor or test needs one).</summary>
    public static MultipartFormDataContent Form(string? boundary = null) =>
        boundary is null ? new MultipartFormDataContent() : new MultipartFormDataContent(boundary);

    /// <summary>Adds a text field: UTF-8 bytes, no Content-Type of its own. A <see langword="null"/> value adds nothing.</summary>
    public static MultipartFormDataContent AddText(this MultipartFormDataContent form, string name, string? value)
    {
        if (value is not null)
        {
            var part = new ByteArrayContent(Encoding.UTF8.GetBytes(value));
            part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = Quote(name) };
            form.Add(part);
        }

        return form;
    }

    /// <summary>Adds the upload as the file part <paramref name="name"/>, with its media type and a sanitised file name.</summary>
    public static MultipartFormDataContent AddFile(this MultipartFormDataContent form, string name, UploadSource upload)
    {
        var file = upload.CreateContent();
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data")
        {
            Name = Quote(name),
            FileName = Quote(SafeFileName(upload.FileName)),
        };
        form.Add(file);
        return form;
    }

    /// <summary>A JSON body serialised once through the vendor's source-generated metadata (re-sent whole on a retry).</summary>
    public static HttpContent Json<T>(T body, JsonTypeInfo<T> info)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, info));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>
    /// Reads a successful answer into a generated DTO. Unreadable JSON and an empty (<c>null</c>) answer become
    /// <see cref="SpeechResponseFormatException"/> naming the vendor, the status and the operation.
    /// </summary>
    public static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> info, SpeechVendor vendor, string operation, CancellationToken cancellationToken)
        where T : class
    {
        var status = (int)response.StatusCode;
        T? dto;
        try
        {
            dto = await DeserializeAsync(response.Content, info, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new SpeechResponseFormatException(vendor, status, $"{operation}: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            // The connection broke while the answer's body was read: the vendor did receive the request.
            throw ErrorMappingHandler.ToTransportException(vendor, response.RequestMessage, ex);
        }

        return dto ?? throw new SpeechResponseFormatException(vendor, status, $"{operation}: the answer was empty.");
    }

    /// <summary>A file name safe inside a quoted <c>Content-Disposition</c> parameter: printable ASCII without quotes or
    /// backslashes (anything else becomes <c>_</c>); <c>audio</c> when nothing is left.</summary>
    internal static string SafeFileName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "audio";
        }

        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            sb.Append(c is '"' or '\\' || char.IsControl(c) || c > '\u007e' ? '_' : c);
        }

        return sb.ToString();
    }

    private static string Quote(string value) => "\"" + value + "\"";

    private static async Task<T?> DeserializeAsync<T>(HttpContent content, JsonTypeInfo<T> info, CancellationToken cancellationToken)
    {
        var body = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            if (content.Headers.ContentLength is not { } length || length <= 0 || length > BufferedAnswerLimit)
            {
                return await JsonSerializer.DeserializeAsync(body, info, cancellationToken).ConfigureAwait(false);
            }

            var buffer = ArrayPool<byte>.Shared.Rent((int)length);
            try
            {
                var read = 0;
                while (read < length)
                {
                    var n = await body.ReadAsync(buffer.AsMemory(read, (int)length - read), cancellationToken).ConfigureAwait(false);
                    if (n == 0)
                    {
                        break;
                    }

                    read += n;
                }

                // A body shorter than announced is parsed as far as it goes and fails as incomplete JSON.
                return JsonSerializer.Deserialize(buffer.AsSpan(0, read), info);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}

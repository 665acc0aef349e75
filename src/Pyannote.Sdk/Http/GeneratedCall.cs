using System.Text.Json;
using Pyannote.Sdk.Generated;

namespace Pyannote.Sdk.Http;

/// <summary>
/// Runs a call to a generated client inside a request context and turns the generator's internal exceptions (an
/// unreadable or unexpected success body) into the SDK's public <see cref="SpeechResponseFormatException"/>, and
/// a body that broke off into <see cref="SpeechTransportException"/>.
/// </summary>
internal static class GeneratedCall
{
    public static async Task<T> RunAsync<T>(SpeechVendor vendor, string operation, RequestKind kind, Func<Task<T>> call)
    {
        using var scope = SpeechRequestContext.Begin(operation, kind);
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (GeneratedApiException ex)
        {
            throw new SpeechResponseFormatException(vendor, ex.StatusCode, $"{operation}: {ex.Message}", ex.InnerException);
        }
        catch (JsonException ex)
        {
            throw new SpeechResponseFormatException(vendor, 200, $"{operation}: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // The pipeline wraps failures before the answer's headers; this is the answer's body breaking off.
            throw ErrorMappingHandler.ToTransportException(vendor, null, ex);
        }
    }

    public static async Task RunAsync(SpeechVendor vendor, string operation, RequestKind kind, Func<Task> call) =>
        await RunAsync<bool>(vendor, operation, kind, async () => { await call().ConfigureAwait(false); return true; }).ConfigureAwait(false);
}

using System.Globalization;
using System.Text.Json;

namespace Pyannote.Sdk.NanoGpt;

/// <summary>NanoGPT answered 402 because the account's balance does not cover the request; <see cref="RequiredBalance"/>
/// says how much it needs (the <c>requiredBalance</c> member of NanoGPT's error body).</summary>
public sealed class NanoGptInsufficientBalanceException : SpeechApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="requiredBalance">The balance the request needs, in the account's currency.</param>
    /// <param name="vendorMessage">NanoGPT's message, if any.</param>
    /// <param name="requestId">The request id, if any.</param>
    /// <param name="errorCode">NanoGPT's error code, if any.</param>
    /// <param name="operation">The SDK operation that got the answer, if known.</param>
    public NanoGptInsufficientBalanceException(decimal requiredBalance, string? vendorMessage = null, string? requestId = null, string? errorCode = null, string? operation = null)
        : base(SpeechVendor.NanoGpt, 402, vendorMessage, requestId, errorCode, operation: operation)
    {
        RequiredBalance = requiredBalance;
    }

    /// <summary>The balance the request needs, in the account's currency (for example 0.0035).</summary>
    public decimal RequiredBalance { get; }

    /// <summary>Turns a 402 whose body names <c>requiredBalance</c> (top level, or inside an <c>error</c> object) into
    /// this exception; anything else is returned unchanged.</summary>
    internal static SpeechApiException Refine(SpeechApiException exception, string body)
    {
        if (exception.StatusCode != 402 || body.Length == 0)
        {
            return exception;
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
            var root = document.RootElement;
            var holder = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("requiredBalance", out _) ? root
                : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e
                : default;
            if (holder.ValueKind == JsonValueKind.Object && holder.TryGetProperty("requiredBalance", out var value) && Amount(value) is { } amount)
            {
                return new NanoGptInsufficientBalanceException(amount, exception.VendorMessage, exception.RequestId, exception.ErrorCode, exception.Operation);
            }
        }
        catch (JsonException)
        {
        }

        return exception;
    }

    private static decimal? Amount(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d) ? d
        : value.ValueKind == JsonValueKind.String && decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s
        : null;
}

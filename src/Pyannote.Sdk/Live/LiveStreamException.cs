using System.Net.WebSockets;

namespace Pyannote.Sdk.Live;

/// <summary>
/// A live session ended abnormally: the connection dropped, the vendor closed it with a code other than normal closure
/// (for example 1008 when audio ran more than 5 s ahead of real time), the handshake failed without an HTTP status, or
/// the vendor sent something the SDK cannot read. Carries what was received before the failure, so a caller can keep
/// the partial result. Never carries the session URL or any key.
/// </summary>
public class LiveStreamException : SpeechException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="vendor">The vendor of the session.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="closeStatus">The WebSocket close code the vendor sent, if it sent one.</param>
    /// <param name="closeDescription">The close reason the vendor sent, if any.</param>
    /// <param name="receivedEvents">Events received before the failure (the most recent ones, at most <see cref="MaxKeptEvents"/>).</param>
    /// <param name="receivedEventCount">How many events were received in all.</param>
    /// <param name="audioSent">How much audio had been sent.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public LiveStreamException(
        SpeechVendor vendor,
        string message,
        int? closeStatus = null,
        string? closeDescription = null,
        IReadOnlyList<LiveEvent>? receivedEvents = null,
        long receivedEventCount = 0,
        TimeSpan audioSent = default,
        Exception? innerException = null)
        : base(vendor, vendor.Key() + ".live", BuildMessage(vendor, message, closeStatus, closeDescription, receivedEventCount, audioSent), innerException)
    {
        CloseStatus = closeStatus;
        CloseDescription = closeDescription;
        ReceivedEvents = receivedEvents ?? Array.Empty<LiveEvent>();
        ReceivedEventCount = Math.Max(receivedEventCount, ReceivedEvents.Count);
        AudioSent = audioSent;
    }

    /// <summary>How many of the most recent events an exception keeps.</summary>
    public const int MaxKeptEvents = 10_000;

    /// <summary>The WebSocket close code the vendor sent (1008 policy violation, 1011 server error…), or
    /// <see langword="null"/> when the connection dropped without a close frame.</summary>
    public int? CloseStatus { get; }

    /// <summary>The close reason the vendor sent, if any.</summary>
    public string? CloseDescription { get; }

    /// <summary>Events received before the failure, oldest first (the last <see cref="MaxKeptEvents"/> at most).</summary>
    public IReadOnlyList<LiveEvent> ReceivedEvents { get; }

    /// <summary>How many events were received in all.</summary>
    public long ReceivedEventCount { get; }

    /// <summary>How much audio had been sent when the session failed.</summary>
    public TimeSpan AudioSent { get; }

    private static string BuildMessage(SpeechVendor vendor, string message, int? closeStatus, string? closeDescription, long received, TimeSpan audioSent)
    {
        var text = $"{vendor.DisplayName()} live session: {message}";
        if (closeStatus is { } code)
        {
            text += $" (close {code}";
            if (Enum.IsDefined(typeof(WebSocketCloseStatus), code))
            {
                text += " " + (WebSocketCloseStatus)code;
            }

            text += string.IsNullOrWhiteSpace(closeDescription) ? ")" : $": {closeDescription})";
        }

        text += $". {received} event(s) received";
        return audioSent > TimeSpan.Zero ? text + $", {audioSent.TotalSeconds:0.0} s of audio sent." : text + ".";
    }
}

namespace Pyannote.Sdk.Live;

/// <summary>
/// A read-only view of a server-sent-events body that refuses any single event larger than a limit before the SSE
/// parser buffers it: it counts the bytes of the lines since the last blank line (the event delimiter; <c>\n</c>,
/// <c>\r</c> and <c>\r\n</c> all end a line) and throws <see cref="SseEventTooLargeException"/> past the limit. The
/// parser itself grows its buffer for as long as a line lasts, so this is what bounds its memory. A body that ends
/// inside an event gets the missing blank line, so its last event is read rather than dropped: line-oriented
/// vendor streams (JigsawStack's SDK mock) end with a single newline.
/// </summary>
internal sealed class SseEventLimitContent(HttpContent content, int maxEventBytes) : Http.WrappedResponseContent(content)
{
    protected override Stream Wrap(Stream inner) => new LimitStream(inner, maxEventBytes);

    private sealed class LimitStream(Stream inner, int maxEventBytes) : ReadOnlyWrapperStream(inner)
    {
        private long _eventBytes;
        private long _lineBytes;
        private bool _afterCarriageReturn;
        private bool _terminated;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await Inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            return read == 0 ? Terminate(buffer.Span) : Count(buffer.Span[..read]);
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = Inner.Read(buffer, offset, count);
            return read == 0 ? Terminate(buffer.AsSpan(offset, count)) : Count(buffer.AsSpan(offset, read));
        }

        private int Terminate(Span<byte> buffer)
        {
            if (_terminated || buffer.Length < 2 || (_eventBytes == 0 && _lineBytes == 0))
            {
                return 0;
            }

            _terminated = true;
            buffer[0] = (byte)'\n';
            buffer[1] = (byte)'\n';
            return 2;
        }

        private int Count(ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
            {
                if (b == (byte)'\n' && _afterCarriageReturn)
                {
                    // The second half of a CRLF ends no further line.
                    _afterCarriageReturn = false;
                    continue;
                }

                _afterCarriageReturn = b == (byte)'\r';
                if (b is (byte)'\n' or (byte)'\r')
                {
                    if (_lineBytes == 0)
                    {
                        _eventBytes = 0; // a blank line: the event is complete
                    }

                    _lineBytes = 0;
                    continue;
                }

                _lineBytes++;
                if (++_eventBytes > maxEventBytes)
                {
                    throw new SseEventTooLargeException(maxEventBytes);
                }
            }

            return bytes.Length;
        }
    }
}

/// <summary>An event of a server-sent-events stream exceeded the configured size.</summary>
internal sealed class SseEventTooLargeException(int limit) : IOException($"an event is larger than the limit of {limit} bytes")
{
    public int Limit { get; } = limit;
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pyannote.Sdk.IntegrationTests.RealHosts;

/// <summary>One request as a <see cref="RawHttpServer"/> received it: every byte of head and body.</summary>
internal sealed record RawRequest(string Method, string Path, string Head, byte[] Body)
{
    /// <summary>The whole request as received.</summary>
    public byte[] Bytes => [.. Encoding.ASCII.GetBytes(Head), .. Body];
}

/// <summary>
/// A minimal HTTP/1.1 server on a chosen loopback address (127.0.0.1, or 127.0.0.2 as "another host"): it records every
/// byte each request brings and writes whatever raw answer the test's function returns (or streams one). One request
/// per connection.
/// </summary>
internal sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<RawRequest, Stream, Task> _answer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public RawHttpServer(IPAddress address, Func<RawRequest, Stream, Task> answer)
    {
        _listener = new TcpListener(address, 0);
        _listener.Start();
        _answer = answer;
        _loop = Task.Run(AcceptLoopAsync);
    }

    public ConcurrentQueue<RawRequest> Requests { get; } = new();

    public Uri BaseUri => new($"http://{((IPEndPoint)_listener.LocalEndpoint).Address}:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public static Task WriteAsync(Stream stream, int status, string body = "", string? extraHeaders = null) =>
        stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n{extraHeaders}\r\n{body}")).AsTask();

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try { await _loop; } catch { }
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = new MemoryStream();
                var one = new byte[1];
                while (!EndsWithBlankLine(head) && head.Length < 64 * 1024)
                {
                    if (await stream.ReadAsync(one, _stop.Token) == 0)
                    {
                        return;
                    }

                    head.WriteByte(one[0]);
                }

                var text = Encoding.ASCII.GetString(head.ToArray());
                var firstLine = text[..text.IndexOf("\r\n", StringComparison.Ordinal)].Split(' ');
                var length = 0;
                foreach (var line in text.Split("\r\n"))
                {
                    if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                    {
                        length = int.Parse(line["Content-Length:".Length..].Trim());
                    }
                }

                var body = new byte[length];
                var read = 0;
                while (read < length)
                {
                    var n = await stream.ReadAsync(body.AsMemory(read), _stop.Token);
                    if (n == 0)
                    {
                        break;
                    }

                    read += n;
                }

                var request = new RawRequest(firstLine[0], firstLine[1], text, body[..read]);
                Requests.Enqueue(request);
                await _answer(request, stream);
                await stream.FlushAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested) { }
            catch (IOException) { }
            catch (SocketException) { }
        }
    }

    private static bool EndsWithBlankLine(MemoryStream s)
    {
        if (s.Length < 4)
        {
            return false;
        }

        var b = s.GetBuffer();
        var n = (int)s.Length;
        return b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n';
    }
}

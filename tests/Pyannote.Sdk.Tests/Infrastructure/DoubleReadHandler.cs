using System.Net;
using System.Text;

namespace Pyannote.Sdk.Tests.Infrastructure;

/// <summary>Serialises the request body twice, as a connection-level retry of the same request would.</summary>
internal sealed class DoubleReadHandler : HttpMessageHandler
{
    public List<byte[]> Bodies { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 2; i++)
        {
            using var ms = new MemoryStream();
            await request.Content!.CopyToAsync(ms, cancellationToken);
            Bodies.Add(ms.ToArray());
        }

        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"text":"ok","success":true}""", Encoding.UTF8, "application/json") };
    }
}

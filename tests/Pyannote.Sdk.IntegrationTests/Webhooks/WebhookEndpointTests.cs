using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pyannote.Sdk.IntegrationTests.Webhooks;

/// <summary>
/// Real deliveries over loopback into the ASP.NET Core endpoints (Kestrel on 127.0.0.1:0): the emulator signs and
/// POSTs pyannoteAI webhooks (and redelivers with x-retry-num when the receiver fails or is too slow) and POSTs
/// JigsawStack results to a tokenised callback URL; a plain HttpClient sends hand-made deliveries for the rejections.
/// </summary>
public partial class WebhookEndpointTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    /// <summary>A Kestrel app on 127.0.0.1:0 with the webhook endpoints under test.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private Receiver(WebApplication app, Uri baseAddress)
        {
            _app = app;
            BaseAddress = baseAddress;
        }

        public Uri BaseAddress { get; }

        public static async Task<Receiver> StartAsync(Action<WebApplication> map, Action<IServiceCollection>? services = null)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
            services?.Invoke(builder.Services);
            var app = builder.Build();
            map(app);
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Receiver(app, new Uri(address));
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

using System.Net;
using Microsoft.AspNetCore.Builder;
using Pyannote.Sdk.Webhooks;

namespace Pyannote.Sdk.IntegrationTests.Webhooks;

public partial class WebhookEndpointLimitsTests
{
    [Fact]
    public async Task A_JigsawStack_delivery_without_a_valid_token_is_refused_before_its_body_is_read()
    {
        await using var host = await Host.StartAsync(app => app.MapJigsawStackWebhook("/js", new JigsawStackWebhookOptions { Secrets = [Secret] }, (evt, http, ct) => Task.CompletedTask));

        using var noToken = await host.Http.PostAsync(new Uri(host.BaseAddress, "/js"), new ByteArrayContent(new byte[200_000]));
        using var forged = await host.Http.PostAsync(new Uri(host.BaseAddress, "/js?webhookId=a&webhookKey=" + new string('A', 43)), new ByteArrayContent(new byte[200_000]));

        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(0, host.BodyBytesRead);
    }

    [Fact]
    public void The_JigsawStack_default_body_limit_fits_real_payloads()
    {
        // docs/webhooks.md derives the default from payload sizes.
        Assert.Equal(8L * 1024 * 1024, JigsawStackWebhookOptions.DefaultMaxBodyBytes);
    }
}

using LabelStudio.Client.Media;
using LabelStudio.Formats.Media;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LabelStudio.Client.Tests.Media;

public class MediaResolverServiceCollectionExtensionsTests
{
    [Test]
    public void AddLabelStudioMediaResolver_Registers_OneSingletonForBothServiceTypes()
    {
        using var provider = new ServiceCollection()
            .AddLabelStudioMediaResolver(o => o.LabelStudioUrl = new Uri("http://127.0.0.1:1/"))
            .BuildServiceProvider();

        var resolver = provider.GetRequiredService<LabelStudioMediaResolver>();

        provider.GetRequiredService<IMediaSource>().Should().BeSameAs(resolver);
        provider.GetRequiredService<LabelStudioMediaResolver>().Should().BeSameAs(resolver);
    }

    [Test]
    public async Task AddLabelStudioMediaResolver_ResolvedInstance_FetchesWithRegisteredAuthenticatorThroughGuard()
    {
        await using var server = await MediaTestServer.StartAsync((app, _) =>
            app.MapGet("/data/upload/{**path}", (string path) => Results.Text("upload:" + path)));
        await using var provider = new ServiceCollection()
            .AddSingleton<IMediaRequestAuthenticator>(new LegacyTokenMediaAuthenticator("di-key"))
            .AddLabelStudioMediaResolver(o => o.LabelStudioUrl = server.Origin)
            .BuildServiceProvider();
        var source = provider.GetRequiredService<IMediaSource>();

        await using var media = await source.OpenAsync("/data/upload/5/x.png");

        (await new StreamReader(media.Content).ReadToEndAsync()).Should().Be("upload:5/x.png");
        server.Requests.Should().ContainSingle().Which.Authorization.Should().Be("Token di-key");
    }

    [Test]
    public async Task AddLabelStudioMediaResolver_ResolvedInstance_RefusesLoopbackOutsideLabelStudioOrigin()
    {
        await using var server = await MediaTestServer.StartAsync((app, _) => app.MapGet("/x", () => "x"));
        await using var provider = new ServiceCollection()
            .AddLabelStudioMediaResolver(o => o.LabelStudioUrl = new Uri("http://127.0.0.1:1/"))
            .BuildServiceProvider();
        var source = provider.GetRequiredService<IMediaSource>();

        var act = () => source.OpenAsync(new Uri(server.Origin, "/x").ToString());

        (await act.Should().ThrowAsync<MediaException>()).Which.Reason.Should().Be(MediaErrorReason.BlockedAddress);
        server.Requests.Should().BeEmpty();
    }
}

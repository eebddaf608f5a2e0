using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudio.Client.Projects;
using LabelStudio.Client.Tests.Infrastructure;

namespace LabelStudio.Client.Tests;

/// <summary>Every list enumerates across pages and ends quietly at the end, including Label Studio's 404 past the last page.</summary>
public class PagingTests
{
    private static string Page(int count, string? next, params int[] ids)
    {
        var fixture = JsonNode.Parse(Responses.Fixture("projects__list__response.json"))!.AsObject();
        var template = fixture["results"]![0]!.ToJsonString();
        var results = new JsonArray(ids.Select(id =>
        {
            var p = JsonNode.Parse(template)!.AsObject();
            p["id"] = id;
            return (JsonNode)p;
        }).ToArray());
        return new JsonObject { ["count"] = count, ["next"] = next, ["previous"] = null, ["results"] = results }.ToJsonString();
    }

    [Test]
    public async Task Projects_FixtureThenLastPage_AllItemsAndExactRequests()
    {
        var handler = new RecordingHandler()
            .On(HttpMethod.Get, "/api/projects/?page=1&page_size=2", () => Responses.FromFixture("projects__list__response.json"))
            .On(HttpMethod.Get, "/api/projects/?page=2&page_size=2", () => Responses.Json(Page(3, null, 3)));
        using var test = new TestClient(handler);

        var ids = new List<int?>();
        await foreach (var p in test.Client.Projects.List(new ProjectListOptions { PageSize = 2 }))
        {
            ids.Add(p.Id);
        }

        var fixtureIds = JsonDocument.Parse(Responses.Fixture("projects__list__response.json")).RootElement.GetProperty("results").EnumerateArray().Select(e => (int?)e.GetProperty("id").GetInt32());
        ids.Should().Equal(fixtureIds.Append(3));
        handler.All.Should().HaveCount(2);
    }

    [Test]
    public async Task Projects_404PastLastPage_EndsQuietly()
    {
        var handler = new RecordingHandler()
            .On(HttpMethod.Get, "/api/projects/?page=1", () => Responses.Json(Page(99, "http://x/api/projects/?page=2", 1, 2)))
            .On(HttpMethod.Get, "/api/projects/?page=2", () => Responses.FromFixture("errors__not_found__response.json", HttpStatusCode.NotFound));
        using var test = new TestClient(handler);

        var all = await test.Client.Projects.List(new ProjectListOptions { PageSize = 2 }).ToListAsync();

        all.Select(p => p.Id).Should().Equal(1, 2);
    }

    [Test]
    public async Task Projects_404OnFirstPage_Throws()
    {
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/projects/", () => Responses.FromFixture("errors__not_found__response.json", HttpStatusCode.NotFound));
        using var test = new TestClient(handler);
        var act = () => test.Client.Projects.List().ToListAsync();
        await act.Should().ThrowAsync<LabelStudioNotFoundException>();
    }

    [Test]
    public async Task Projects_CountReached_StopsEvenIfNextIsSet()
    {
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/projects/?page=1", () => Responses.Json(Page(2, "http://x/api/projects/?page=2", 1, 2)));
        using var test = new TestClient(handler);
        var all = await test.Client.Projects.List(new ProjectListOptions { PageSize = 2 }).ToListAsync();
        all.Should().HaveCount(2);
        handler.All.Should().HaveCount(1);
    }

    [Test]
    public async Task Projects_EmptyPageWithNext_StopsInsteadOfLooping()
    {
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/projects/", () => Responses.Json(Page(10, "http://x/next")));
        using var test = new TestClient(handler);
        var all = await test.Client.Projects.List().ToListAsync();
        all.Should().BeEmpty();
        handler.All.Should().HaveCount(1);
    }

    [Test]
    public async Task GetPageAsync_Fixture_ReportsTotals()
    {
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/projects/?page=1&page_size=2", () => Responses.FromFixture("projects__list__response.json"));
        using var test = new TestClient(handler);
        var page = await test.Client.Projects.List().WithPageSize(2).GetPageAsync(1);
        page.TotalCount.Should().Be(3);
        page.HasNextPage.Should().BeTrue();
        page.Items.Should().HaveCount(2);
        page.PageNumber.Should().Be(1);
    }

    [Test]
    public async Task PageSize_FromOptions_SentAsPageSize()
    {
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/projects/", () => Responses.Json(Page(0, null)));
        using var test = new TestClient(handler, o => o.PageSize = 250);
        await test.Client.Projects.List().ToListAsync();
        handler.All.Single().PathAndQuery.Should().Be("/api/projects/?page=1&page_size=250");
    }

    [Test]
    public void WithPageSize_OutOfRange_Throws()
    {
        using var test = new TestClient(new RecordingHandler());
        var act = () => test.Client.Projects.List().WithPageSize(0);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public async Task Unpaginated_WebhooksFixture_OnePageAllItems()
    {
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/webhooks/", () => Responses.FromFixture("webhooks__list__response.json"));
        using var test = new TestClient(handler);
        var all = await test.Client.Webhooks.List().ToListAsync();
        all.Should().ContainSingle().Which.Id.Should().Be(2);
        handler.All.Should().HaveCount(1);
    }

    [Test]
    public async Task Cancellation_BetweenPages_Stops()
    {
        var handler = new RecordingHandler()
            .On(HttpMethod.Get, "/api/projects/?page=1", () => Responses.Json(Page(99, "http://x/2", 1, 2)))
            .On(HttpMethod.Get, "/api/projects/?page=2", () => Responses.Json(Page(99, "http://x/3", 3, 4)));
        using var test = new TestClient(handler);
        using var cts = new CancellationTokenSource();
        var seen = 0;
        var act = async () =>
        {
            await foreach (var _ in test.Client.Projects.List(new ProjectListOptions { PageSize = 2 }).WithCancellation(cts.Token))
            {
                if (++seen == 2)
                {
                    await cts.CancelAsync();
                }
            }
        };
        await act.Should().ThrowAsync<OperationCanceledException>();
        handler.All.Should().HaveCount(1);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudio.Client.DataManager;
using LabelStudio.Client.Tests.Infrastructure;

namespace LabelStudio.Client.Tests;

/// <summary>The filter builder emits the JSON the server's own tests send.</summary>
public class DataManagerQueryBuilderTests
{
    [Test]
    public void BuildViewData_DataColumnGreater_MatchesServerFixture()
    {
        var data = new DataManagerQueryBuilder()
            .Where(DataManagerColumn.Data("int_field"), FilterOperator.Greater, 5)
            .OrderBy(DataManagerColumn.Data("int_field"))
            .BuildViewData();

        var expected = JsonNode.Parse(Responses.Fixture("views__create__request.json"))!["data"]!;
        var actual = JsonNode.Parse(JsonSerializer.Serialize(data, Http.LabelStudioJsonContext.Default.ViewData))!;
        JsonNode.DeepEquals(actual["filters"], expected["filters"]).Should().BeTrue(actual["filters"]!.ToJsonString());
        JsonNode.DeepEquals(actual["ordering"], expected["ordering"]).Should().BeTrue();
    }

    [Test]
    public void Build_RangeDescendingAny_ExpectedJson()
    {
        var json = new DataManagerQueryBuilder()
            .MatchAny()
            .InRange(DataManagerColumn.TotalAnnotations, 1, 3)
            .Where(DataManagerColumn.Data("city"), FilterOperator.Contains, "Par\"is")
            .OrderByDescending(DataManagerColumn.CompletedAt)
            .Build()
            .ToJson();

        // Written by hand from the Data Manager format: filter:tasks:<column>, range as {min,max}, "-" prefix for descending.
        var expected = """
            {"filters":{"conjunction":"or","items":[
              {"filter":"filter:tasks:total_annotations","operator":"in","type":"Number","value":{"min":1,"max":3}},
              {"filter":"filter:tasks:data.city","operator":"contains","type":"String","value":"Par\"is"}]},
             "ordering":["-tasks:completed_at"]}
            """;
        JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(expected)).Should().BeTrue(json);
    }

    [Test]
    public void Where_Date_IsoUtcWithMilliseconds()
    {
        var query = new DataManagerQueryBuilder().Where(DataManagerColumn.CreatedAt, FilterOperator.Greater, new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(2))).Build();
        query.Filters!.Items.Single().Value.GetString().Should().Be("2026-01-02T01:04:05.678Z");
    }

    [Test]
    public void InRange_MinAboveMax_Throws()
    {
        var act = () => new DataManagerQueryBuilder().InRange(DataManagerColumn.Id, 5, 1);
        act.Should().Throw<ArgumentException>();
    }

    [Test]
    public void Data_EmptyField_Throws()
    {
        var act = () => DataManagerColumn.Data(" ");
        act.Should().Throw<ArgumentException>();
    }

    [Test]
    public void ViewsListFixture_Deserializes_FiltersWithNumericValue()
    {
        var views = JsonSerializer.Deserialize(Responses.Fixture("views__list__response.json"), Http.LabelStudioJsonContext.Default.ListView)!;
        var filter = views.Single().Data!.Filters!.Items.Single();
        filter.Filter.Should().Be("filter:tasks:data.int_field");
        filter.Value.GetInt32().Should().Be(5);
        views.Single().AdditionalProperties.Should().ContainKey("filter_group", "unmodelled fields are kept");
    }
}

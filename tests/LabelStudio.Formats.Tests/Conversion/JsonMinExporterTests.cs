using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using LabelStudio.Formats.Conversion;

namespace LabelStudio.Formats.Tests.Conversion;

public class JsonMinExporterTests
{
    private string _work = null!;

    [SetUp]
    public void SetUp()
    {
        _work = Path.Combine(Path.GetTempPath(), "ls-jsonmin-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_work);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_work, recursive: true);

    [TestCase("""{"text":"a","id":99}""", 7, """{"text":"a","id":7""", TestName = "ExportAsync_DataKeyNamedId_TaskIdWinsInPlace")]
    [TestCase("""{"id":99,"text":"a"}""", 7, """{"id":7,"text":"a""", TestName = "ExportAsync_DataKeyNamedIdFirst_TaskIdWinsInPlace")]
    [TestCase("""{"text":"a","id":99}""", null, """{"text":"a","id":99""", TestName = "ExportAsync_DataKeyNamedIdAndNullTaskId_DataIdStays")]
    [TestCase("""{"text":"a"}""", null, """{"text":"a","annotator""", TestName = "ExportAsync_NullTaskId_NoIdKey")]
    public async Task ExportAsync_Id(string data, int? taskId, string expectedStart)
    {
        // convert_to_json_min: the record starts as a copy of the data, then record["id"] = item["id"] only when
        // that is not None; a Python dict keeps an existing key's place. (CSV is the opposite: the data wins.)
        var export = $$"""[{"id":{{(taskId is { } id ? id.ToString(CultureInfo.InvariantCulture) : "null")}},"data":{{data}},"annotations":[{"id":10,"completed_by":3,"result":[]}]}]""";

        var record = await JsonMinAsync(export);

        record.Should().StartWith(expectedStart);
    }

    private async Task<string> JsonMinAsync(string export)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(export));
        var output = Path.Combine(_work, "json-min");
        await new ExportRunner().RunAsync(input, ExportFormat.JsonMin, output);
        var records = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output, "result.json")))!.AsArray();
        records.Should().HaveCount(1);
        return records[0]!.ToJsonString();
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Tests.Serialization;

/// <summary>
/// Read + write of every fixture gives JSON equal to the input as values: the fixtures are what Label Studio
/// and its official converter wrote, so any member we drop, add or change shows up as a difference.
/// </summary>
public class LabelStudioJsonRoundTripTests
{
    [TestCaseSource(typeof(Fixtures), nameof(Fixtures.TaskLists))]
    public async Task ReadTasksAsync_WriteTasksAsync_Fixture_GivesEqualJson(string fixture)
    {
        var input = await File.ReadAllBytesAsync(Fixtures.Path(fixture));
        using var source = new MemoryStream(input);
        using var output = new MemoryStream();

        await LabelStudioJson.WriteTasksAsync(output, LabelStudioJson.ReadTasksAsync(source));

        AssertSameJson(input, output.ToArray());
    }

    [TestCaseSource(typeof(Fixtures), nameof(Fixtures.TaskLists))]
    public void ReadTasks_Write_IndentedFixture_GivesEqualJson(string fixture)
    {
        var input = File.ReadAllBytes(Fixtures.Path(fixture));
        using var source = new MemoryStream(input);
        using var output = new MemoryStream();
        using (var writer = new LabelStudioJsonWriter(output, new LabelStudioJsonWriterOptions { Indented = true, FlushThreshold = 512 }))
        {
            foreach (var task in LabelStudioJson.ReadTasks(source))
            {
                writer.Write(task);
            }

            writer.Complete();
        }

        AssertSameJson(input, output.ToArray());
    }

    [TestCaseSource(typeof(Fixtures), nameof(Fixtures.JsonMinFiles))]
    public async Task ReadJsonMinAsync_Fixture_GivesEveryRecordUnchanged(string fixture)
    {
        var input = await File.ReadAllBytesAsync(Fixtures.Path(fixture));
        using var source = new MemoryStream(input);
        var records = new JsonArray();
        await foreach (var record in LabelStudioJson.ReadJsonMinAsync(source))
        {
            records.Add(record.Fields.DeepClone());
        }

        AssertSameJson(input, JsonSerializer.SerializeToUtf8Bytes(records, LabelStudioJson.Options));
    }

    [TestCase("tasks__create__request.json")]
    [TestCase("tasks__create__response.json")]
    public void DeserializeTask_ApiBody_SerializesBackEqual(string file)
    {
        var input = File.ReadAllBytes(Path.Combine(Fixtures.ApiRoot, file));

        var task = LabelStudioJson.DeserializeTask(input);

        AssertSameJson(input, LabelStudioJson.SerializeToUtf8Bytes(task));
    }

    [TestCase("exports__download__response.json")]
    [TestCase("import__tasks__request.json")]
    [TestCase("import__tasks_with_predictions__request.json")]
    public async Task ReadTasksAsync_ApiTaskList_WritesBackEqual(string file)
    {
        var input = await File.ReadAllBytesAsync(Path.Combine(Fixtures.ApiRoot, file));
        using var source = new MemoryStream(input);
        using var output = new MemoryStream();

        await LabelStudioJson.WriteTasksAsync(output, LabelStudioJson.ReadTasksAsync(source));

        AssertSameJson(input, output.ToArray());
    }

    [TestCase("tasks__list__response.json")]
    [TestCase("views__tasks__response.json")]
    public void DeserializeTask_EveryTaskOfAListEnvelope_SerializesBackEqual(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Fixtures.ApiRoot, file)));
        var tasks = document.RootElement.GetProperty("tasks").EnumerateArray().ToList();
        tasks.Should().NotBeEmpty();

        foreach (var element in tasks)
        {
            var input = JsonSerializer.SerializeToUtf8Bytes(element, LabelStudioJson.Options);
            AssertSameJson(input, LabelStudioJson.SerializeToUtf8Bytes(LabelStudioJson.DeserializeTask(input)));
        }
    }

    [TestCase("annotations__create__request.json")]
    [TestCase("annotations__create__response.json")]
    [TestCase("annotations__get__response.json")]
    [TestCase("annotations__update__request.json")]
    public void DeserializeAnnotation_ApiBody_SerializesBackEqual(string file)
    {
        var input = File.ReadAllBytes(Path.Combine(Fixtures.ApiRoot, file));

        var annotation = LabelStudioJson.DeserializeAnnotation(input);

        AssertSameJson(input, LabelStudioJson.SerializeToUtf8Bytes(annotation));
    }

    [Test]
    public void DeserializeAnnotation_EveryItemOfTheListResponse_SerializesBackEqual()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Fixtures.ApiRoot, "annotations__list__response.json")));
        document.RootElement.GetArrayLength().Should().BePositive();

        foreach (var element in document.RootElement.EnumerateArray())
        {
            var input = JsonSerializer.SerializeToUtf8Bytes(element, LabelStudioJson.Options);
            AssertSameJson(input, LabelStudioJson.SerializeToUtf8Bytes(LabelStudioJson.DeserializeAnnotation(input)));
        }
    }

    [TestCase("predictions__create__request.json")]
    [TestCase("predictions__create__response.json")]
    [TestCase("predictions__get__response.json")]
    [TestCase("predictions__update__request.json")]
    [TestCase("predictions__update__response.json")]
    public void DeserializePrediction_ApiBody_SerializesBackEqual(string file)
    {
        var input = File.ReadAllBytes(Path.Combine(Fixtures.ApiRoot, file));

        var prediction = LabelStudioJson.DeserializePrediction(input);

        AssertSameJson(input, LabelStudioJson.SerializeToUtf8Bytes(prediction));
    }

    [TestCaseSource(typeof(Fixtures), nameof(Fixtures.TaskLists))]
    public async Task ReadTasksAsync_Fixture_TypesEveryKnownResult(string fixture)
    {
        // Every result type in the fixtures that this library models must come back typed, not raw: a raw value
        // for a known type means our model disagrees with what Label Studio writes.
        await using var source = File.OpenRead(Fixtures.Path(fixture));
        await foreach (var task in LabelStudioJson.ReadTasksAsync(source))
        {
            foreach (var result in task.Annotations.SelectMany(a => a.Results).Concat(task.Predictions.SelectMany(p => p.Results)))
            {
                if (result.Type == ResultType.Relation)
                {
                    result.Value.Should().BeNull();
                    result.FromId.Should().NotBeNull();
                }
                else if (result.Type != ResultType.ChatMessage || result.Value is not null)
                {
                    result.Value.Should().NotBeOfType<RawResultValue>($"task {task.Id} region {result.Id} of type {result.Type} should be typed");
                }
            }
        }
    }

    private static void AssertSameJson(byte[] expected, byte[] actual)
    {
        using var expectedDocument = JsonDocument.Parse(expected);
        using var actualDocument = JsonDocument.Parse(actual);
        JsonValueComparer.FirstDifference(expectedDocument.RootElement, actualDocument.RootElement).Should().BeNull();
    }
}

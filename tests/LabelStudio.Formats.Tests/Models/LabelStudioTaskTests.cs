using System.Text.Json.Nodes;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Tests.Models;

public class LabelStudioTaskTests
{
    [Test]
    public void Serialize_NewTaskWithDataOnly_WritesOnlyData()
    {
        // Lists default to empty and were never read from JSON, so an import body carries just the data.
        var task = new LabelStudioTask { Data = new JsonObject { ["text"] = "hello" } };

        Json(LabelStudioJson.SerializeToUtf8Bytes(task)).Should().Be("""{"data":{"text":"hello"}}""");
        task.Annotations.Should().BeEmpty();
        task.Predictions.Should().BeEmpty();
    }

    [Test]
    public void Collections_NewTask_MadeOnFirstUseAndKept()
    {
        var task = new LabelStudioTask();

        // Writing a new task does not make its collections: they are made by the first read of the property.
        LabelStudioJson.SerializeToUtf8Bytes(task);
        task.DataOrNull.Should().BeNull();
        task.AnnotationsOrNull.Should().BeNull();
        task.PredictionsOrNull.Should().BeNull();
        task.DraftsOrNull.Should().BeNull();

        task.Data.Should().BeEmpty().And.BeSameAs(task.Data);
        task.Annotations.Should().BeEmpty().And.BeSameAs(task.Annotations);
        task.Predictions.Should().BeEmpty().And.BeSameAs(task.Predictions);
        task.Drafts.Should().BeEmpty().And.BeSameAs(task.Drafts);
        task.Annotations.Add(new Annotation());
        task.Annotations.Should().ContainSingle();

        // Made by a read, the empty collections are still not members that were present: nothing but the annotation is written.
        Json(LabelStudioJson.SerializeToUtf8Bytes(task)).Should().Be("""{"annotations":[{}]}""");
    }

    [Test]
    public void Results_NewAnnotationAndPrediction_MadeOnFirstUseAndNotWrittenUntilSet()
    {
        var annotation = new Annotation();
        var prediction = new Prediction();

        Json(LabelStudioJson.SerializeToUtf8Bytes(annotation)).Should().Be("{}");
        annotation.ResultsOrNull.Should().BeNull();
        prediction.ResultsOrNull.Should().BeNull();
        annotation.Results.Should().BeEmpty().And.BeSameAs(annotation.Results);
        prediction.Results.Should().BeEmpty().And.BeSameAs(prediction.Results);
        Json(LabelStudioJson.SerializeToUtf8Bytes(annotation)).Should().Be("{}");

        annotation.Results = [];
        Json(LabelStudioJson.SerializeToUtf8Bytes(annotation)).Should().Be("""{"result":[]}""");
    }

    [Test]
    public void Serialize_TaskWithPrediction_WritesThePredictionAndItsResults()
    {
        var task = new LabelStudioTask
        {
            Data = new JsonObject { ["image"] = "/data/upload/1/cat.jpg" },
            Predictions =
            [
                new Prediction
                {
                    ModelVersion = "v1",
                    Score = 0.5,
                    Results = [new Result { Id = "a", Type = ResultType.Choices, FromName = "c", ToName = "image", Value = new ChoicesValue { Choices = ["Cat"] } }],
                },
            ],
        };

        Json(LabelStudioJson.SerializeToUtf8Bytes(task)).Should().Be(
            """{"data":{"image":"/data/upload/1/cat.jpg"},"predictions":[{"result":[{"id":"a","type":"choices","value":{"choices":["Cat"]},"from_name":"c","to_name":"image"}],"model_version":"v1","score":0.5}]}""");
    }

    [Test]
    public void Deserialize_Timestamps_KeepTheirTextAndValue()
    {
        // Label Studio writes both forms; the instant is the same, the text must come back unchanged.
        var task = LabelStudioJson.DeserializeTask("""{"created_at":"2024-05-01T10:00:00.000000Z","updated_at":"2024-05-01T10:00:00Z"}"""u8);

        task.CreatedAt!.Value.Value.Should().Be(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero));
        task.CreatedAt.Should().Be(task.UpdatedAt);
        Json(LabelStudioJson.SerializeToUtf8Bytes(task)).Should().Be("""{"created_at":"2024-05-01T10:00:00.000000Z","updated_at":"2024-05-01T10:00:00Z"}""");
    }

    [Test]
    public void Timestamp_CreatedInCode_IsWrittenInLabelStudioStyle()
    {
        Timestamp timestamp = new DateTimeOffset(2024, 5, 1, 10, 0, 0, 123, TimeSpan.Zero);

        timestamp.ToString().Should().Be("2024-05-01T10:00:00.123000Z");
    }

    [Test]
    public void Deserialize_BadTimestamp_IsAPositionedError()
    {
        var act = () => LabelStudioJson.DeserializeTask("""{"created_at":"yesterday"}"""u8);

        act.Should().Throw<LabelStudioJsonException>().Which.Path.Should().Be("$.created_at");
    }

    [Test]
    public void Deserialize_NullAnnotations_IsAPositionedErrorNotANullList()
    {
        // Annotations is never null in the model; a null in the input must not slip through as one.
        var act = () => LabelStudioJson.DeserializeTask("""{"id":1,"annotations":null}"""u8);

        act.Should().Throw<LabelStudioJsonException>().Which.Path.Should().Be("$.annotations");
    }

    [Test]
    public void Deserialize_NullResultOfAnAnnotation_ReadsEmptyAndWritesNullBack()
    {
        // The official converter treats "result": null as no results; the null itself survives a round trip.
        var annotation = LabelStudioJson.DeserializeAnnotation("""{"id":3,"result":null}"""u8);

        annotation.Results.Should().BeEmpty();
        Json(LabelStudioJson.SerializeToUtf8Bytes(annotation)).Should().Be("""{"id":3,"result":null}""");
    }

    private static string Json(byte[] utf8) => System.Text.Encoding.UTF8.GetString(utf8);
}

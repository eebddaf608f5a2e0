using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;
using LabelStudio.Testing;

namespace LabelStudio.Formats.Tests.Models;

public class PredictionTests
{
    [Test]
    public void Serialize_ResultsSetToEmptyList_WritesEmptyResult()
    {
        // The Label Studio API needs "result": [] in a prediction body; the caller set it, so it is written.
        var prediction = new Prediction { ModelVersion = "v1", Results = [] };

        Json(LabelStudioJson.SerializeToUtf8Bytes(prediction)).Should().Be("""{"result":[],"model_version":"v1"}""");
    }

    [Test]
    public void Serialize_ResultsNeverSet_LeavesResultOut()
    {
        var prediction = new Prediction { ModelVersion = "v1" };

        Json(LabelStudioJson.SerializeToUtf8Bytes(prediction)).Should().Be("""{"model_version":"v1"}""");
    }

    [Test]
    public void RoundTrip_ResultAbsentInInput_StaysAbsent()
    {
        var prediction = LabelStudioJson.DeserializePrediction("""{"id":4,"score":0.5}"""u8);

        Json(LabelStudioJson.SerializeToUtf8Bytes(prediction)).Should().Be("""{"id":4,"score":0.5}""");
    }

    [Test]
    public void RoundTrip_EmptyResultInInput_StaysEmpty()
    {
        var prediction = LabelStudioJson.DeserializePrediction("""{"id":4,"result":[]}"""u8);

        Json(LabelStudioJson.SerializeToUtf8Bytes(prediction)).Should().Be("""{"id":4,"result":[]}""");
    }

    [Test]
    public void Serialize_AnnotationResultsSetToEmptyList_WritesEmptyResult()
    {
        var annotation = new Annotation { Results = [], WasCancelled = true };

        Json(LabelStudioJson.SerializeToUtf8Bytes(annotation)).Should().Be("""{"result":[],"was_cancelled":true}""");
    }

    [Test]
    public void Deserialize_TaskAnswerWithModelObjects_KeepsThemAndReadsTheTask()
    {
        // The OpenAPI spec types a task answer's predictions[].model and .model_run as objects ("ML Backend instance",
        // "Model Run instance"), while the prediction endpoints send ids: both must read, and the objects survive.
        var task = LabelStudioJson.DeserializeTask("""{"id":1,"data":{},"predictions":[{"id":2,"result":[],"model":{"id":5,"title":"yolo"},"model_run":{},"task":1}]}"""u8);

        var prediction = task.Predictions.Should().ContainSingle().Subject;
        prediction.Model.Should().BeNull();
        prediction.ModelRun.Should().BeNull();
        prediction.Task.Should().Be(1);
        prediction.AdditionalProperties!["model"].GetProperty("title").GetString().Should().Be("yolo");
        Json(LabelStudioJson.SerializeToUtf8Bytes(prediction)).Should().Contain("\"model\":{\"id\":5,\"title\":\"yolo\"}").And.Contain("\"model_run\":{}");
    }

    [Test]
    public void Deserialize_ModelId_IsTyped()
    {
        var prediction = LabelStudioJson.DeserializePrediction("""{"id":2,"model":7,"model_run":null}"""u8);

        prediction.Model.Should().Be(7);
        prediction.AdditionalProperties.Should().BeNull();
        Json(LabelStudioJson.SerializeToUtf8Bytes(prediction)).Should().Be("""{"id":2,"model":7,"model_run":null}""");
    }

    [Test]
    public void Deserialize_PredictionApiResponse_ModelsCreatedAgo()
    {
        // tests/TestData/Api/predictions__get__response.json: "created_ago": "0\u00a0minutes" (a no-break space).
        var prediction = LabelStudioJson.DeserializePrediction(File.ReadAllBytes(Path.Combine(RepositoryPaths.TestData, "Api", "predictions__get__response.json")));

        prediction.CreatedAgo.Should().Be("0\u00a0minutes");
        prediction.AdditionalProperties?.Keys.Should().NotContain("created_ago");
    }

    [Test]
    public void Deserialize_AnnotationApiResponse_ModelsEveryServerField()
    {
        // tests/TestData/Api/annotations__get__response.json, as the server sent it.
        var annotation = LabelStudioJson.DeserializeAnnotation(File.ReadAllBytes(Path.Combine(RepositoryPaths.TestData, "Api", "annotations__get__response.json")));

        annotation.CreatedUsername.Should().Be(" test_suites_user@heartex.com, 1");
        annotation.CreatedAgo.Should().Be("0\u00a0minutes");
        annotation.State.Should().Be("CREATED");
        annotation.GroundTruth.Should().BeFalse();
        annotation.WasCancelled.Should().BeFalse();
        annotation.LeadTime.Should().Be(34.56);
        annotation.AdditionalProperties.Should().BeNull("every member of the API's annotation is modelled");
    }

    private static string Json(byte[] utf8) => System.Text.Encoding.UTF8.GetString(utf8);
}

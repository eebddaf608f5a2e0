using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Import;

/// <summary>Puts imported regions into a task as the official importer does: <c>[{"result": [...], "ground_truth": false}]</c>.</summary>
internal static class ImportTargets
{
    public static void Attach(LabelStudioTask task, ImportOutputType outputType, List<Result> results)
    {
        // Read from JSON so that "result" is written even when empty and predictions keep "ground_truth".
        if (outputType == ImportOutputType.Predictions)
        {
            var prediction = LabelStudioJson.DeserializePrediction("""{"result": [], "ground_truth": false}"""u8);
            AddAll(prediction.Results, results);
            task.Predictions = [prediction];
        }
        else
        {
            var annotation = LabelStudioJson.DeserializeAnnotation("""{"result": [], "ground_truth": false}"""u8);
            AddAll(annotation.Results, results);
            task.Annotations = [annotation];
        }
    }

    private static void AddAll(IList<Result> target, List<Result> results)
    {
        foreach (var result in results)
        {
            target.Add(result);
        }
    }
}

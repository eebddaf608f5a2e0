using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudio.Config;
using LabelStudio.Formats.Models;
using LabelStudio.MlBackend;
using LabelStudio.MlBackend.Contracts;
using LabelStudio.MlBackend.State;
using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace LabelStudio.Host.Models;

/// <summary>
/// Choices over Text, learned from annotations with ML.NET (text featurizer + SDCA maximum entropy, one thread and a
/// fixed seed so training is deterministic). The labelled examples of a project are kept in its model directory, so
/// delete events can take examples back out and a restart keeps both examples and model.
/// </summary>
internal sealed class TextClassifier(IProjectStateStore store)
{
    private const string ModelFile = "textclf.zip";
    private const string ExamplesFile = "examples.json";
    private const string VersionPrefix = "textclf.";
    private readonly ConcurrentDictionary<string, Trained?> _models = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<IReadOnlyList<Prediction>>?> PredictAsync(string projectId, LabelConfig config, IReadOnlyList<LabelStudioTask> tasks, CancellationToken cancellationToken)
    {
        if (config.FindFirstPair("Choices", "Text") is not { } pair || pair.Object.DataKey is null)
        {
            return Task.FromResult<IReadOnlyList<IReadOnlyList<Prediction>>?>(null);
        }

        var trained = _models.GetOrAdd(projectId, Load);
        if (trained is null)
        {
            return Task.FromResult<IReadOnlyList<IReadOnlyList<Prediction>>?>(null);
        }

        var answers = new List<IReadOnlyList<Prediction>>(tasks.Count);
        foreach (var task in tasks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var text = TextOf(task.Data, pair.Object.DataKey);
            if (text is null)
            {
                answers.Add([]);
                continue;
            }

            TextPrediction output;
            lock (trained)
            {
                // PredictionEngine is not thread-safe.
                output = trained.Engine.Predict(new TextExample { Text = text });
            }

            if (!pair.Control.HasLabel(output.PredictedLabel))
            {
                answers.Add([]);
                continue;
            }

            answers.Add([new Prediction
            {
                Score = output.Score.Length == 0 ? null : output.Score.Max(),
                Results = [new Result
                {
                    FromName = pair.Control.Name,
                    ToName = pair.Object.Name,
                    Type = ResultType.Choices,
                    Value = new ChoicesValue { Choices = [output.PredictedLabel] },
                }],
            }]);
        }

        return Task.FromResult<IReadOnlyList<IReadOnlyList<Prediction>>?>(answers);
    }

    public async Task<string?> FitAsync(TrainingRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.LabelConfigXml)
            || !LabelConfig.TryParse(request.LabelConfigXml, out var config, out _)
            || config.FindFirstPair("Choices", "Text") is not { } pair || pair.Object.DataKey is null)
        {
            return null;
        }

        var examplesPath = Path.Combine(request.ModelDirectory, ExamplesFile);
        Dictionary<string, TextExample> examples;
        if (request.TaskSource is not null && (request.DroppedEvents > 0 || request.Events.Any(e => e.Action == TrainingEventNames.StartTraining)))
        {
            // "Start training" carries no annotations, and a batch that dropped events has lost some: take the
            // project's annotated tasks from Label Studio instead. The snapshot replaces the kept examples (deleted and
            // cancelled annotations go too) and is newer than the batch's events, which are therefore not replayed.
            examples = await FetchExamplesAsync(request, pair.Control, pair.Object.DataKey, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Annotation events carry the annotation and its task: apply them to the kept examples, no call to Label Studio.
            examples = await LoadExamplesAsync(examplesPath, cancellationToken).ConfigureAwait(false);
            foreach (var trainingEvent in request.Events)
            {
                Apply(examples, trainingEvent.Action, trainingEvent.Payload, pair.Control, pair.Object.DataKey);
            }
        }

        await SaveExamplesAsync(examplesPath, examples, cancellationToken).ConfigureAwait(false);
        if (examples.Values.Select(e => e.Label).Distinct(StringComparer.Ordinal).Count() < 2)
        {
            // One class teaches nothing; keep the examples for later.
            return null;
        }

        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(examples.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Value).ToList());
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.FeaturizeText("Features", nameof(TextExample.Text)))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options { NumberOfThreads = 1, MaximumNumberOfIterations = 50 }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var model = pipeline.Fit(data);
        var modelPath = Path.Combine(request.ModelDirectory, ModelFile);
        var temporary = modelPath + "." + Guid.NewGuid().ToString("N") + ".tmp";
        ml.Model.Save(model, data.Schema, temporary);
        File.Move(temporary, modelPath, overwrite: true);
        _models[request.ProjectId] = new Trained(ml.Model.CreatePredictionEngine<TextExample, TextPrediction>(model));
        return VersionPrefix + (ParseGeneration(request.ModelVersion) + 1).ToString(CultureInfo.InvariantCulture);
    }

    private static async Task<Dictionary<string, TextExample>> FetchExamplesAsync(TrainingRequest request, ControlTag control, string dataKey, CancellationToken cancellationToken)
    {
        var examples = new Dictionary<string, TextExample>(StringComparer.Ordinal);
        await foreach (var task in request.TaskSource!.GetAnnotatedTasksAsync(request.ProjectId, cancellationToken).ConfigureAwait(false))
        {
            var text = TextOf(task.Data, dataKey);
            foreach (var annotation in task.Annotations)
            {
                if (annotation.WasCancelled == true)
                {
                    continue;
                }

                AddExample(examples, annotation.Id?.ToString(CultureInfo.InvariantCulture), text,
                    annotation.Results.Where(r => r.FromName == control.Name).Select(r => r.Value).OfType<ChoicesValue>().FirstOrDefault()?.Choices.FirstOrDefault());
            }
        }

        return examples;
    }

    private static int ParseGeneration(string version) =>
        version.StartsWith(VersionPrefix, StringComparison.Ordinal) && int.TryParse(version.AsSpan(VersionPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    private Trained? Load(string projectId)
    {
        var path = Path.Combine(store.GetModelDirectory(projectId), ModelFile);
        if (!File.Exists(path))
        {
            return null;
        }

        var ml = new MLContext(seed: 1);
        var model = ml.Model.Load(path, out _);
        return new Trained(ml.Model.CreatePredictionEngine<TextExample, TextPrediction>(model));
    }

    private static void Apply(Dictionary<string, TextExample> examples, string action, JsonElement payload, ControlTag control, string dataKey)
    {
        switch (action)
        {
            case TrainingEventNames.AnnotationCreated or TrainingEventNames.AnnotationUpdated:
                if (JsonNode.Parse(payload.GetRawText()) is JsonObject body && body["annotation"] is JsonObject annotation && body["task"] is JsonObject task)
                {
                    var id = annotation["id"]?.ToJsonString();
                    if (annotation["was_cancelled"]?.GetValueKind() == JsonValueKind.True)
                    {
                        examples.Remove(id ?? string.Empty);
                        break;
                    }

                    AddExample(examples, id, task["data"] is JsonObject data ? TextOf(data, dataKey) : null, ChoiceOf(annotation["result"], control));
                }

                break;
            case TrainingEventNames.AnnotationDeleted:
                if (payload.TryGetProperty("annotation", out var deleted) && deleted.ValueKind == JsonValueKind.Object && deleted.TryGetProperty("id", out var deletedId))
                {
                    examples.Remove(deletedId.GetRawText());
                }

                break;
            case TrainingEventNames.AnnotationsDeleted:
                if (payload.TryGetProperty("annotations", out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in list.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var itemId))
                        {
                            examples.Remove(itemId.GetRawText());
                        }
                    }
                }

                break;
            case TrainingEventNames.StartTraining:
                // Legacy /train carries the exported tasks with their annotations.
                if (JsonNode.Parse(payload.GetRawText())?["annotations"] is JsonArray tasks)
                {
                    foreach (var exported in tasks.OfType<JsonObject>())
                    {
                        var text = exported["data"] is JsonObject data ? TextOf(data, dataKey) : null;
                        foreach (var exportedAnnotation in (exported["annotations"] as JsonArray ?? []).OfType<JsonObject>())
                        {
                            AddExample(examples, exportedAnnotation["id"]?.ToJsonString(), text, ChoiceOf(exportedAnnotation["result"], control));
                        }
                    }
                }

                break;
        }
    }

    private static string? ChoiceOf(JsonNode? result, ControlTag control) =>
        (result as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(r => r["from_name"]?.GetValueKind() == JsonValueKind.String && r["from_name"]!.GetValue<string>() == control.Name)
            .Select(r => r["value"]?["choices"] is JsonArray { Count: > 0 } choices && choices[0]?.GetValueKind() == JsonValueKind.String ? choices[0]!.GetValue<string>() : null)
            .FirstOrDefault(c => c is not null);

    private static void AddExample(Dictionary<string, TextExample> examples, string? id, string? text, string? label)
    {
        if (id is not null && text is not null && label is not null)
        {
            examples[id] = new TextExample { Text = text, Label = label };
        }
    }

    private static string? TextOf(JsonObject data, string key) =>
        data[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static async Task<Dictionary<string, TextExample>> LoadExamplesAsync(string path, CancellationToken cancellationToken)
    {
        var examples = new Dictionary<string, TextExample>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return examples;
        }

        var node = JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)) as JsonObject ?? [];
        foreach (var (id, value) in node)
        {
            if (value?["text"]?.GetValue<string>() is { } text && value["label"]?.GetValue<string>() is { } label)
            {
                examples[id] = new TextExample { Text = text, Label = label };
            }
        }

        return examples;
    }

    private static async Task SaveExamplesAsync(string path, Dictionary<string, TextExample> examples, CancellationToken cancellationToken)
    {
        var node = new JsonObject();
        foreach (var (id, example) in examples.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            node[id] = new JsonObject { ["text"] = example.Text, ["label"] = example.Label };
        }

        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllTextAsync(temporary, node.ToJsonString(), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }

    private sealed class Trained(PredictionEngine<TextExample, TextPrediction> engine)
    {
        public PredictionEngine<TextExample, TextPrediction> Engine { get; } = engine;
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudio.Config;
using LabelStudio.Formats.Models;
using LabelStudio.Host.Models;
using LabelStudio.MlBackend.Contracts;
using LabelStudio.MlBackend.State;
using LabelStudio.MlBackend.Training;

namespace LabelStudio.Host.Tests;

[TestFixture]
public sealed class TextClassifierTests
{
    internal const string Config = """<View><Text name="text" value="$text"/><Choices name="sentiment" toName="text"><Choice value="Positive"/><Choice value="Negative"/></Choices></View>""";

    // Each class has its own vocabulary; the held-out texts reuse it, so a trained bag-of-words model must separate them.
    internal static readonly (string Text, string Label)[] Training =
    [
        ("great service, lovely staff", "Positive"), ("lovely food and great value", "Positive"), ("excellent, great, lovely", "Positive"),
        ("wonderful experience, excellent staff", "Positive"), ("great and wonderful", "Positive"), ("lovely excellent visit", "Positive"),
        ("terrible service, rude staff", "Negative"), ("awful food and terrible value", "Negative"), ("rude, awful, horrible", "Negative"),
        ("horrible experience, rude staff", "Negative"), ("terrible and awful", "Negative"), ("horrible rude visit", "Negative"),
    ];

    internal static readonly (string Text, string Label)[] HeldOut =
    [
        ("great lovely wonderful", "Positive"), ("excellent and lovely", "Positive"),
        ("awful rude terrible", "Negative"), ("horrible and terrible", "Negative"),
    ];

    [Test]
    public async Task FitAsync_SmallLabelledSet_ClassifierGoesFromNoAnswerToCorrect()
    {
        var data = Path.Combine(Path.GetTempPath(), "mlserve-clf-" + Guid.NewGuid().ToString("N"));
        using var store = new FileProjectStateStore(data);
        try
        {
            var classifier = new TextClassifier(store);
            var config = LabelConfig.Parse(Config);
            var tasks = HeldOut.Select((h, i) => new LabelStudioTask { Id = i, Data = new JsonObject { ["text"] = h.Text } }).ToList();

            // Untrained: no model, so no answer (0 of 4 correct).
            (await classifier.PredictAsync("4", config, tasks, CancellationToken.None)).Should().BeNull();

            var events = Training.Select((t, i) => new TrainingEvent(
                "ANNOTATION_CREATED",
                "4",
                JsonSerializer.SerializeToElement(new JsonObject
                {
                    ["action"] = "ANNOTATION_CREATED",
                    ["annotation"] = new JsonObject
                    {
                        ["id"] = 100 + i,
                        ["result"] = new JsonArray(new JsonObject { ["from_name"] = "sentiment", ["to_name"] = "text", ["type"] = "choices", ["value"] = new JsonObject { ["choices"] = new JsonArray(t.Label) } }),
                    },
                    ["task"] = new JsonObject { ["id"] = i, ["data"] = new JsonObject { ["text"] = t.Text } },
                }),
                DateTimeOffset.UnixEpoch)).ToList();
            var version = await classifier.FitAsync(new TrainingRequest("4", events, 0, Config, "0.0.1", store.GetModelDirectory("4"), null), CancellationToken.None);
            version.Should().Be("textclf.1");

            var predictions = await classifier.PredictAsync("4", config, tasks, CancellationToken.None);
            var labels = predictions!.Select(p => ((ChoicesValue)p.Single().Results.Single().Value!).Choices.Single());
            labels.Should().Equal(HeldOut.Select(h => h.Label));

            // A fresh classifier (a restart) loads the saved model.
            var reloaded = await new TextClassifier(store).PredictAsync("4", config, tasks, CancellationToken.None);
            reloaded!.Select(p => ((ChoicesValue)p.Single().Results.Single().Value!).Choices.Single()).Should().Equal(HeldOut.Select(h => h.Label));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Test]
    public async Task FitAsync_OneClassOnly_DoesNotTrain()
    {
        var data = Path.Combine(Path.GetTempPath(), "mlserve-clf-" + Guid.NewGuid().ToString("N"));
        using var store = new FileProjectStateStore(data);
        try
        {
            var payload = JsonSerializer.SerializeToElement(new JsonObject
            {
                ["annotation"] = new JsonObject { ["id"] = 1, ["result"] = new JsonArray(new JsonObject { ["from_name"] = "sentiment", ["value"] = new JsonObject { ["choices"] = new JsonArray("Positive") } }) },
                ["task"] = new JsonObject { ["data"] = new JsonObject { ["text"] = "great" } },
            });
            var version = await new TextClassifier(store).FitAsync(
                new TrainingRequest("4", [new TrainingEvent("ANNOTATION_CREATED", "4", payload, DateTimeOffset.UnixEpoch)], 0, Config, "0.0.1", store.GetModelDirectory("4"), null),
                CancellationToken.None);
            version.Should().BeNull();
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Test]
    public async Task FitAsync_StartTrainingWithTaskSource_TrainsOnTheFetchedTasksAndSkipsCancelledOnes()
    {
        var data = Path.Combine(Path.GetTempPath(), "mlserve-clf-" + Guid.NewGuid().ToString("N"));
        using var store = new FileProjectStateStore(data);
        try
        {
            var tasks = Training.Select((t, i) => Annotated(i, t.Text, t.Label, cancelled: false)).ToList();

            // A cancelled (skipped) annotation with the wrong label on every Positive text: if it were used, the two
            // classes would share their whole vocabulary and the held-out texts could not be separated.
            tasks.AddRange(Training.Where(t => t.Label == "Positive").Select((t, i) => Annotated(50 + i, t.Text, "Negative", cancelled: true)));
            var source = new ListTaskSource(tasks);
            var start = new TrainingEvent("START_TRAINING", "4", JsonSerializer.SerializeToElement(new JsonObject { ["action"] = "START_TRAINING" }), DateTimeOffset.UnixEpoch);

            var version = await new TextClassifier(store).FitAsync(new TrainingRequest("4", [start], 0, Config, "0.0.1", store.GetModelDirectory("4"), source), CancellationToken.None);

            version.Should().Be("textclf.1");
            source.Calls.Should().Be(1);

            // The kept examples are keyed by annotation id: the cancelled ones (1050 and up) are not among them.
            var examples = JsonNode.Parse(File.ReadAllText(Path.Combine(store.GetModelDirectory("4"), "examples.json")))!.AsObject();
            examples.Select(e => e.Key).Should().BeEquivalentTo(Training.Select((_, i) => (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var classifier = new TextClassifier(store);
            var heldOut = HeldOut.Select((h, i) => new LabelStudioTask { Id = i, Data = new JsonObject { ["text"] = h.Text } }).ToList();
            var predictions = await classifier.PredictAsync("4", LabelConfig.Parse(Config), heldOut, CancellationToken.None);
            predictions!.Select(p => ((ChoicesValue)p.Single().Results.Single().Value!).Choices.Single()).Should().Equal(HeldOut.Select(h => h.Label));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Test]
    public async Task FitAsync_AnnotationEventWithTaskSource_UsesTheEventWithoutCallingLabelStudio()
    {
        var data = Path.Combine(Path.GetTempPath(), "mlserve-clf-" + Guid.NewGuid().ToString("N"));
        using var store = new FileProjectStateStore(data);
        try
        {
            var source = new ListTaskSource([]);
            var payload = JsonSerializer.SerializeToElement(new JsonObject
            {
                ["annotation"] = new JsonObject { ["id"] = 1, ["result"] = new JsonArray(new JsonObject { ["from_name"] = "sentiment", ["value"] = new JsonObject { ["choices"] = new JsonArray("Positive") } }) },
                ["task"] = new JsonObject { ["data"] = new JsonObject { ["text"] = "great" } },
            });
            await new TextClassifier(store).FitAsync(
                new TrainingRequest("4", [new TrainingEvent("ANNOTATION_CREATED", "4", payload, DateTimeOffset.UnixEpoch)], 0, Config, "0.0.1", store.GetModelDirectory("4"), source),
                CancellationToken.None);

            // Annotation events carry their data: one call to Label Studio per annotation would not scale.
            source.Calls.Should().Be(0);
            File.ReadAllText(Path.Combine(store.GetModelDirectory("4"), "examples.json")).Should().Contain("great");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static LabelStudioTask Annotated(int id, string text, string label, bool cancelled) => new()
    {
        Id = id,
        Data = new JsonObject { ["text"] = text },
        Annotations =
        [
            new Annotation
            {
                Id = 1000 + id,
                WasCancelled = cancelled,
                Results = [new Result { FromName = "sentiment", ToName = "text", Type = ResultType.Choices, Value = new ChoicesValue { Choices = [label] } }],
            },
        ],
    };

    private sealed class ListTaskSource(IReadOnlyList<LabelStudioTask> tasks) : LabelStudio.MlBackend.ILabelStudioTaskSource
    {
        public int Calls { get; private set; }

        public async IAsyncEnumerable<LabelStudioTask> GetAnnotatedTasksAsync(string projectId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Calls++;
            foreach (var task in tasks)
            {
                await Task.Yield();
                yield return task;
            }
        }
    }
}

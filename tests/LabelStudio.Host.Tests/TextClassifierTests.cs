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
    private const string Config = """<View><Text name="text" value="$text"/><Choices name="sentiment" toName="text"><Choice value="Positive"/><Choice value="Negative"/></Choices></View>""";

    // Each class has its own vocabulary; the held-out texts reuse it, so a trained bag-of-words model must separate them.
    private static readonly (string Text, string Label)[] Training =
    [
        ("great service, lovely staff", "Positive"), ("lovely food and great value", "Positive"), ("excellent, great, lovely", "Positive"),
        ("wonderful experience, excellent staff", "Positive"), ("great and wonderful", "Positive"), ("lovely excellent visit", "Positive"),
        ("terrible service, rude staff", "Negative"), ("awful food and terrible value", "Negative"), ("rude, awful, horrible", "Negative"),
        ("horrible experience, rude staff", "Negative"), ("terrible and awful", "Negative"), ("horrible rude visit", "Negative"),
    ];

    private static readonly (string Text, string Label)[] HeldOut =
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
}

// A script-style round trip through a Label Studio server, the library form of the `labelstudio` server commands:
//   1. build a labeling config and validate it offline (LabelStudio.Config);
//   2. create a project with it;
//   3. build tasks with predictions and annotations with the config-driven region builder, validate them against the
//      config, and import them (what `labelstudio import --validate` does);
//   4. page the tasks back and convert them to YOLO locally (what `labelstudio export --to YOLO` does).
//
//   LABEL_STUDIO_URL=http://localhost:8080 LABEL_STUDIO_API_KEY=<key> dotnet run --project examples/ScriptedProjectRoundTrip -- out/
using System.Text.Json.Nodes;
using LabelStudio.Client;
using LabelStudio.Client.Projects;
using LabelStudio.Client.Tasks;
using LabelStudio.Config;
using LabelStudio.Config.Building;
using LabelStudio.Formats.Building;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;
using LabelStudio.Formats.Validation;

if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(LabelStudioClientOptions.UrlEnvironmentVariable)))
{
    Console.Error.WriteLine("This example talks to a Label Studio server: set LABEL_STUDIO_URL (e.g. http://localhost:8080) and LABEL_STUDIO_API_KEY, then run it again.");
    return 2;
}

var options = new LabelStudioClientOptions().WithEnvironmentDefaults();
if (options.Validate() is { Count: > 0 } settingsProblems)
{
    Console.Error.WriteLine(string.Join(" ", settingsProblems));
    return 2;
}

var output = args.Length > 0 ? args[0] : "round-trip-yolo";

// 1. The config, built and checked before the server sees it.
var xml = new LabelConfigBuilder()
    .AddObject("Image", "image", "$image")
    .AddControl("RectangleLabels", "label", "image", ["Bird", "Nest"])
    .ToXml();
if (!LabelConfig.TryParse(xml, out var config, out var configProblems))
{
    foreach (var problem in configProblems)
    {
        Console.Error.WriteLine(problem.Format("config"));
    }

    return 1;
}

// 2. Tasks: one prediction (what a model proposes) and one annotation (what a person confirmed) each, sizes given so
//    the converters can turn percent coordinates into pixels.
var regions = new ResultBuilderOptions { OriginalWidth = 640, OriginalHeight = 480 };
var images = new[] { "https://example.com/birds/001.jpg", "https://example.com/birds/002.jpg", "https://example.com/birds/003.jpg" };
var tasks = images.Select((image, i) => new LabelStudioTask
{
    Data = new JsonObject { ["image"] = image },
    Predictions = [new ResultBuilder(config, regions).AddRectangle("label", x: 10 + (5 * i), y: 20, width: 30, height: 25, "Bird").WithScore(0.87).BuildPrediction("example-model-v1", score: 0.87)],
    Annotations = [new ResultBuilder(config, regions).AddRectangle("label", x: 12 + (5 * i), y: 21, width: 28, height: 24, "Bird").AddRectangle("label", x: 60, y: 55, width: 20, height: 15, "Nest").BuildAnnotation()],
}).ToList();

var validator = new TaskValidator(config);
var errors = tasks.SelectMany((task, index) => validator.Validate(task, index)).Where(d => d.Severity == ValidationSeverity.Error).ToList();
if (errors.Count > 0)
{
    errors.ForEach(e => Console.Error.WriteLine(e));
    return 1;
}

using var client = new LabelStudioClient(options);
try
{
    var project = await client.Projects.CreateAsync(new ProjectRequest
    {
        Title = $"Round trip {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm:ss}",
        LabelConfig = xml,
    });
    var projectId = project.Id ?? throw new InvalidOperationException("The server did not return the project id.");
    Console.WriteLine($"created project {projectId} \"{project.Title}\"");

    // 3. Import: the task objects, written by the Formats writer (one request; ChunkSize splits big imports).
    var imported = await client.Import.ImportTasksAsync(projectId, tasks);
    Console.WriteLine($"imported {imported.TaskCount} tasks, {imported.AnnotationCount} annotations, {imported.PredictionCount} predictions");

    // 4. Export: page the tasks (annotations included) into a JSON export file, then convert it locally.
    var exportFile = Path.Combine(Path.GetTempPath(), $"round-trip-{Guid.NewGuid():N}.json");
    try
    {
        await LabelStudioJson.WriteTasksToFileAsync(exportFile, client.Tasks.ListAsync(new TaskListOptions { ProjectId = projectId, IncludeAnnotations = true }));
        await using var export = File.OpenRead(exportFile);
        var report = await new ExportRunner().RunAsync(export, ExportFormat.Yolo, output, new ExportRunOptions { Config = config });
        foreach (var line in report.Summarize())
        {
            Console.WriteLine(line);
        }

        Console.WriteLine($"YOLO dataset in {Path.GetFullPath(output)} (classes.txt, labels/)");
        return report.IsLossless ? 0 : 1;
    }
    finally
    {
        File.Delete(exportFile);
    }
}
catch (Exception e) when (e is LabelStudioApiException or LabelStudioImportException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
catch (HttpRequestException e)
{
    Console.Error.WriteLine($"Cannot reach {client.BaseUrl}: {e.Message}");
    return 2;
}

// Reads a Label Studio JSON export, checks its predictions against the labeling config (every problem with its
// task, prediction and region), then builds a new prediction with the config-driven ResultBuilder and checks it too.
//
//   dotnet run --project examples/ValidatePredictions -- export.json config.xml
using LabelStudio.Config;
using LabelStudio.Formats.Building;
using LabelStudio.Formats.Validation;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: ValidatePredictions <export.json> <config.xml>");
    return 2;
}

var config = LabelConfig.Parse(await File.ReadAllTextAsync(args[1]));

// 1. Predictions of the export (annotations and task data left out), streamed: memory stays flat.
var validator = new TaskValidator(config, new TaskValidationOptions { ValidateAnnotations = false, ValidateData = false });
await using (var export = File.OpenRead(args[0]))
{
    var summary = await validator.ValidateExportAsync(export);
    Console.WriteLine($"{summary.TaskCount} tasks, {summary.PredictionCount} predictions, {summary.ResultCount} results: {summary.ErrorCount} errors, {summary.WarningCount} warnings");
    foreach (var diagnostic in summary.Diagnostics)
    {
        Console.WriteLine("  " + diagnostic);
    }
}

// 2. A new prediction for the first control that draws rectangles, with its first label.
var control = config.Controls.FirstOrDefault(c => c.ResultType is "rectanglelabels" && c.LabelValues.Count > 0);
if (control is null)
{
    Console.WriteLine("The config has no RectangleLabels control with labels: nothing to build.");
    return 0;
}

var prediction = new ResultBuilder(config, new ResultBuilderOptions { OriginalWidth = 640, OriginalHeight = 480 })
    .AddRectangle(control.Name!, x: 10, y: 20, width: 30, height: 40, control.LabelValues[0]).WithScore(0.9)
    .BuildPrediction("example-model-v1", score: 0.9);
var problems = validator.ValidatePrediction(prediction);
var region = prediction.Results[0];
Console.WriteLine($"built: {region.Type} \"{string.Join(",", region.GetLabels())}\" from {region.FromName} to {region.ToName}, id {region.Id}: {(problems.Count == 0 ? "valid" : string.Join("; ", problems))}");
return problems.Count == 0 ? 0 : 1;

// Imports a COCO dataset as Label Studio predictions: tasks.json plus tasks.label_config.xml for the project,
// then prints what was imported and every annotation that could not be (with its reason).
//
//   dotnet run --project examples/ImportCocoAsPredictions -- coco.json tasks.json [image-root-url]
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.Import;

if (args.Length is < 2 or > 3)
{
    Console.Error.WriteLine("usage: ImportCocoAsPredictions <coco.json> <tasks.json> [image-root-url]");
    return 2;
}

var options = new CocoImportOptions { OutputType = ImportOutputType.Predictions };
if (args.Length == 3)
{
    options.ImageRootUrl = args[2];
}

try
{
    var result = await CocoImporter.ImportAsync(args[0], args[1], options);
    foreach (var line in result.Report.Summarize())
    {
        Console.WriteLine(line);
    }

    foreach (var issue in result.Report.Issues)
    {
        Console.WriteLine($"  {issue}");
    }

    Console.WriteLine($"Create a project with the config in {result.LabelConfigPath}, then import {result.TasksPath}.");
    return 0;
}
catch (ConversionException exception)
{
    Console.Error.WriteLine($"invalid COCO file: {exception.Message}");
    return 1;
}

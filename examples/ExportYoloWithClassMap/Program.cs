using LabelStudio.Config;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.ImageExport;

// Exports a Label Studio JSON export to YOLO with class ids several projects can share.
// Usage: ExportYoloWithClassMap <export.json> <config.xml> <output dir> [classes.txt]
//   with classes.txt: ids come from that file (one class name per line, line N = id N), the same in every project;
//   without it: ids follow the order of the labels in the config, not Label Studio's default ordering.
if (args.Length is < 3 or > 4)
{
    Console.Error.WriteLine("usage: ExportYoloWithClassMap <export.json> <config.xml> <output dir> [classes.txt]");
    return 2;
}

var config = LabelConfig.Parse(await File.ReadAllTextAsync(args[1]));
var options = args.Length == 4
    ? new ImageExportOptions { ClassMap = await ClassMap.LoadAsync(args[3]) }
    : new ImageExportOptions { ClassIdOrder = ClassIdOrder.ConfigOrder };

await using var export = File.OpenRead(args[0]);
var report = await new ExportRunner().RunAsync(export, ExportFormat.Yolo, args[2], new ExportRunOptions
{
    Config = config,
    ExportOptions = options,
});

foreach (var line in report.Summarize())
{
    Console.WriteLine(line);
}

foreach (var issue in report.Issues.Take(20))
{
    Console.WriteLine(issue);
}

return report.IsLossless ? 0 : 1;

using System.CommandLine;
using System.Globalization;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.Import;

namespace LabelStudio.Host.Commands;

/// <summary>
/// <c>labelstudio import-dataset coco|yolo &lt;input&gt; --output &lt;tasks.json&gt;</c>: a COCO file or YOLO dataset
/// directory to Label Studio tasks plus <c>&lt;tasks&gt;.label_config.xml</c>, as the official importer writes them.
/// Exit 0 on success, 1 for invalid input (nothing written), 2 for usage or I/O errors.
/// </summary>
internal sealed class ImportDatasetCommand : ICliCommand
{
    public string Name => "import-dataset";

    public Command Build(CliEnvironment environment)
    {
        var command = new Command(Name, "Turn a COCO or YOLO dataset into Label Studio tasks and a labeling config.");
        command.Subcommands.Add(BuildCoco(environment));
        command.Subcommands.Add(BuildYolo(environment));
        return command;
    }

    private static Command BuildCoco(CliEnvironment environment)
    {
        var input = new Argument<string>("coco.json") { Description = "The COCO annotations file." };
        var (output, rootUrl, outType) = CommonOptions("/data/local-files/?d=");
        var command = new Command("coco", "COCO boxes, polygons and keypoints to tasks; the config lists every category.") { input, output, rootUrl, outType };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var options = new CocoImportOptions
            {
                OutputType = ParseOutType(parseResult.GetValue(outType)),
                ImageRootUrl = parseResult.GetValue(rootUrl)!,
            };
            return RunAsync(environment, parseResult.GetValue(output)!, progress =>
            {
                options.Progress = progress;
                return CocoImporter.ImportAsync(environment.ResolvePath(parseResult.GetValue(input)!), environment.ResolvePath(parseResult.GetValue(output)!), options, cancellationToken);
            });
        });
        return command;
    }

    private static Command BuildYolo(CliEnvironment environment)
    {
        var input = new Argument<string>("dir") { Description = "The YOLO dataset directory: images/, labels/ and classes.txt (or data.yaml, notes.json)." };
        var (output, rootUrl, outType) = CommonOptions("/data/local-files/?d=images");
        var dims = new Option<int[]>("--image-dims")
        {
            Description = "Width and height of every image: sizes are then not read from the image files.",
            Arity = new ArgumentArity(2, 2),
            AllowMultipleArgumentsPerToken = true,
        };
        dims.Validators.Add(result =>
        {
            var values = result.GetValueOrDefault<int[]>();
            if (values is { Length: 2 } && (values[0] <= 0 || values[1] <= 0))
            {
                result.AddError("--image-dims: width and height must be positive integers.");
            }
        });
        var command = new Command("yolo", "YOLO detection labels (class x y w h [score]) to tasks with rectangles.") { input, output, rootUrl, outType, dims };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var size = parseResult.GetValue(dims);
            var options = new YoloImportOptions
            {
                OutputType = ParseOutType(parseResult.GetValue(outType)),
                ImageRootUrl = parseResult.GetValue(rootUrl)!,
                ImageDimensions = size is { Length: 2 } ? (size[0], size[1]) : null,
            };
            return RunAsync(environment, parseResult.GetValue(output)!, progress =>
            {
                options.Progress = progress;
                return YoloImporter.ImportAsync(environment.ResolvePath(parseResult.GetValue(input)!), environment.ResolvePath(parseResult.GetValue(output)!), options, cancellationToken);
            });
        });
        return command;
    }

    private static (Option<string> Output, Option<string> RootUrl, Option<string> OutType) CommonOptions(string defaultRoot)
    {
        var output = new Option<string>("--output", "-o") { Description = "The tasks file to write; the config goes beside it as <name>.label_config.xml.", Required = true };
        var rootUrl = new Option<string>("--image-root-url")
        {
            Description = $"Prefix of the image URLs (default {defaultRoot}).",
            DefaultValueFactory = _ => defaultRoot,
        };
        var outType = new Option<string>("--out-type")
        {
            Description = "Import the regions as annotations (default) or predictions.",
            DefaultValueFactory = _ => "annotations",
        };
        outType.AcceptOnlyFromAmong("annotations", "predictions");
        return (output, rootUrl, outType);
    }

    private static ImportOutputType ParseOutType(string? value) =>
        value == "predictions" ? ImportOutputType.Predictions : ImportOutputType.Annotations;

    private static async Task<int> RunAsync(CliEnvironment environment, string output, Func<IProgress<long>?, Task<DatasetImportResult>> import)
    {
        var progress = environment.ErrorIsTerminal ? new TerminalProgress(environment.Error) : null;
        DatasetImportResult result;
        try
        {
            result = await import(progress).ConfigureAwait(false);
        }
        catch (ConversionException exception)
        {
            await ClearProgressAsync(environment, progress).ConfigureAwait(false);
            await environment.Error.WriteLineAsync($"error: {exception.Message} Nothing was written.").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            await ClearProgressAsync(environment, progress).ConfigureAwait(false);
            await environment.Error.WriteLineAsync($"error: {exception.Message} Nothing was written to '{output}'.").ConfigureAwait(false);
            return ExitCodes.UsageOrIoError;
        }

        await ClearProgressAsync(environment, progress).ConfigureAwait(false);
        await WriteSummaryAsync(environment, result).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static async Task ClearProgressAsync(CliEnvironment environment, TerminalProgress? progress)
    {
        if (progress is { HasWritten: true })
        {
            await environment.Error.WriteAsync("\r\u001b[2K").ConfigureAwait(false);
        }
    }

    private static async Task WriteSummaryAsync(CliEnvironment environment, DatasetImportResult result)
    {
        var report = result.Report;
        foreach (var line in report.Summarize())
        {
            await environment.Error.WriteLineAsync(line).ConfigureAwait(false);
        }

        foreach (var issue in report.Issues.Take(20))
        {
            await environment.Error.WriteLineAsync("  " + issue).ConfigureAwait(false);
        }

        var more = report.Issues.Count - 20;
        if (more > 0)
        {
            await environment.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  ... and {more} more")).ConfigureAwait(false);
        }

        await environment.Error.WriteLineAsync($"wrote {result.TasksPath} and {result.LabelConfigPath}").ConfigureAwait(false);
    }

    /// <summary>One self-overwriting line on a terminal's stderr; never used when stderr is redirected.</summary>
    private sealed class TerminalProgress(TextWriter error) : IProgress<long>
    {
        public bool HasWritten { get; private set; }

        public void Report(long value)
        {
            HasWritten = true;
            error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{value} task(s) written"));
        }
    }
}

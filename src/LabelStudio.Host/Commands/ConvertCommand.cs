using System.CommandLine;
using System.Globalization;
using LabelStudio.Config;
using LabelStudio.Formats.Asr;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.Media;
using LabelStudio.Formats.Serialization;
using Spectre.Console;

namespace LabelStudio.Host.Commands;

/// <summary>
/// <c>labelstudio convert &lt;export.json&gt; --config &lt;config.xml&gt; --to &lt;FORMAT&gt; --output &lt;dir&gt;</c>:
/// writes an export in one of the official converter's formats, or lists the formats offered for a config.
/// Exit 0 when written, 1 for invalid input (nothing written), 2 for usage or I/O errors.
/// </summary>
internal sealed class ConvertCommand : ICliCommand
{
    private const int MaxIssuesShown = 10;

    public string Name => "convert";

    public Command Build(CliEnvironment environment)
    {
        var export = new Argument<string?>("export") { Description = "The Label Studio JSON export to convert.", Arity = ArgumentArity.ZeroOrOne };
        var config = new Option<string?>("--config") { Description = "The project's labeling config (XML); needed by every format but JSON, JSON_MIN, CSV and TSV." };
        var to = new Option<string?>("--to") { Description = "The format to write, as Label Studio names it (CSV, JSON_MIN, COCO, YOLO, YOLO_WITH_IMAGES, BRUSH_TO_COCO, ...)." };
        var output = new Option<string?>("--output") { Description = "The folder to write into; created when missing. Nothing is written when the conversion fails." };
        var download = new Option<bool>("--download-resources") { Description = "Copy the media the tasks reference into the output (COCO, YOLO and YOLO_OBB then write as their *_WITH_IMAGES variants)." };
        var mediaRoot = new Option<string?>("--media-root") { Description = "One folder for local media: /data/local-files/?d=<p> is read from <dir>/<p> and /data/upload/<p> from <dir>/upload/<p> (Label Studio's MEDIA_ROOT layout); paths never leave it. --upload-dir and --local-files-root override it." };
        var uploadDir = new Option<string?>("--upload-dir") { Description = "Where /data/upload/... media live (default: $LS_UPLOAD_DIR)." };
        var localRoot = new Option<string?>("--local-files-root") { Description = "Where /data/local-files/?d=... media live (default: $LOCAL_FILES_DOCUMENT_ROOT)." };
        var listFormats = new Option<bool>("--list-formats") { Description = "Print the formats offered for --config, one per line, and exit." };
        var command = new Command(Name, "Convert a Label Studio JSON export into another format, as Label Studio's converter does.")
        {
            export,
            config,
            to,
            output,
            download,
            mediaRoot,
            uploadDir,
            localRoot,
            listFormats,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var request = new ConvertRequest(
                parseResult.GetValue(export),
                parseResult.GetValue(config),
                parseResult.GetValue(to),
                parseResult.GetValue(output),
                parseResult.GetValue(download),
                parseResult.GetValue(uploadDir) ?? (parseResult.GetValue(mediaRoot) is { } uploadRoot ? Path.Combine(uploadRoot, "upload") : null) ?? environment.GetVariable("LS_UPLOAD_DIR"),
                parseResult.GetValue(localRoot) ?? parseResult.GetValue(mediaRoot) ?? environment.GetVariable("LOCAL_FILES_DOCUMENT_ROOT"));
            return parseResult.GetValue(listFormats)
                ? ListFormatsAsync(environment, request.ConfigPath, cancellationToken)
                : ConvertAsync(environment, request, cancellationToken);
        });
        return command;
    }

    private static async Task<int> ListFormatsAsync(CliEnvironment environment, string? configPath, CancellationToken cancellationToken)
    {
        var (config, exitCode) = await LoadConfigAsync(environment, configPath, cancellationToken).ConfigureAwait(false);
        if (exitCode != ExitCodes.Success)
        {
            return exitCode;
        }

        foreach (var format in ExporterRegistry.CreateDefault().GetSupportedFormats(config))
        {
            await environment.Out.WriteLineAsync(format.Name).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    private static async Task<int> ConvertAsync(CliEnvironment environment, ConvertRequest request, CancellationToken cancellationToken)
    {
        if (request.ExportPath is null || string.IsNullOrWhiteSpace(request.Format) || request.OutputPath is null)
        {
            await environment.Error.WriteLineAsync("error: convert needs <export.json>, --to <FORMAT> and --output <dir> (or --list-formats).").ConfigureAwait(false);
            return ExitCodes.UsageOrIoError;
        }

        var runner = new ExportRunner();
        var format = new ExportFormat(request.Format);
        if (!runner.Registry.TryGet(format, out var exporter))
        {
            await environment.Error.WriteLineAsync($"error: unknown or unsupported format '{request.Format}'; this build writes: {string.Join(", ", runner.Registry.Formats)}.").ConfigureAwait(false);
            return ExitCodes.UsageOrIoError;
        }

        if (exporter.RequiresConfig && request.ConfigPath is null)
        {
            await environment.Error.WriteLineAsync($"error: {format} needs the labeling config: pass --config <config.xml>.").ConfigureAwait(false);
            return ExitCodes.UsageOrIoError;
        }

        var (config, exitCode) = await LoadConfigAsync(environment, request.ConfigPath, cancellationToken).ConfigureAwait(false);
        if (exitCode != ExitCodes.Success)
        {
            return exitCode;
        }

        if (exporter.RequiresConfig && !exporter.IsSupported(config))
        {
            await environment.Error.WriteLineAsync($"error: {format} is not offered for this labeling config; offered: {string.Join(", ", runner.Registry.GetSupportedFormats(config))}.").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        var copiesMedia = request.DownloadResources || format.Name.EndsWith("_WITH_IMAGES", StringComparison.Ordinal);
        if (copiesMedia && request.UploadDirectory is null && request.LocalFilesRoot is null)
        {
            await environment.Error.WriteLineAsync($"error: {format}{(request.DownloadResources ? " with --download-resources" : string.Empty)} copies media into the output: pass --media-root <dir> (or --upload-dir / --local-files-root). convert reads local folders only; `labelstudio export --with-images` downloads from Label Studio.").ConfigureAwait(false);
            return ExitCodes.UsageOrIoError;
        }

        var media = new LocalMediaSource(new LocalMediaSourceOptions
        {
            UploadDirectory = request.UploadDirectory is { } upload ? environment.ResolvePath(upload) : null,
            LocalFilesDocumentRoot = request.LocalFilesRoot is { } root ? environment.ResolvePath(root) : null,
        });
        ExportOptions exportOptions = format == ExportFormat.AsrManifest
            ? new AsrManifestOptions { DownloadResources = request.DownloadResources }
            : new ExportOptions { DownloadResources = request.DownloadResources };
        var exportPath = environment.ResolvePath(request.ExportPath);
        ConversionReport report;
        try
        {
            var input = new FileStream(exportPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            await using (input.ConfigureAwait(false))
            {
                report = await RunWithProgressAsync(environment, progress => runner.RunAsync(
                    input,
                    format,
                    environment.ResolvePath(request.OutputPath),
                    new ExportRunOptions { Config = config, ExportOptions = exportOptions, Media = media, Progress = progress },
                    cancellationToken)).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is LabelStudioJsonException or ConversionException)
        {
            await environment.Error.WriteLineAsync($"error: {request.ExportPath}: {exception.Message}").ConfigureAwait(false);
            await environment.Error.WriteLineAsync("nothing was written.").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            await environment.Error.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.UsageOrIoError;
        }

        await WriteSummaryAsync(environment.Error, format, report).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static Task<ConversionReport> RunWithProgressAsync(CliEnvironment environment, Func<IProgress<long>?, Task<ConversionReport>> run) =>
        environment.ErrorIsTerminal ? RunWithSpinnerAsync(environment, run) : run(null);

    // Its own method so that Spectre.Console is loaded (and its code compiled) only when a terminal shows the spinner:
    // a state machine naming Spectre's types would load the assembly for every conversion, scripted ones included.
    private static async Task<ConversionReport> RunWithSpinnerAsync(CliEnvironment environment, Func<IProgress<long>?, Task<ConversionReport>> run)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(environment.Error) });
        ConversionReport? report = null;
        await console.Progress()
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("converting").IsIndeterminate();
                var progress = new Progress<long>(count => task.Description = string.Create(CultureInfo.InvariantCulture, $"{count:N0} task(s) read"));
                report = await run(progress).ConfigureAwait(false);
                task.StopTask();
            }).ConfigureAwait(false);
        return report!;
    }

    internal static async Task WriteSummaryAsync(TextWriter error, ExportFormat format, ConversionReport report)
    {
        await error.WriteLineAsync($"{format}: {(report.IsLossless ? "written, nothing dropped" : "written, with drops")}").ConfigureAwait(false);
        foreach (var line in report.Summarize())
        {
            await error.WriteLineAsync("  " + line).ConfigureAwait(false);
        }

        foreach (var issue in report.Issues.Take(MaxIssuesShown))
        {
            await error.WriteLineAsync("  " + issue).ConfigureAwait(false);
        }

        var total = report.DroppedTasks + report.DroppedAnnotations + report.DroppedRegions + report.Warnings;
        if (total > MaxIssuesShown)
        {
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  ... and {total - MaxIssuesShown} more")).ConfigureAwait(false);
        }
    }

    private static async Task<(LabelConfig? Config, int ExitCode)> LoadConfigAsync(CliEnvironment environment, string? path, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            return (null, ExitCodes.Success);
        }

        string xml;
        try
        {
            xml = await File.ReadAllTextAsync(environment.ResolvePath(path), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            await environment.Error.WriteLineAsync($"error: cannot read '{path}': {exception.Message}").ConfigureAwait(false);
            return (null, ExitCodes.UsageOrIoError);
        }

        if (string.IsNullOrWhiteSpace(xml))
        {
            // The official converter treats an empty config as an empty schema.
            return (null, ExitCodes.Success);
        }

        if (LabelConfig.TryParse(xml, out var config, out var diagnostics))
        {
            return (config, ExitCodes.Success);
        }

        foreach (var diagnostic in diagnostics.Where(d => d.IsError))
        {
            await environment.Error.WriteLineAsync(diagnostic.Format(path)).ConfigureAwait(false);
        }

        await environment.Error.WriteLineAsync($"error: '{path}' is not a valid labeling config; nothing was written.").ConfigureAwait(false);
        return (null, ExitCodes.Failure);
    }

    private sealed record ConvertRequest(string? ExportPath, string? ConfigPath, string? Format, string? OutputPath, bool DownloadResources, string? UploadDirectory, string? LocalFilesRoot);
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LabelStudio.Client;
using LabelStudio.Client.Media;
using LabelStudio.Client.Tasks;
using LabelStudio.Config;
using LabelStudio.Formats.Asr;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.Media;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;
using LabelStudio.Host.Downloads;

namespace LabelStudio.Host.Commands;

/// <summary>
/// <c>labelstudio export --project &lt;id&gt; --to &lt;FORMAT&gt; --output &lt;dir&gt; [--with-images]</c>: pages the
/// project's tasks (with annotations and predictions) through the API, converts them locally with the converters
/// (no server-side export, so no export timeout), and with <c>--with-images</c> first downloads every referenced
/// media file with the user's credentials into <c>&lt;output&gt;/.labelstudio-download/</c> (resumable).
/// Exit 0 when written; 1 when the format is not offered for the project's config, the conversion or a media download
/// failed, or the server refused; 2 for usage or I/O errors, including an unreachable server. Nothing is written to
/// the output (apart from the download cache) unless the whole export succeeds.
/// </summary>
internal sealed class ExportCommand : ICliCommand
{
    private const string WithImagesSuffix = "_WITH_IMAGES";

    // The formats that copy media when asked to (Label Studio's download_resources), and the object tags they copy.
    private static readonly Dictionary<string, string[]> MediaTags = new(StringComparer.Ordinal)
    {
        ["COCO"] = ["Image"],
        ["YOLO"] = ["Image"],
        ["YOLO_OBB"] = ["Image"],
        ["VOC"] = ["Image"],
        ["ASR_MANIFEST"] = ["Audio", "AudioPlus"],
    };

    public string Name => "export";

    public Command Build(CliEnvironment environment)
    {
        var connection = new ApiConnection();
        var project = new Option<int>("--project") { Description = "The id of the project to export.", Required = true };
        var to = new Option<string>("--to") { Description = "The format, as Label Studio names it: JSON, JSON_MIN, CSV, TSV, COCO, YOLO, YOLO_OBB, VOC, ... (YOLO_WITH_IMAGES = YOLO --with-images).", Required = true };
        var output = new Option<string>("--output") { Description = "The folder to write into; created when missing.", Required = true };
        var withImages = new Option<bool>("--with-images") { Description = "Download every referenced image (audio for ASR_MANIFEST) with your credentials and put it in the dataset." };
        var allowMissing = new Option<bool>("--allow-missing-media") { Description = "With --with-images: write the export even when some media cannot be downloaded (they are still listed; exit 0)." };
        var json = new Option<bool>("--json") { Description = "Write one JSON object (counts, conversion report, media downloads) to stdout." };
        var command = new Command(Name, "Export a project's tasks from a Label Studio server in any converter format, optionally with the images.")
        {
            project,
            to,
            output,
            withImages,
            allowMissing,
            json,
        };
        connection.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var request = new ExportRequest(
                parseResult.GetValue(project),
                parseResult.GetValue(to)!,
                parseResult.GetValue(output)!,
                parseResult.GetValue(withImages),
                parseResult.GetValue(allowMissing),
                parseResult.GetValue(json));
            var runner = new ExportRunner();
            var (format, exitCode) = await ResolveFormatAsync(environment, runner.Registry, request).ConfigureAwait(false);
            if (exitCode != ExitCodes.Success)
            {
                return exitCode;
            }

            request = request with { WithImages = request.WithImages || request.Format.EndsWith(WithImagesSuffix, StringComparison.OrdinalIgnoreCase) };
            using var client = await connection.CreateClientAsync(parseResult, environment).ConfigureAwait(false);
            if (client is null)
            {
                return ExitCodes.UsageOrIoError;
            }

            try
            {
                return await RunAsync(environment, client, runner, format, request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (ApiConnection.IsServerFailure(exception))
            {
                return await ApiConnection.ReportAsync(exception, environment, client.BaseUrl).ConfigureAwait(false);
            }
        });
        return command;
    }

    private static async Task<(ExportFormat Format, int ExitCode)> ResolveFormatAsync(CliEnvironment environment, ExporterRegistry registry, ExportRequest request)
    {
        if (request.ProjectId <= 0)
        {
            await environment.Error.WriteLineAsync("error: --project must be a positive project id.").ConfigureAwait(false);
            return (default, ExitCodes.UsageOrIoError);
        }

        var format = new ExportFormat(request.Format);
        if (!registry.TryGet(format, out _) && request.Format.EndsWith(WithImagesSuffix, StringComparison.OrdinalIgnoreCase))
        {
            // COCO_WITH_IMAGES and the YOLO ones are the plain format with download_resources, as in Label Studio.
            format = new ExportFormat(request.Format[..^WithImagesSuffix.Length]);
        }

        if (!registry.TryGet(format, out _))
        {
            await environment.Error.WriteLineAsync($"error: --to: unknown format '{request.Format}'; valid: {string.Join(", ", registry.Formats)}.").ConfigureAwait(false);
            return (default, ExitCodes.UsageOrIoError);
        }

        var withImages = request.WithImages || request.Format.EndsWith(WithImagesSuffix, StringComparison.OrdinalIgnoreCase);
        if (withImages && !MediaTags.ContainsKey(BaseName(format)))
        {
            await environment.Error.WriteLineAsync($"error: --with-images: {format} does not copy media; formats that do: {string.Join(", ", MediaTags.Keys)}.").ConfigureAwait(false);
            return (default, ExitCodes.UsageOrIoError);
        }

        return (format, ExitCodes.Success);
    }

    private static string BaseName(ExportFormat format) =>
        format.Name.EndsWith(WithImagesSuffix, StringComparison.Ordinal) ? format.Name[..^WithImagesSuffix.Length] : format.Name;

    private static async Task<int> RunAsync(CliEnvironment environment, LabelStudioClient client, ExportRunner runner, ExportFormat format, ExportRequest request, CancellationToken cancellationToken)
    {
        var exporter = runner.Registry.TryGet(format, out var found) ? found : throw new InvalidOperationException("The format was resolved before.");
        var project = await client.Projects.GetAsync(request.ProjectId, cancellationToken).ConfigureAwait(false);
        LabelConfig? config = null;
        if (!string.IsNullOrWhiteSpace(project.LabelConfig))
        {
            if (!LabelConfig.TryParse(project.LabelConfig, out config, out var diagnostics))
            {
                foreach (var diagnostic in diagnostics.Where(d => d.IsError).Take(20))
                {
                    await environment.Error.WriteLineAsync(diagnostic.Format($"project {request.ProjectId} label_config")).ConfigureAwait(false);
                }

                await environment.Error.WriteLineAsync($"error: project {request.ProjectId}'s labeling config cannot be parsed; nothing was written.").ConfigureAwait(false);
                return ExitCodes.Failure;
            }
        }

        if (exporter.RequiresConfig && (config is null || !exporter.IsSupported(config)))
        {
            await environment.Error.WriteLineAsync($"error: {format} is not offered for project {request.ProjectId}'s labeling config (it needs {Needs(format)}); offered: {string.Join(", ", runner.Registry.GetSupportedFormats(config))}. Nothing was written.").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        var prefetch = request.WithImages && config is not null ? new MediaPrefetch(config, MediaTags[BaseName(format)]) : null;
        if (request.WithImages && prefetch is not { HasMediaObjects: true })
        {
            await environment.Error.WriteLineAsync($"error: --with-images: project {request.ProjectId}'s labeling config has no {string.Join("/", MediaTags[BaseName(format)])} object with a $variable, so there is nothing to download.").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        var output = environment.ResolvePath(request.Output);
        var parent = Path.GetDirectoryName(output.TrimEnd(Path.DirectorySeparatorChar)) ?? output;
        var tasksFile = Path.Combine(parent, $".{Path.GetFileName(output.TrimEnd(Path.DirectorySeparatorChar))}.tasks-{Guid.NewGuid():N}.json");
        try
        {
            Directory.CreateDirectory(parent);
            var taskCount = await DownloadTasksAsync(environment, client, request.ProjectId, tasksFile, prefetch, cancellationToken).ConfigureAwait(false);

            PrefetchResult? media = null;
            MediaDownloadCache? cache = null;
            using var resolver = request.WithImages ? CreateResolver(client) : null;
            if (prefetch is not null)
            {
                cache = new MediaDownloadCache(Path.Combine(output, MediaDownloadCache.FolderName), client, resolver!, new LabelStudioMediaResolverOptions().MaxBytes, TimeSpan.FromMinutes(30));
                media = await prefetch.RunAsync(cache, environment, request.ProjectId, cancellationToken).ConfigureAwait(false);
                await WriteMediaSummaryAsync(environment.Error, media).ConfigureAwait(false);
                if (media.Failures.Count > 0 && !request.AllowMissingMedia)
                {
                    await environment.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"error: {media.Failures.Count} media file(s) could not be downloaded; nothing was written (the files already downloaded are kept in {MediaDownloadCache.FolderName}/ and reused by the next run; --allow-missing-media writes the export anyway).")).ConfigureAwait(false);
                    if (request.Json)
                    {
                        await WriteJsonAsync(environment.Out, request, format, output, taskCount, null, media).ConfigureAwait(false);
                    }

                    return ExitCodes.Failure;
                }
            }

            ExportOptions exportOptions = format == ExportFormat.AsrManifest
                ? new AsrManifestOptions { DownloadResources = request.WithImages }
                : new ExportOptions { DownloadResources = request.WithImages };
            ConversionReport report;
            var input = new FileStream(tasksFile, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            await using (input.ConfigureAwait(false))
            {
                report = await runner.RunAsync(
                    input,
                    format,
                    output,
                    new ExportRunOptions
                    {
                        Config = config,
                        ExportOptions = exportOptions,

                        // Without --with-images, the same media source `convert` uses with no roots, so both write the same files.
                        Media = cache ?? (IMediaSource)new LocalMediaSource(new LocalMediaSourceOptions()),
                    },
                    cancellationToken).ConfigureAwait(false);
            }

            await ConvertCommand.WriteSummaryAsync(environment.Error, format, report).ConfigureAwait(false);
            if (request.Json)
            {
                await WriteJsonAsync(environment.Out, request, format, output, taskCount, report, media).ConfigureAwait(false);
            }
            else
            {
                await environment.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"exported {taskCount} task(s) of project {request.ProjectId} as {format} to {request.Output}")).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }
        catch (Exception exception) when (exception is LabelStudioJsonException or ConversionException)
        {
            await environment.Error.WriteLineAsync($"error: project {request.ProjectId}: {exception.Message}").ConfigureAwait(false);
            await environment.Error.WriteLineAsync("nothing was written.").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            await environment.Error.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.UsageOrIoError;
        }
        finally
        {
            File.Delete(tasksFile);
        }
    }

    private static string Needs(ExportFormat format) => BaseName(format) switch
    {
        "COCO" or "YOLO" or "VOC" => "an <Image> with RectangleLabels, PolygonLabels or KeyPointLabels",
        "YOLO_OBB" => "an <Image> with RectangleLabels",
        "CONLL2003" => "a <Text> with Labels",
        "ASR_MANIFEST" => "an <Audio> with a TextArea",
        "BRUSH_TO_PNG" or "BRUSH_TO_NUMPY" or "BRUSH_TO_COCO" => "an <Image> with BrushLabels",
        _ => "the tags this format reads",
    };

    /// <summary>Pages the project's tasks into the temporary JSON export the converters read, noting their media.</summary>
    private static async Task<long> DownloadTasksAsync(CliEnvironment environment, LabelStudioClient client, int projectId, string tasksFile, MediaPrefetch? prefetch, CancellationToken cancellationToken)
    {
        long count = 0;
        async IAsyncEnumerable<LabelStudioTask> Tasks()
        {
            var options = new TaskListOptions { ProjectId = projectId, IncludeAnnotations = true };
            await foreach (var task in client.Tasks.ListAsync(options, cancellationToken).ConfigureAwait(false))
            {
                prefetch?.Collect(task);
                count++;
                yield return task;
            }
        }

        await LabelStudioJson.WriteTasksToFileAsync(tasksFile, Tasks(), cancellationToken: cancellationToken).ConfigureAwait(false);
        await environment.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{count} task(s) read from project {projectId}")).ConfigureAwait(false);
        return count;
    }

    /// <summary>
    /// The resolver for media outside Label Studio's own files (cloud-storage presigns, http(s) URLs), authenticating with
    /// the client's credential (legacy key or personal access token) to the Label Studio origin only. Plain http is
    /// allowed because self-hosted servers and datasets commonly use it; the SSRF guard still applies.
    /// </summary>
    private static LabelStudioMediaResolver CreateResolver(LabelStudioClient client) =>
        client.CreateMediaResolver(new LabelStudioMediaResolverOptions { AllowPlainHttp = true });

    private static async Task WriteMediaSummaryAsync(TextWriter error, PrefetchResult media)
    {
        await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"media: {media.Total} file(s): {media.Downloaded} downloaded, {media.Resumed} resumed, {media.Reused} already complete, {media.Failures.Count} failed")).ConfigureAwait(false);
        foreach (var failure in media.Failures)
        {
            var task = failure.TaskId is { } id ? id.ToString(CultureInfo.InvariantCulture) : "?";
            await error.WriteLineAsync($"  task {task}: {failure.Reference}: {failure.Reason}").ConfigureAwait(false);
        }
    }

    private static Task WriteJsonAsync(TextWriter writerOut, ExportRequest request, ExportFormat format, string output, long taskCount, ConversionReport? report, PrefetchResult? media) =>
        JsonOutput.WriteAsync(writerOut, writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("project", request.ProjectId);
            writer.WriteString("format", format.Name);
            writer.WriteString("output", output);
            writer.WriteBoolean("written", report is not null);
            writer.WriteNumber("tasks", taskCount);
            if (report is null)
            {
                writer.WriteNull("report");
            }
            else
            {
                writer.WriteStartObject("report");
                writer.WriteBoolean("lossless", report.IsLossless);
                writer.WriteNumber("tasks_read", report.TasksRead);
                writer.WriteNumber("tasks_written", report.TasksWritten);
                writer.WriteNumber("items_written", report.ItemsWritten);
                writer.WriteNumber("dropped_tasks", report.DroppedTasks);
                writer.WriteNumber("dropped_annotations", report.DroppedAnnotations);
                writer.WriteNumber("dropped_regions", report.DroppedRegions);
                writer.WriteNumber("warnings", report.Warnings);
                writer.WriteStartArray("issues");
                foreach (var issue in report.Issues)
                {
                    writer.WriteStartObject();
                    writer.WriteString("kind", JsonNamingPolicy.SnakeCaseLower.ConvertName(issue.Kind.ToString()));
                    writer.WriteString("reason", issue.Reason);
                    writer.WriteString("message", issue.Message);
                    writer.WriteNullableNumber("task_index", issue.TaskIndex);
                    writer.WriteNullableNumber("task_id", issue.TaskId);
                    writer.WriteNullableNumber("annotation_id", issue.AnnotationId);
                    writer.WriteString("region_id", issue.RegionId);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            if (media is null)
            {
                writer.WriteNull("media");
            }
            else
            {
                writer.WriteStartObject("media");
                writer.WriteNumber("files", media.Total);
                writer.WriteNumber("downloaded", media.Downloaded);
                writer.WriteNumber("resumed", media.Resumed);
                writer.WriteNumber("reused", media.Reused);
                writer.WriteStartArray("failed");
                foreach (var failure in media.Failures)
                {
                    writer.WriteStartObject();
                    writer.WriteNullableNumber("task_id", failure.TaskId);
                    writer.WriteString("reference", failure.Reference);
                    writer.WriteString("reason", failure.Reason);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        });

    private sealed record ExportRequest(int ProjectId, string Format, string Output, bool WithImages, bool AllowMissingMedia, bool Json);
}

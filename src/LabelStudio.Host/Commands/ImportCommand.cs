using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using LabelStudio.Client;
using LabelStudio.Client.Import;
using LabelStudio.Config;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;
using LabelStudio.Formats.Validation;

namespace LabelStudio.Host.Commands;

/// <summary>
/// <c>labelstudio import --project &lt;id&gt; &lt;file&gt; [--validate] [--json]</c>: imports a JSON task file into a
/// project. The file is always read once first (it must be well-formed JSON: an array of tasks, one task, or bare data
/// objects); with <c>--validate</c> its data, annotations and predictions are also checked against the project's
/// labeling config, and nothing is sent when an error is found. The file is then sent byte for byte as it is.
/// Exit 0 when imported, 1 for invalid input, validation errors or a refusing server, 2 for usage or I/O errors
/// (including an unreachable server).
/// </summary>
internal sealed class ImportCommand : ICliCommand
{
    private const int MaxDiagnosticsKept = 10_000;

    public string Name => "import";

    public Command Build(CliEnvironment environment)
    {
        var connection = new ApiConnection();
        var project = new Option<int>("--project") { Description = "The id of the project to import into.", Required = true };
        var file = new Argument<string>("file") { Description = "The tasks: a JSON array of tasks ({\"data\": ..., \"annotations\": ..., \"predictions\": ...}) or of bare data objects." };
        var validate = new Option<bool>("--validate") { Description = "Check the tasks, annotations and predictions against the project's labeling config first; send nothing if any error is found." };
        var json = new Option<bool>("--json") { Description = "Write one JSON object (validation and import outcome) to stdout." };
        var chunkSize = new Option<int?>("--chunk-size")
        {
            Description = "Send the tasks N per request, one request after the other, with progress (default: the whole file in one request, as it is). For big files; a failed chunk stops the import and says what was imported.",
        };
        var command = new Command(Name, "Import tasks (with annotations and predictions) into a Label Studio project, optionally validated first.")
        {
            project,
            file,
            validate,
            json,
            chunkSize,
        };
        connection.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var request = new ImportRequest(parseResult.GetValue(project), parseResult.GetValue(file)!, parseResult.GetValue(validate), parseResult.GetValue(json), parseResult.GetValue(chunkSize));
            if (request.ProjectId <= 0)
            {
                await environment.Error.WriteLineAsync("error: --project must be a positive project id.").ConfigureAwait(false);
                return ExitCodes.UsageOrIoError;
            }

            if (request.ChunkSize is <= 0)
            {
                await environment.Error.WriteLineAsync("error: --chunk-size must be a positive number of tasks.").ConfigureAwait(false);
                return ExitCodes.UsageOrIoError;
            }

            var extension = Path.GetExtension(request.File);
            if (extension.Equals(".csv", StringComparison.OrdinalIgnoreCase) || extension.Equals(".tsv", StringComparison.OrdinalIgnoreCase))
            {
                await environment.Error.WriteLineAsync($"error: {request.File}: import reads JSON task files; convert CSV/TSV to JSON tasks first (a CSV carries no annotations or predictions to validate).").ConfigureAwait(false);
                return ExitCodes.UsageOrIoError;
            }

            using var client = await connection.CreateClientAsync(parseResult, environment).ConfigureAwait(false);
            if (client is null)
            {
                return ExitCodes.UsageOrIoError;
            }

            try
            {
                return await RunAsync(environment, client, request, cancellationToken).ConfigureAwait(false);
            }
            catch (LabelStudioImportException exception)
            {
                // A chunk failed: the message names the chunk, its task range and what earlier chunks imported.
                await environment.Error.WriteLineAsync($"error: {request.File}: {exception.Message}").ConfigureAwait(false);
                return exception.InnerException is { } inner && ApiConnection.IsServerFailure(inner) && inner is not LabelStudioApiException
                    ? ExitCodes.UsageOrIoError
                    : ExitCodes.Failure;
            }
            catch (Exception exception) when (ApiConnection.IsServerFailure(exception))
            {
                return await ApiConnection.ReportAsync(exception, environment, client.BaseUrl).ConfigureAwait(false);
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(CliEnvironment environment, LabelStudioClient client, ImportRequest request, CancellationToken cancellationToken)
    {
        FileStream input;
        try
        {
            input = new FileStream(environment.ResolvePath(request.File), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            await environment.Error.WriteLineAsync($"error: cannot read '{request.File}': {exception.Message}").ConfigureAwait(false);
            return ExitCodes.UsageOrIoError;
        }

        await using (input.ConfigureAwait(false))
        {
            TaskValidator? validator = null;
            if (request.Validate)
            {
                var project = await client.Projects.GetAsync(request.ProjectId, cancellationToken).ConfigureAwait(false);
                if (!LabelConfig.TryParse(project.LabelConfig ?? string.Empty, out var config, out var configDiagnostics))
                {
                    foreach (var diagnostic in configDiagnostics.Where(d => d.IsError).Take(20))
                    {
                        await environment.Error.WriteLineAsync(diagnostic.Format($"project {request.ProjectId} label_config")).ConfigureAwait(false);
                    }

                    await environment.Error.WriteLineAsync($"error: project {request.ProjectId}'s labeling config cannot be parsed, so the tasks cannot be validated; nothing was sent.").ConfigureAwait(false);
                    return ExitCodes.Failure;
                }

                validator = new TaskValidator(config);
            }

            Check check;
            try
            {
                check = await CheckAsync(input, validator, cancellationToken).ConfigureAwait(false);
            }
            catch (LabelStudioJsonException exception)
            {
                await environment.Error.WriteLineAsync($"error: {request.File}: {exception.Message}").ConfigureAwait(false);
                await environment.Error.WriteLineAsync("nothing was sent.").ConfigureAwait(false);
                if (request.Json)
                {
                    await WriteJsonAsync(environment.Out, request, null, null, exception.Message).ConfigureAwait(false);
                }

                return ExitCodes.Failure;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                await environment.Error.WriteLineAsync($"error: cannot read '{request.File}': {exception.Message}").ConfigureAwait(false);
                return ExitCodes.UsageOrIoError;
            }

            foreach (var diagnostic in check.Diagnostics)
            {
                await environment.Error.WriteLineAsync($"{request.File}: {diagnostic}").ConfigureAwait(false);
            }

            if (check.Diagnostics.Count < check.Errors + check.Warnings)
            {
                await environment.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{request.File}: ... and {check.Errors + check.Warnings - check.Diagnostics.Count} more")).ConfigureAwait(false);
            }

            if (check.Tasks == 0 || check.Errors > 0)
            {
                var reason = check.Errors > 0
                    ? string.Create(CultureInfo.InvariantCulture, $"{check.Errors} error(s), {check.Warnings} warning(s) in {check.Tasks} task(s) against project {request.ProjectId}'s config")
                    : "the file holds no task";
                await environment.Error.WriteLineAsync($"error: {request.File}: {reason}; nothing was sent.").ConfigureAwait(false);
                if (request.Json)
                {
                    await WriteJsonAsync(environment.Out, request, check, null, null).ConfigureAwait(false);
                }

                return ExitCodes.Failure;
            }

            input.Position = 0;
            var result = request.ChunkSize is { } size
                ? await ImportInChunksAsync(environment, client, request.ProjectId, input, size, cancellationToken).ConfigureAwait(false)
                : Imported.Of(await client.Import.ImportJsonAsync(request.ProjectId, input, cancellationToken: cancellationToken).ConfigureAwait(false));
            if (request.Json)
            {
                await WriteJsonAsync(environment.Out, request, check, result, null).ConfigureAwait(false);
            }
            else
            {
                var chunks = result.Chunks is { } count ? string.Create(CultureInfo.InvariantCulture, $" in {count} request(s)") : string.Empty;
                await environment.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"imported {result.Tasks ?? 0} task(s), {result.Annotations ?? 0} annotation(s), {result.Predictions ?? 0} prediction(s) into project {request.ProjectId}{chunks}")).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }
    }

    /// <summary>Sends the file's tasks (read again, one at a time) <paramref name="chunkSize"/> per request, reporting each chunk on stderr.</summary>
    private static async Task<Imported> ImportInChunksAsync(CliEnvironment environment, LabelStudioClient client, int projectId, Stream input, int chunkSize, CancellationToken cancellationToken)
    {
        var progress = new SynchronousProgress<ImportProgress>(step => environment.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"import: {step.ChunksDone} request(s), {step.ItemsSent} task(s) sent, {step.TasksCreated} created")));
        var result = await client.Import.ImportTasksAsync(
            projectId,
            LabelStudioJson.ReadTasksAsync(input, cancellationToken: cancellationToken),
            new TaskImportOptions { ChunkSize = chunkSize, Progress = progress },
            cancellationToken).ConfigureAwait(false);
        return new Imported(result.TaskCount, result.AnnotationCount, result.PredictionCount, result.Chunks.Count);
    }

    /// <summary>Reads every task once (well-formedness), validating it when a validator is given.</summary>
    private static async Task<Check> CheckAsync(Stream input, TaskValidator? validator, CancellationToken cancellationToken)
    {
        var check = new Check();
        long index = 0;
        await foreach (var task in LabelStudioJson.ReadTasksAsync(input, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (validator is not null)
            {
                foreach (var diagnostic in validator.Validate(AsImported(task), index))
                {
                    if (diagnostic.Severity == ValidationSeverity.Error)
                    {
                        check.Errors++;
                    }
                    else
                    {
                        check.Warnings++;
                    }

                    if (check.Diagnostics.Count < MaxDiagnosticsKept)
                    {
                        check.Diagnostics.Add(diagnostic);
                    }
                }
            }

            index++;
        }

        check.Tasks = index;
        return check;
    }

    /// <summary>
    /// Label Studio imports an object without a <c>data</c> key as the data itself (<c>[{"text": "..."}]</c>);
    /// validate such a task the way the server will read it.
    /// </summary>
    private static LabelStudioTask AsImported(LabelStudioTask task)
    {
        if (task.Data.Count > 0 || task.AdditionalProperties is not { Count: > 0 } extra || extra.ContainsKey("data"))
        {
            return task;
        }

        var data = new JsonObject();
        foreach (var (key, value) in extra)
        {
            data[key] = JsonNode.Parse(value.GetRawText());
        }

        return new LabelStudioTask { Id = task.Id, Data = data, Annotations = task.Annotations, Predictions = task.Predictions };
    }

    private static Task WriteJsonAsync(TextWriter output, ImportRequest request, Check? check, Imported? result, string? readError) =>
        JsonOutput.WriteAsync(output, writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("project", request.ProjectId);
            writer.WriteString("file", request.File);
            writer.WriteBoolean("validated", request.Validate);
            writer.WriteBoolean("valid", readError is null && check is { Errors: 0, Tasks: > 0 });
            writer.WriteBoolean("sent", result is not null);
            if (readError is null)
            {
                writer.WriteNull("read_error");
            }
            else
            {
                writer.WriteString("read_error", readError);
            }

            writer.WriteNullableNumber("tasks", check?.Tasks);
            writer.WriteNumber("errors", check?.Errors ?? 0);
            writer.WriteNumber("warnings", check?.Warnings ?? 0);
            writer.WriteStartArray("diagnostics");
            foreach (var diagnostic in check?.Diagnostics ?? [])
            {
                writer.WriteStartObject();
                writer.WriteString("code", diagnostic.Code);
                writer.WriteString("severity", diagnostic.Severity == ValidationSeverity.Error ? "error" : "warning");
                writer.WriteNumber("task_index", diagnostic.TaskIndex);
                writer.WriteNullableNumber("task_id", diagnostic.TaskId);
                writer.WriteString("target", diagnostic.Target.ToString().ToLowerInvariant());
                writer.WriteNullableNumber("item_index", diagnostic.ItemIndex);
                writer.WriteNullableNumber("result_index", diagnostic.ResultIndex);
                writer.WriteString("region_id", diagnostic.RegionId);
                writer.WriteString("field", diagnostic.Field);
                writer.WriteString("location", diagnostic.Location);
                writer.WriteString("message", diagnostic.Message);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (result is null)
            {
                writer.WriteNull("imported");
            }
            else
            {
                writer.WriteStartObject("imported");
                writer.WriteNullableNumber("tasks", result.Tasks);
                writer.WriteNullableNumber("annotations", result.Annotations);
                writer.WriteNullableNumber("predictions", result.Predictions);
                writer.WriteNumber("requests", result.Chunks ?? 1);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        });

    private sealed record ImportRequest(int ProjectId, string File, bool Validate, bool Json, int? ChunkSize);

    /// <summary>What the server reported creating; <see cref="Chunks"/> is null for the one-request import.</summary>
    private sealed record Imported(long? Tasks, long? Annotations, long? Predictions, int? Chunks)
    {
        public static Imported Of(ImportResult result) => new(result.TaskCount, result.AnnotationCount, result.PredictionCount, null);
    }

    /// <summary>Reports on the calling thread (<see cref="Progress{T}"/> would post to the thread pool and reorder the lines).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    private sealed class Check
    {
        public long Tasks { get; set; }

        public long Errors { get; set; }

        public long Warnings { get; set; }

        public List<ValidationDiagnostic> Diagnostics { get; } = [];
    }
}

using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudio.Config;
using LabelStudio.Formats.Media;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;
using LabelStudio.MlBackend.Contracts;
using LabelStudio.MlBackend.Logging;
using LabelStudio.MlBackend.Security;
using LabelStudio.MlBackend.State;
using LabelStudio.MlBackend.Training;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LabelStudio.MlBackend.Server;

/// <summary>The endpoint handlers; one instance per application, the backend resolved from the request services.</summary>
internal sealed partial class MlBackendServer
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 128 };

    // Resolved once: serializing straight into the answer's writer saves a byte[] per prediction.
    private static readonly System.Text.Json.Serialization.Metadata.JsonTypeInfo<Prediction> PredictionTypeInfo =
        (System.Text.Json.Serialization.Metadata.JsonTypeInfo<Prediction>)LabelStudioJson.Options.GetTypeInfo(typeof(Prediction));
    private readonly MlBackendOptions _options;
    private readonly IProjectStateStore _store;
    private readonly TrainingQueue _queue;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly IMediaSource? _media;
    private readonly BasicAuthenticator? _authenticator;
    private readonly BasicAuthenticator? _webhookAuthenticator;
    // Label Studio sends the same config with every call: parse it once per content (bounded, thread-safe).
    private readonly LabelConfigCache _configs = new();

    // One delegate for every request (a lambda over the cache would allocate one per /predict).
    private readonly Func<string, LabelConfig> _parseConfig;
    private readonly ConcurrentDictionary<string, byte> _knownProjects = new(StringComparer.Ordinal);

    public MlBackendServer(IOptions<MlBackendOptions> options, IProjectStateStore store, TrainingQueue queue, IConfiguration configuration, ILogger<MlBackendServer> logger, IMediaSource? media = null, TimeProvider? timeProvider = null)
    {
        _media = media;
        _parseConfig = xml => _configs.GetOrParse(xml);
        _options = options.Value;
        _store = store;
        _queue = queue;
        _logger = logger;
        _timeProvider = timeProvider ?? TimeProvider.System;
        var user = _options.BasicAuthUser ?? configuration["BASIC_AUTH_USER"];
        var password = _options.BasicAuthPassword ?? configuration["BASIC_AUTH_PASS"];
        if (!string.IsNullOrEmpty(user) && !string.IsNullOrEmpty(password))
        {
            _authenticator = new BasicAuthenticator(user, password);
        }

        switch (_options.WebhookAuthentication)
        {
            case WebhookAuthentication.SameAsOtherEndpoints:
                _webhookAuthenticator = _authenticator;
                break;
            case WebhookAuthentication.Separate:
                if (string.IsNullOrEmpty(_options.WebhookUser) || string.IsNullOrEmpty(_options.WebhookPassword))
                {
                    throw new InvalidOperationException("MlBackendOptions.WebhookAuthentication is Separate but WebhookUser or WebhookPassword is empty.");
                }

                _webhookAuthenticator = new BasicAuthenticator(_options.WebhookUser, _options.WebhookPassword);
                break;
            default:
                _webhookAuthenticator = null;
                break;
        }
    }

    public bool AuthenticationEnabled => _authenticator is not null;

    public RequestDelegate Wrap(Func<HttpContext, Task> handler, bool isWebhook) => async context =>
    {
        var authenticator = isWebhook ? _webhookAuthenticator : _authenticator;
        if (authenticator is not null && !authenticator.IsAuthorized(context.Request.Headers.Authorization))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = BasicAuthenticator.Challenge;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("Unauthorized", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        try
        {
            await handler(context).ConfigureAwait(false);
        }
        catch (BadRequestException ex)
        {
            await WriteErrorAsync(context, ex.StatusCode, ex.Message, null).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; nothing to answer.
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            LogFailure(_logger, context.Request.Path.Value ?? string.Empty, SecretRedactor.RedactText(ex.ToString()));
            await WriteErrorAsync(context, StatusCodes.Status500InternalServerError, $"{ex.GetType().Name}: {ex.Message}", _options.IncludeErrorDetails ? ex.ToString() : null).ConfigureAwait(false);
        }
    };

    public static Task HealthAsync(HttpContext context)
    {
        var backend = GetBackend(context);
        return WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteString("model_class", backend.ModelClass);
            writer.WriteString("status", "UP");
        });
    }

    public static Task MetricsAsync(HttpContext context) =>
        WriteJsonAsync(context, StatusCodes.Status200OK, static _ => { });

    public async Task SetupAsync(HttpContext context)
    {
        using var document = await ReadJsonAsync(context).ConfigureAwait(false);
        var root = RequireObject(document);
        var projectId = RequireProject(root, "project");
        var schema = GetString(root, "schema");
        var extraParams = ReadExtraParams(root);
        var request = new SetupRequest(projectId, schema, GetString(root, "hostname"), GetString(root, "access_token"), extraParams);
        await GetBackend(context).SetupAsync(request, context.RequestAborted).ConfigureAwait(false);
        var state = await _store.UpdateAsync(
            projectId,
            current => (current ?? new ProjectState { ProjectId = projectId }) with { ExtraParams = extraParams ?? current?.ExtraParams },
            context.RequestAborted).ConfigureAwait(false);
        _knownProjects.TryAdd(projectId, 0);
        await WriteJsonAsync(context, StatusCodes.Status200OK, writer => writer.WriteString("model_version", state.ModelVersion)).ConfigureAwait(false);
    }

    public async Task PredictAsync(HttpContext context)
    {
        using var document = await ReadJsonAsync(context).ConfigureAwait(false);
        var root = RequireObject(document);
        if (!root.TryGetProperty("tasks", out var tasksElement) || tasksElement.ValueKind != JsonValueKind.Array)
        {
            throw new BadRequestException("The body must have a \"tasks\" array.");
        }

        var tasks = new List<LabelStudioTask>(tasksElement.GetArrayLength());
        var index = 0;
        foreach (var element in tasksElement.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new BadRequestException($"tasks[{index}] must be an object, not {element.ValueKind}.");
            }

            try
            {
                tasks.Add(LabelStudioJson.DeserializeTask(JsonMarshal.GetRawUtf8Value(element)));
            }
            catch (LabelStudioJsonException ex)
            {
                throw new BadRequestException($"tasks[{index}] is not a Label Studio task: {ex.Message}");
            }

            index++;
        }

        string? projectId = null;
        if (root.TryGetProperty("project", out var projectElement) && projectElement.ValueKind is JsonValueKind.String or JsonValueKind.Number)
        {
            var text = projectElement.ValueKind == JsonValueKind.String ? projectElement.GetString() : projectElement.GetRawText();
            projectId = ProjectId.TryParse(text, out var parsed) ? parsed : throw new BadRequestException($"\"project\" must be \"<id>.<timestamp>\", not \"{text}\".");
        }

        var (context2, parameters) = ReadParams(root);
        var modelVersion = ProjectState.InitialModelVersion;
        if (projectId is not null)
        {
            var state = await _store.GetAsync(projectId, context.RequestAborted).ConfigureAwait(false);
            modelVersion = state?.ModelVersion ?? modelVersion;
        }

        var request = new PredictionRequest(projectId, tasks, GetString(root, "label_config"), context2, parameters, modelVersion, _parseConfig, _media);
        var results = await GetBackend(context).PredictAsync(request, context.RequestAborted).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The backend returned null instead of one entry per task.");
        if (results.Count != tasks.Count)
        {
            throw new InvalidOperationException($"The backend returned {results.Count} entries for {tasks.Count} tasks; answer exactly one entry (possibly empty) per task.");
        }

        var errors = request.TaskErrors;
        HashSet<int>? failed = null;
        if (errors.Count > 0)
        {
            failed = [];
            foreach (var error in errors)
            {
                failed.Add(error.Index);
                LogTaskFailed(_logger, projectId ?? "?", error.TaskId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?", error.Index, SecretRedactor.RedactText($"{error.Error.GetType().Name}: {error.Error.Message}"));
            }
        }

        await WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WritePropertyName("results");
            writer.WriteStartArray();
            for (var i = 0; i < results.Count; i++)
            {
                var predictions = results[i] ?? [];
                if (failed is not null && failed.Contains(i))
                {
                    if (request.IsInteractive)
                    {
                        // Label Studio shows an interactive answer only with one prediction object in it.
                        WriteEmptyPrediction(writer, modelVersion);
                    }
                    else
                    {
                        // No prediction at all (not an empty one): Label Studio stores nothing and asks again later.
                        writer.WriteStartArray();
                        writer.WriteEndArray();
                    }
                }
                else if (predictions.Count == 1)
                {
                    WritePrediction(writer, predictions[0], modelVersion);
                }
                else if (predictions.Count == 0)
                {
                    // One entry per task, even an empty one: Label Studio rejects an interactive answer without it.
                    WriteEmptyPrediction(writer, modelVersion);
                }
                else
                {
                    writer.WriteStartArray();
                    foreach (var prediction in predictions)
                    {
                        WritePrediction(writer, prediction, modelVersion);
                    }

                    writer.WriteEndArray();
                }
            }

            writer.WriteEndArray();
        }).ConfigureAwait(false);
    }

    public async Task WebhookAsync(HttpContext context)
    {
        using var document = await ReadJsonAsync(context).ConfigureAwait(false);
        var root = RequireObject(document);
        var action = GetString(root, "action") ?? throw new BadRequestException("The webhook body has no \"action\".");
        if (!TrainingEventNames.IsTrainingEvent(action))
        {
            await WriteJsonAsync(context, StatusCodes.Status200OK, writer => writer.WriteString("status", "Unknown event")).ConfigureAwait(false);
            return;
        }

        if (!root.TryGetProperty("project", out var project) || project.ValueKind != JsonValueKind.Object || !project.TryGetProperty("id", out var idElement))
        {
            throw new BadRequestException($"The {action} webhook body has no \"project\" object with an \"id\": training needs to know the project.");
        }

        var projectText = idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : idElement.GetRawText();
        if (!ProjectId.TryParse(projectText, out var projectId))
        {
            throw new BadRequestException($"\"project.id\" must be a positive integer, not {projectText}.");
        }

        await EnqueueAsync(context, action, projectId, root).ConfigureAwait(false);
    }

    public async Task TrainAsync(HttpContext context)
    {
        using var document = await ReadJsonAsync(context).ConfigureAwait(false);
        var root = RequireObject(document);
        var projectId = RequireProject(root, "project");
        await EnqueueAsync(context, TrainingEventNames.StartTraining, projectId, root).ConfigureAwait(false);
    }

    public async Task VersionsAsync(HttpContext context)
    {
        var versions = new List<string>();
        var query = context.Request.Query["project"].ToString();
        IEnumerable<string> projects = !string.IsNullOrEmpty(query)
            ? [ProjectId.TryParse(query, out var parsed) ? parsed : throw new BadRequestException($"\"project\" must be \"<id>.<timestamp>\", not \"{query}\".")]
            : _knownProjects.Keys.Order(StringComparer.Ordinal);
        foreach (var projectId in projects)
        {
            var state = await _store.GetAsync(projectId, context.RequestAborted).ConfigureAwait(false);
            foreach (var version in state?.ModelVersions ?? [ProjectState.InitialModelVersion])
            {
                if (!versions.Contains(version))
                {
                    versions.Add(version);
                }
            }
        }

        if (versions.Count == 0)
        {
            versions.Add(ProjectState.InitialModelVersion);
        }

        await WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartArray("versions");
            foreach (var version in versions)
            {
                writer.WriteStringValue(version);
            }

            writer.WriteEndArray();
        }).ConfigureAwait(false);
    }

    private async Task EnqueueAsync(HttpContext context, string action, string projectId, JsonElement root)
    {
        var trainingEvent = new TrainingEvent(action, projectId, root.Clone(), _timeProvider.GetUtcNow());
        if (!_queue.TryEnqueue(trainingEvent))
        {
            throw new BadRequestException($"The training queue is full ({_options.MaxPendingTrainingProjects} projects waiting); retry later.", StatusCodes.Status503ServiceUnavailable);
        }

        _knownProjects.TryAdd(projectId, 0);
        var state = await _store.GetAsync(projectId, context.RequestAborted).ConfigureAwait(false);
        await WriteJsonAsync(context, StatusCodes.Status201Created, writer =>
        {
            writer.WriteStartObject("result");
            writer.WriteString("event", action);
            writer.WriteString("model_version", state?.ModelVersion ?? ProjectState.InitialModelVersion);
            writer.WriteEndObject();
            writer.WriteString("status", "ok");
        }).ConfigureAwait(false);
    }

    private static LabelStudioMlBackend GetBackend(HttpContext context) =>
        context.RequestServices.GetRequiredService<LabelStudioMlBackend>();

    private static void WriteEmptyPrediction(Utf8JsonWriter writer, string modelVersion)
    {
        writer.WriteStartObject();
        writer.WriteString("model_version", modelVersion);
        writer.WriteStartArray("result");
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WritePrediction(Utf8JsonWriter writer, Prediction prediction, string modelVersion)
    {
        ArgumentNullException.ThrowIfNull(prediction, nameof(prediction));
        if (string.IsNullOrEmpty(prediction.ModelVersion))
        {
            prediction.ModelVersion = modelVersion;
        }

        if (prediction.Results.Count == 0)
        {
            // The models leave out an empty list that was never read, but Label Studio skips a prediction without "result".
            var node = JsonNode.Parse(LabelStudioJson.SerializeToUtf8Bytes(prediction))!.AsObject();
            node["result"] ??= new JsonArray();
            node.WriteTo(writer);
            return;
        }

        JsonSerializer.Serialize(writer, prediction, PredictionTypeInfo);
    }

    private async Task<JsonDocument> ReadJsonAsync(HttpContext context)
    {
        var request = context.Request;
        var limit = _options.MaxRequestBodyBytes;
        if (request.ContentLength > limit)
        {
            throw new BadRequestException($"The request body is {request.ContentLength} bytes; the limit is {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
        }

        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is > 0 and < 1 << 20 ? (int)request.ContentLength.Value : 4096);
        try
        {
            var expected = request.ContentLength;
            while (true)
            {
                // Kestrel ends the body at Content-Length: no extra read (and no 16 KB buffer for a 1 KB body).
                if (expected is { } whole && buffer.WrittenCount >= whole)
                {
                    break;
                }

                var memory = buffer.GetMemory(expected is { } total ? (int)Math.Clamp(total - buffer.WrittenCount, 1, 1 << 20) : 16384);
                var read = await request.Body.ReadAsync(memory, context.RequestAborted).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                buffer.Advance(read);
                if (buffer.WrittenCount > limit)
                {
                    throw new BadRequestException($"The request body is larger than the limit of {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new BadRequestException($"The request body is larger than the limit of {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
        }

        if (buffer.WrittenCount == 0)
        {
            throw new BadRequestException("The request body is empty; a JSON object was expected.");
        }

        try
        {
            return JsonDocument.Parse(buffer.WrittenMemory, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new BadRequestException($"The request body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1} of the line): {ex.Message}");
        }
    }

    private static JsonElement RequireObject(JsonDocument document) =>
        document.RootElement.ValueKind == JsonValueKind.Object
            ? document.RootElement
            : throw new BadRequestException($"The request body must be a JSON object, not {document.RootElement.ValueKind}.");

    private static string RequireProject(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var element) || element.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
        {
            throw new BadRequestException($"The body has no \"{name}\" (\"<id>.<timestamp>\").");
        }

        var text = element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
        return ProjectId.TryParse(text, out var projectId)
            ? projectId
            : throw new BadRequestException($"\"{name}\" must be \"<id>.<timestamp>\", not \"{text}\".");
    }

    private static string? GetString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String ? element.GetString() : null;

    private static JsonElement? ReadExtraParams(JsonElement root)
    {
        if (!root.TryGetProperty("extra_params", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return element.Clone();
        }

        // The older form: the JSON text in a string. Plain text that is not JSON is kept as the string itself.
        var text = element.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var parsed = JsonDocument.Parse(text, DocumentOptions);
            return parsed.RootElement.Clone();
        }
        catch (JsonException)
        {
            return element.Clone();
        }
    }

    private static (PredictionContext? Context, JsonElement? Parameters) ReadParams(JsonElement root)
    {
        if (!root.TryGetProperty("params", out var parameters) || parameters.ValueKind != JsonValueKind.Object)
        {
            return (null, null);
        }

        PredictionContext? context = null;
        if (parameters.TryGetProperty("context", out var contextElement) && contextElement.ValueKind == JsonValueKind.Object)
        {
            var results = new List<Result>();
            if (contextElement.TryGetProperty("result", out var resultElement) && resultElement.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var item in resultElement.EnumerateArray())
                {
                    try
                    {
                        results.Add(LabelStudioJson.DeserializeResult(JsonMarshal.GetRawUtf8Value(item)));
                    }
                    catch (LabelStudioJsonException ex)
                    {
                        throw new BadRequestException($"params.context.result[{index}] is not a Label Studio result: {ex.Message}");
                    }

                    index++;
                }
            }

            context = new PredictionContext(results, contextElement.Clone());
        }

        return (context, parameters.Clone());
    }

    private static async Task WriteErrorAsync(HttpContext context, int status, string detail, string? traceback)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.Clear();
        await WriteJsonAsync(context, status, writer =>
        {
            writer.WriteString("detail", detail);
            writer.WriteStartObject("request");
            foreach (var (key, value) in context.Request.Query)
            {
                writer.WriteString(key, SecretRedactor.IsSecretProperty(key) ? SecretRedactor.Redacted : value.ToString());
            }

            writer.WriteEndObject();
            writer.WriteStartObject("result");
            if (traceback is not null)
            {
                writer.WriteString("traceback", traceback);
            }

            writer.WriteEndObject();
            writer.WriteNumber("status", status);
        }).ConfigureAwait(false);
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Project {ProjectId}: task {TaskId} (index {Index}) got no prediction: {Error}")]
    private static partial void LogTaskFailed(ILogger logger, string projectId, string taskId, int index, string error);

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "{Path} failed: {Exception}")]
    private static partial void LogFailure(ILogger logger, string path, string exception);
}

using System.Text.Json;
using System.Text.Json.Serialization;
using LabelStudio.Client.Jobs;

namespace LabelStudio.Client.Import;

/// <summary>The outcome of a task import (synchronous Community answer, or a completed asynchronous import).</summary>
public sealed class ImportResult
{
    /// <summary>Asynchronous import id (null for a synchronous import).</summary>
    public int? Id { get; set; }

    /// <summary>Status of an asynchronous import.</summary>
    public JobStatus? Status { get; set; }

    /// <summary>Tasks created.</summary>
    public int? TaskCount { get; set; }

    /// <summary>Annotations created.</summary>
    public int? AnnotationCount { get; set; }

    /// <summary>Predictions created.</summary>
    public int? PredictionCount { get; set; }

    /// <summary>Server time in seconds.</summary>
    public double? Duration { get; set; }

    /// <summary>Uploaded file ids.</summary>
    public List<int>? FileUploadIds { get; set; }

    /// <summary>Whether the file could be a tasks list.</summary>
    public bool? CouldBeTasksList { get; set; }

    /// <summary>File extensions found (object or array).</summary>
    public JsonElement? FoundFormats { get; set; }

    /// <summary>Data columns found.</summary>
    public List<string>? DataColumns { get; set; }

    /// <summary>Ids of created tasks (when requested).</summary>
    public List<int>? TaskIds { get; set; }

    /// <summary>Error of a failed asynchronous import.</summary>
    public string? Error { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

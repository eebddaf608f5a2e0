using System.Text.Json;
using System.Text.Json.Serialization;
using LabelStudio.Client.Jobs;
using LabelStudio.Client.Users;

namespace LabelStudio.Client.Export;

/// <summary>An export snapshot of a project.</summary>
public sealed class ExportSnapshot
{
    /// <summary>Snapshot id.</summary>
    public int? Id { get; set; }

    /// <summary>Title.</summary>
    public string? Title { get; set; }

    /// <summary>Creator.</summary>
    public UserSummary? CreatedBy { get; set; }

    /// <summary>Creation time.</summary>
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>Completion time.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Snapshot status.</summary>
    public JobStatus? Status { get; set; }

    /// <summary>MD5 of the snapshot file.</summary>
    public string? Md5 { get; set; }

    /// <summary>Counters (e.g. task_number).</summary>
    public JsonElement? Counters { get; set; }

    /// <summary>Conversions of this snapshot.</summary>
    public List<ConvertedFormat>? ConvertedFormats { get; set; }

    /// <summary>Task filter used.</summary>
    public JsonElement? TaskFilterOptions { get; set; }

    /// <summary>Annotation filter used.</summary>
    public JsonElement? AnnotationFilterOptions { get; set; }

    /// <summary>Serialization options used.</summary>
    public JsonElement? SerializationOptions { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.Export;

/// <summary>What to put into a new export snapshot.</summary>
public sealed class ExportSnapshotRequest
{
    /// <summary>Title.</summary>
    public string? Title { get; set; }

    /// <summary>Which tasks.</summary>
    public TaskFilterOptions? TaskFilterOptions { get; set; }

    /// <summary>Which annotations.</summary>
    public AnnotationFilterOptions? AnnotationFilterOptions { get; set; }

    /// <summary>Serialization options (e.g. {"drafts": {"only_id": true}}).</summary>
    public JsonElement? SerializationOptions { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

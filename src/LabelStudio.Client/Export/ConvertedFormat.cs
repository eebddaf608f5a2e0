using LabelStudio.Formats.Conversion;
using System.Text.Json;
using System.Text.Json.Serialization;
using LabelStudio.Client.Jobs;

namespace LabelStudio.Client.Export;

/// <summary>A conversion of a snapshot to another format.</summary>
public sealed class ConvertedFormat
{
    /// <summary>Conversion id.</summary>
    public int? Id { get; set; }

    /// <summary>Conversion status.</summary>
    public JobStatus? Status { get; set; }

    /// <summary>Target format.</summary>
    public ExportFormat? ExportType { get; set; }

    /// <summary>Server traceback when it failed.</summary>
    public string? Traceback { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

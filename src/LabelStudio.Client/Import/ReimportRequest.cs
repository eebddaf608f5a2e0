using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.Import;

/// <summary>Turns uploaded files into tasks.</summary>
public sealed class ReimportRequest
{
    /// <summary>Uploaded file ids.</summary>
    public List<int>? FileUploadIds { get; set; }

    /// <summary>Treat CSV/TSV/TXT files as task lists.</summary>
    public bool? FilesAsTasksList { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

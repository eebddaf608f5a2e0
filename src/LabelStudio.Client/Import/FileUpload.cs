using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.Import;

/// <summary>A file uploaded to a project.</summary>
public sealed class FileUpload
{
    /// <summary>Upload id.</summary>
    public int? Id { get; set; }

    /// <summary>Server path or URL of the file.</summary>
    public string? File { get; set; }

    /// <summary>Size in bytes.</summary>
    public int? Size { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

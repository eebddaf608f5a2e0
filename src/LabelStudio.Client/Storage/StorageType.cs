using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.Storage;

/// <summary>A storage type the server supports.</summary>
public sealed class StorageType
{
    /// <summary>Type name (path segment).</summary>
    public string? Name { get; set; }

    /// <summary>Display title.</summary>
    public string? Title { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

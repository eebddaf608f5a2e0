using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.Export;

/// <summary>Which annotations an export snapshot includes.</summary>
public sealed class AnnotationFilterOptions
{
    /// <summary>Ordinary annotations.</summary>
    public bool? Usual { get; set; }

    /// <summary>Ground-truth annotations.</summary>
    public bool? GroundTruth { get; set; }

    /// <summary>Skipped annotations.</summary>
    public bool? Skipped { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

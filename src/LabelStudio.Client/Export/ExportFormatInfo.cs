using System.Text.Json;
using LabelStudio.Formats.Conversion;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.Export;

/// <summary>An export format the project can use.</summary>
public sealed class ExportFormatInfo
{
    /// <summary>Format name.</summary>
    public ExportFormat Name { get; set; }

    /// <summary>Display title.</summary>
    public string? Title { get; set; }

    /// <summary>Description.</summary>
    public string? Description { get; set; }

    /// <summary>Documentation link.</summary>
    public string? Link { get; set; }

    /// <summary>Tags.</summary>
    public List<string>? Tags { get; set; }

    /// <summary>Not available for this project's config.</summary>
    public bool? Disabled { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

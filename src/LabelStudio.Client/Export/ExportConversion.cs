using LabelStudio.Formats.Conversion;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.Export;

/// <summary>The answer to a conversion request.</summary>
public sealed class ExportConversion
{
    /// <summary>Id of the conversion to poll in ConvertedFormats.</summary>
    public int? ConvertedFormat { get; set; }

    /// <summary>Target format.</summary>
    public ExportFormat? ExportType { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

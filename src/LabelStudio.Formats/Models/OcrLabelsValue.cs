using System.Text.Json.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary><c>ocrlabels</c>: a labelled box on a PDF page, with its recognised text.</summary>
public sealed class OcrLabelsValue : ResultValue, ILabeledValue
{
    /// <summary>Left edge, percent of the page width.</summary>
    [JsonPropertyName("x")]
    public double X { get; set; }

    /// <summary>Top edge, percent of the page height.</summary>
    [JsonPropertyName("y")]
    public double Y { get; set; }

    /// <summary>Width, percent of the page width.</summary>
    [JsonPropertyName("width")]
    public double Width { get; set; }

    /// <summary>Height, percent of the page height.</summary>
    [JsonPropertyName("height")]
    public double Height { get; set; }

    /// <summary>Clockwise rotation in degrees.</summary>
    [JsonPropertyName("rotation")]
    public double? Rotation { get; set; }

    /// <summary>Recognised text.</summary>
    [JsonPropertyName("ocrtext")]
    public string? OcrText { get; set; }

    /// <summary>Zero-based page index.</summary>
    [JsonPropertyName("pageIndex")]
    public int? PageIndex { get; set; }

    /// <summary>Labels (<c>ocrlabels</c>).</summary>
    [JsonPropertyName("ocrlabels")]
    public IList<string>? OcrLabels { get; set; }

    /// <inheritdoc />
    IList<string>? ILabeledValue.LabelList => OcrLabels;
}

using System.Text.Json.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary><c>ocrlabels</c>: a labelled box on a PDF page, with its recognised text.</summary>
public sealed class OcrLabelsValue : ResultValue, ILabeledValue
{
    /// <summary>Left edge, percent of the page width.</summary>
    [JsonPropertyName("x")]
    public double X { get; init; }

    /// <summary>Top edge, percent of the page height.</summary>
    [JsonPropertyName("y")]
    public double Y { get; init; }

    /// <summary>Width, percent of the page width.</summary>
    [JsonPropertyName("width")]
    public double Width { get; init; }

    /// <summary>Height, percent of the page height.</summary>
    [JsonPropertyName("height")]
    public double Height { get; init; }

    /// <summary>Clockwise rotation in degrees.</summary>
    [JsonPropertyName("rotation")]
    public double? Rotation { get; init; }

    /// <summary>Recognised text.</summary>
    [JsonPropertyName("ocrtext")]
    public string? OcrText { get; init; }

    /// <summary>Zero-based page index.</summary>
    [JsonPropertyName("pageIndex")]
    public int? PageIndex { get; init; }

    /// <summary>Labels (<c>ocrlabels</c>).</summary>
    [JsonPropertyName("ocrlabels")]
    public IList<string>? OcrLabels { get; init; }

    /// <inheritdoc />
    IList<string>? ILabeledValue.LabelList => OcrLabels;
}

using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary><c>brush</c> and <c>brushlabels</c>: a mask, normally Label Studio's RLE (see the Masks namespace).</summary>
[SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "A mask is a byte buffer handed to the RLE decoder as is.")]
public sealed class BrushValue : ResultValue, ILabeledValue
{
    /// <summary>Encoding of the mask, <c>rle</c>.</summary>
    [JsonPropertyName("format")]
    public string? Format { get; set; }

    /// <summary>The RLE bytes, written as a JSON array of numbers.</summary>
    [JsonPropertyName("rle")]
    [JsonConverter(typeof(ByteArrayAsNumbersConverter))]
    public byte[]? Rle { get; set; }

    /// <summary>Labels (<c>brushlabels</c>); <see langword="null"/> for a plain <c>brush</c>.</summary>
    [JsonPropertyName("brushlabels")]
    public IList<string>? BrushLabels { get; set; }

    /// <inheritdoc />
    IList<string>? ILabeledValue.LabelList => BrushLabels;
}

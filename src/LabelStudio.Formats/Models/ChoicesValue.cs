using System.Text.Json.Serialization;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary><c>choices</c>: the selected choices.</summary>
[JsonConverter(typeof(ChoicesValueConverter))]
public sealed class ChoicesValue : ResultValue, ILabeledValue
{
    /// <summary>Selected choices (values, or aliases when the config gives them).</summary>
    [JsonPropertyName("choices")]
    public IList<string> Choices { get; set; } = [];

    /// <inheritdoc />
    IList<string>? ILabeledValue.LabelList => Choices;
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary><c>timeserieslabels</c>: a range of a time series. Start and end are numbers or date strings depending on the time column, so they keep their JSON.</summary>
public sealed class TimeSeriesLabelsValue : ResultValue, ILabeledValue
{
    /// <summary>Start of the range (number or string).</summary>
    [JsonPropertyName("start")]
    public JsonElement? Start { get; set; }

    /// <summary>End of the range (number or string).</summary>
    [JsonPropertyName("end")]
    public JsonElement? End { get; set; }

    /// <summary>Whether the range is a single instant.</summary>
    [JsonPropertyName("instant")]
    public bool? Instant { get; set; }

    /// <summary>Labels (<c>timeserieslabels</c>).</summary>
    [JsonPropertyName("timeserieslabels")]
    public IList<string> TimeSeriesLabels { get; set; } = [];

    /// <inheritdoc />
    IList<string>? ILabeledValue.LabelList => TimeSeriesLabels;
}

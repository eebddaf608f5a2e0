using System.Text.Json.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary><c>datetime</c>: a date and/or time as the control formats it.</summary>
public sealed class DateTimeValue : ResultValue
{
    /// <summary>The date/time text, in the control's <c>format</c>.</summary>
    [JsonPropertyName("datetime")]
    public string? DateTime { get; set; }
}

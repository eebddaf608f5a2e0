using System.Text.Json.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary><c>rating</c>: a star (or heart, ...) rating.</summary>
public sealed class RatingValue : ResultValue
{
    /// <summary>The rating, 1 to <c>maxRating</c>.</summary>
    [JsonPropertyName("rating")]
    public int Rating { get; set; }
}

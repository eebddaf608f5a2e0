using System.Text.Json.Serialization;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary>A polygon vertex in percent (0-100) of the image size, written as <c>[x, y]</c>.</summary>
/// <param name="X">Percent of the image width.</param>
/// <param name="Y">Percent of the image height.</param>
[JsonConverter(typeof(PercentPointConverter))]
public readonly record struct PercentPoint(double X, double Y);

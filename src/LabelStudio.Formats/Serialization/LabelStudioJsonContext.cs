using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Serialization;

/// <summary>
/// Source-generated metadata for every model. Metadata mode only: the presence modifier
/// (<see cref="JsonPresence"/>) must see every property, which the fast-path writer would bypass.
/// Use <see cref="LabelStudioJson.Options"/> or <see cref="LabelStudioJson.TypeInfoResolver"/>, which add that modifier.
/// </summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(LabelStudioTask))]
[JsonSerializable(typeof(List<LabelStudioTask>))]
[JsonSerializable(typeof(Annotation))]
[JsonSerializable(typeof(List<Annotation>))]
[JsonSerializable(typeof(Prediction))]
[JsonSerializable(typeof(List<Prediction>))]
[JsonSerializable(typeof(Draft))]
[JsonSerializable(typeof(Result))]
[JsonSerializable(typeof(List<Result>))]
[JsonSerializable(typeof(RectangleValue))]
[JsonSerializable(typeof(PolygonValue))]
[JsonSerializable(typeof(EllipseValue))]
[JsonSerializable(typeof(KeyPointValue))]
[JsonSerializable(typeof(BrushValue))]
[JsonSerializable(typeof(LabelsValue))]
[JsonSerializable(typeof(HyperTextLabelsValue))]
[JsonSerializable(typeof(ParagraphLabelsValue))]
[JsonSerializable(typeof(ChoicesValue))]
[JsonSerializable(typeof(TaxonomyValue))]
[JsonSerializable(typeof(TextAreaValue))]
[JsonSerializable(typeof(RatingValue))]
[JsonSerializable(typeof(NumberValue))]
[JsonSerializable(typeof(DateTimeValue))]
[JsonSerializable(typeof(PairwiseValue))]
[JsonSerializable(typeof(RankerValue))]
[JsonSerializable(typeof(VideoRectangleValue))]
[JsonSerializable(typeof(TimeSeriesLabelsValue))]
[JsonSerializable(typeof(TimelineLabelsValue))]
[JsonSerializable(typeof(OcrLabelsValue))]
[JsonSerializable(typeof(VectorValue))]
[JsonSerializable(typeof(ChatMessageValue))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonArray))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class LabelStudioJsonContext : JsonSerializerContext
{
}

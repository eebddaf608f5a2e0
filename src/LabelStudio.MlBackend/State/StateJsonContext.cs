using System.Text.Json.Serialization;

namespace LabelStudio.MlBackend.State;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProjectState))]
internal sealed partial class StateJsonContext : JsonSerializerContext;

using System.Text.Json;

namespace LabelStudio.Formats.Serialization;

/// <summary>
/// Writes doubles into a <see cref="Utf8JsonWriter"/> as <see cref="Utf8JsonWriter.WriteNumberValue(double)"/> does
/// (.NET's shortest round-trip text), with <see cref="ShortestDouble"/>'s digits: the writer's own formatting (Grisu3
/// with a Dragon4 fallback and a general layout pass) was a tenth of an export's CPU. The text differs only where
/// .NET's does not parse back to the same double (2^-25, 2^-958: see <see cref="ShortestDouble"/>).
/// </summary>
/// <remarks>
/// <see cref="Utf8JsonWriter.WriteRawValue(ReadOnlySpan{byte}, bool)"/> writes the list separator but no newline or
/// indentation, so an indented writer's array items keep going through the writer's own method; so do NaN and the
/// infinities, which the writer rejects with its usual <see cref="ArgumentException"/>.
/// </remarks>
internal static class DoubleJson
{
    /// <summary>Writes <c>"name": value</c>.</summary>
    public static void WriteNumber(Utf8JsonWriter writer, ReadOnlySpan<byte> name, double value)
    {
        if (!double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
            return;
        }

        Span<byte> text = stackalloc byte[ShortestDouble.MaxLength];
        ShortestDouble.TryFormatRoundTrip(value, text, out var length);
        writer.WritePropertyName(name);
        writer.WriteRawValue(text[..length], skipInputValidation: true);
    }

    /// <summary>Writes a number value (an array item, or the value after a property name).</summary>
    public static void WriteNumberValue(Utf8JsonWriter writer, double value)
    {
        if (!double.IsFinite(value) || writer.Options.Indented)
        {
            writer.WriteNumberValue(value);
            return;
        }

        Span<byte> text = stackalloc byte[ShortestDouble.MaxLength];
        ShortestDouble.TryFormatRoundTrip(value, text, out var length);
        writer.WriteRawValue(text[..length], skipInputValidation: true);
    }

    /// <summary>Writes <c>"name": value</c>, or <c>"name": null</c> when the value is null but the member was present.</summary>
    public static void WriteNullableNumber(Utf8JsonWriter writer, ReadOnlySpan<byte> name, double? value, bool present)
    {
        if (value is { } number)
        {
            WriteNumber(writer, name, number);
        }
        else if (present)
        {
            writer.WriteNull(name);
        }
    }
}

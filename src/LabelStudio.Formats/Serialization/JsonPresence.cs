using System.Collections;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Serialization;

/// <summary>
/// Contract modifier that makes reads and writes of <see cref="ExtensibleModel"/> types lossless: a nullable or
/// reference-typed member is written when it was present in the JSON read (even as <c>null</c> or <c>[]</c>)
/// or when it holds something; members that were absent and are still empty stay absent.
/// </summary>
internal static class JsonPresence
{
    public static void Apply(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || !typeof(ExtensibleModel).IsAssignableFrom(typeInfo.Type))
        {
            return;
        }

        var bit = 0;
        foreach (var property in typeInfo.Properties)
        {
            var type = property.PropertyType;
            if (property.IsExtensionData || (type.IsValueType && Nullable.GetUnderlyingType(type) is null))
            {
                // Non-nullable value types (coordinates, ratings) are always written.
                continue;
            }

            if (bit == 64 || property.Set is not { } set)
            {
                // No bit left: such a member is written when it holds a value, the serializer's default.
                continue;
            }

            var mask = 1UL << bit++;
            property.Set = (target, value) =>
            {
                set(target, value);
                ((ExtensibleModel)target).MarkPresent(mask);
            };
            property.ShouldSerialize = (target, value) => ((ExtensibleModel)target).IsPresent(mask) || HasContent(value);
        }
    }

    private static bool HasContent(object? value) => value switch
    {
        null => false,
        ICollection collection => collection.Count > 0,
        JsonObject obj => obj.Count > 0,
        _ => true,
    };
}

using System.Globalization;
using System.Text.Json;
using LabelStudio.Formats.Conversion;

namespace LabelStudio.Formats.Import;

/// <summary>One COCO image with the indexes of its annotations, in file order.</summary>
internal sealed class CocoImage
{
    public required long Index { get; init; }

    public required string FileName { get; init; }

    public int? Width { get; init; }

    public int? Height { get; init; }

    public List<int> Annotations { get; } = [];
}

/// <summary>The parts of a parsed COCO document the importer needs, checked once before anything is written.</summary>
internal sealed class CocoDataset
{
    public required Dictionary<long, string> Categories { get; init; }

    public required List<CocoImage> Images { get; init; }

    public required List<JsonElement> Annotations { get; init; }

    public required List<KeyValuePair<string, string>> Controls { get; init; }

    public static CocoDataset Read(JsonElement root, CocoImportOptions options, ConversionReport report, string source)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(source, "$", "a JSON object with images, categories and annotations");
        }

        var categories = new Dictionary<long, string>();
        var index = 0;
        foreach (var category in RequiredArray(root, "categories", source))
        {
            var path = $"$.categories[{index}]";
            if (category.ValueKind != JsonValueKind.Object || !CocoImporter.TryGetLong(category, "id", out var id))
            {
                throw Invalid(source, path + ".id", "an integer category id");
            }

            if (!category.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
            {
                throw Invalid(source, path + ".name", "a string category name");
            }

            var name = nameElement.GetString()!;
            if (options.UseSuperCategories && category.TryGetProperty("supercategory", out var super) && super.ValueKind == JsonValueKind.String)
            {
                name = super.GetString() + ":" + name;
            }

            // Later duplicates replace earlier ones, as in the official importer's dict.
            categories[id] = name;
            index++;
        }

        var byId = new Dictionary<ImageKey, CocoImage>();
        index = 0;
        foreach (var image in RequiredArray(root, "images", source))
        {
            var path = $"$.images[{index}]";
            if (image.ValueKind != JsonValueKind.Object || !TryGetKey(image, "id", out var key))
            {
                throw Invalid(source, path + ".id", "an image id (integer or string)");
            }

            if (!image.TryGetProperty("file_name", out var fileName) || fileName.ValueKind != JsonValueKind.String)
            {
                throw Invalid(source, path + ".file_name", "a string file name");
            }

            report.TaskRead();
            var entry = new CocoImage
            {
                Index = index,
                FileName = fileName.GetString()!,
                Width = Size(image, "width"),
                Height = Size(image, "height"),
            };
            if (byId.TryGetValue(key, out var previous))
            {
                report.Add(new ConversionIssue(ConversionIssueKind.DroppedTask, "duplicate-image-id",
                    $"{path}: image id {key} repeats images[{previous.Index}] ({previous.FileName}); the later entry replaces it, as in the official importer.") { TaskIndex = previous.Index });
            }

            byId[key] = entry;
            index++;
        }

        var annotations = new List<JsonElement>();
        var controls = new List<KeyValuePair<string, string>>();
        index = 0;
        foreach (var annotation in RequiredArray(root, "annotations", source))
        {
            var path = $"$.annotations[{index}]";
            if (annotation.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(source, path, "an annotation object");
            }

            annotations.Add(annotation);
            if (!TryGetKey(annotation, "image_id", out var imageId) || !byId.TryGetValue(imageId, out var image))
            {
                report.Add(new ConversionIssue(ConversionIssueKind.DroppedRegion, "unknown-image",
                    $"{path}: image_id is missing or names no image; the annotation was skipped."));
                index++;
                continue;
            }

            // Control tags in the order the official importer adds them: keypoints, polygons, rectangles.
            if (annotation.TryGetProperty("keypoints", out _))
            {
                AddControl(controls, options.FromName + "_keypoints", "KeyPointLabels");
            }

            if (annotation.TryGetProperty("segmentation", out _))
            {
                AddControl(controls, options.FromName + "polygons", "PolygonLabels");
            }

            if (annotation.TryGetProperty("bbox", out _))
            {
                AddControl(controls, options.FromName + "_rectangles", "RectangleLabels");
            }

            image.Annotations.Add(index);
            index++;
        }

        var images = byId.OrderBy(p => p.Key).Select(p => p.Value).ToList();
        return new CocoDataset { Categories = categories, Images = images, Annotations = annotations, Controls = controls };
    }

    private static void AddControl(List<KeyValuePair<string, string>> controls, string name, string tag)
    {
        if (!controls.Exists(c => c.Key == name))
        {
            controls.Add(new(name, tag));
        }
    }

    private static int? Size(JsonElement image, string name) =>
        CocoImporter.TryGetLong(image, name, out var value) && value > 0 && value <= int.MaxValue ? (int)value : null;

    private static bool TryGetKey(JsonElement element, string name, out ImageKey key)
    {
        key = default;
        if (!element.TryGetProperty(name, out var property))
        {
            return false;
        }

        if (property.ValueKind == JsonValueKind.String)
        {
            key = new ImageKey(false, 0, property.GetString()!);
            return true;
        }

        if (CocoImporter.TryGetLong(element, name, out var number))
        {
            key = new ImageKey(true, number, string.Empty);
            return true;
        }

        return false;
    }

    private static JsonElement.ArrayEnumerator RequiredArray(JsonElement root, string name, string source)
    {
        if (!root.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(source, "$." + name, "an array");
        }

        return array.EnumerateArray();
    }

    private static ConversionException Invalid(string source, string path, string expected) =>
        new($"{source}: {path}: expected {expected}.");

    /// <summary>An image id: numbers sort before strings, numbers by value, strings ordinally.</summary>
    private readonly record struct ImageKey(bool IsNumber, long Number, string Text) : IComparable<ImageKey>
    {
        public int CompareTo(ImageKey other)
        {
            if (IsNumber != other.IsNumber)
            {
                return IsNumber ? -1 : 1;
            }

            return IsNumber ? Number.CompareTo(other.Number) : string.CompareOrdinal(Text, other.Text);
        }

        public override string ToString() => IsNumber ? Number.ToString(CultureInfo.InvariantCulture) : Text;
    }
}

using System.Globalization;
using System.Text.Json;
using LabelStudio.Formats.Conversion;
using Microsoft.Win32.SafeHandles;

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

/// <summary>
/// A COCO file read in two passes over the (seekable) file, so memory does not grow with the size of the
/// annotations: the first pass streams the document once with a <see cref="Utf8JsonReader"/> over a small buffer,
/// keeping the categories, the images and, per annotation, only its image id, the kinds of geometry it has and where
/// it lies in the file; the second pass (<see cref="LoadAnnotationAsync"/>) reads each annotation back from its
/// byte range when its image's task is written. The arrays may come in any order. Memory: the categories, about
/// 100 bytes per image and 40 per annotation, whatever the size of segmentations or keypoints.
/// </summary>
internal sealed class CocoDataset : IDisposable
{
    // An element (one image, category or annotation) must fit the read buffer; this bounds the buffer.
    internal const int MaxElementBytes = 256 << 20;

    private readonly SafeFileHandle _file;
    private readonly string _source;

    private CocoDataset(SafeFileHandle file, string source)
    {
        _file = file;
        _source = source;
    }

    public Dictionary<long, string> Categories { get; } = [];

    public List<CocoImage> Images { get; private set; } = [];

    public List<KeyValuePair<string, string>> Controls { get; } = [];

    internal List<AnnotationRef> AnnotationRefs { get; } = [];

    public static async Task<CocoDataset> ReadAsync(string path, CocoImportOptions options, ConversionReport report, CancellationToken cancellationToken)
    {
        var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        var dataset = new CocoDataset(file, path);
        try
        {
            var scanner = new Scanner(dataset, options, report);
            await scanner.RunAsync(cancellationToken).ConfigureAwait(false);
            dataset.Resolve(scanner, options, report);
            return dataset;
        }
        catch
        {
            dataset.Dispose();
            throw;
        }
    }

    /// <summary>Reads annotation <paramref name="index"/> back from the file (the second pass).</summary>
    public async Task<JsonDocument> LoadAnnotationAsync(int index, CancellationToken cancellationToken)
    {
        var reference = AnnotationRefs[index];
        var bytes = new byte[reference.Length];
        var read = 0;
        while (read < bytes.Length)
        {
            var n = await RandomAccess.ReadAsync(_file, bytes.AsMemory(read), reference.Offset + read, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                throw new ConversionException(string.Create(CultureInfo.InvariantCulture, $"{_source}: the file changed while it was imported (annotations[{index}] at byte {reference.Offset} is gone)."));
            }

            read += n;
        }

        try
        {
            return JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException exception)
        {
            throw new ConversionException(string.Create(CultureInfo.InvariantCulture, $"{_source}: the file changed while it was imported (annotations[{index}] at byte {reference.Offset} no longer parses)."), exception);
        }
    }

    public void Dispose() => _file.Dispose();

    private void Resolve(Scanner scanner, CocoImportOptions options, ConversionReport report)
    {
        foreach (var (name, seen) in new[] { ("categories", scanner.SawCategories), ("images", scanner.SawImages), ("annotations", scanner.SawAnnotations) })
        {
            if (!seen)
            {
                throw Invalid(_source, "$." + name, "an array", null);
            }
        }

        for (var index = 0; index < AnnotationRefs.Count; index++)
        {
            var annotation = AnnotationRefs[index];
            if (annotation.ImageKey is not { } key || !scanner.ImagesById.TryGetValue(key, out var image))
            {
                report.Add(new ConversionIssue(ConversionIssueKind.DroppedRegion, "unknown-image",
                    string.Create(CultureInfo.InvariantCulture, $"$.annotations[{index}] (byte {annotation.Offset}): image_id is missing or names no image; the annotation was skipped.")));
                continue;
            }

            // Control tags in the order the official importer adds them: keypoints, polygons, rectangles.
            if ((annotation.Kinds & GeometryKinds.Keypoints) != 0)
            {
                AddControl(options.FromName + "_keypoints", "KeyPointLabels");
            }

            if ((annotation.Kinds & GeometryKinds.Segmentation) != 0)
            {
                AddControl(options.FromName + "polygons", "PolygonLabels");
            }

            if ((annotation.Kinds & GeometryKinds.Bbox) != 0)
            {
                AddControl(options.FromName + "_rectangles", "RectangleLabels");
            }

            image.Annotations.Add(index);
        }

        Images = [.. scanner.ImagesById.OrderBy(p => p.Key).Select(p => p.Value)];
    }

    private void AddControl(string name, string tag)
    {
        if (!Controls.Exists(c => c.Key == name))
        {
            Controls.Add(new(name, tag));
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

    private static ConversionException Invalid(string source, string path, string expected, long? offset) =>
        new(offset is { } at
            ? string.Create(CultureInfo.InvariantCulture, $"{source}: {path} (byte {at}): expected {expected}.")
            : $"{source}: {path}: expected {expected}.");

    [Flags]
    internal enum GeometryKinds : byte
    {
        None = 0,
        Bbox = 1,
        Segmentation = 2,
        Keypoints = 4,
    }

    /// <summary>Where one annotation lies in the file, its image and the kinds of geometry it has.</summary>
    internal readonly record struct AnnotationRef(ImageKey? ImageKey, long Offset, int Length, GeometryKinds Kinds);

    /// <summary>An image id: numbers sort before strings, numbers by value, strings ordinally.</summary>
    internal readonly record struct ImageKey(bool IsNumber, long Number, string Text) : IComparable<ImageKey>
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

    /// <summary>The first pass: one streaming read of the document, element by element.</summary>
    private sealed class Scanner(CocoDataset dataset, CocoImportOptions options, ConversionReport report)
    {
        private JsonReaderState _state = new(new JsonReaderOptions { MaxDepth = 64 });
        private int _phase; // 0 before the root object, 1 in the root object, 2 in a known array, 3 done
        private string? _section;
        private int _index;
        private int _imageIndex;

        public Dictionary<ImageKey, CocoImage> ImagesById { get; } = [];

        public bool SawCategories { get; private set; }

        public bool SawImages { get; private set; }

        public bool SawAnnotations { get; private set; }

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            var buffer = new byte[1 << 16];
            var count = 0;
            long offset = 0; // file offset of buffer[0]
            var final = false;
            while (_phase != 3)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!final && count < buffer.Length)
                {
                    var n = await RandomAccess.ReadAsync(dataset._file, buffer.AsMemory(count), offset + count, cancellationToken).ConfigureAwait(false);
                    final = n == 0;
                    count += n;
                }

                var consumed = Feed(buffer.AsSpan(0, count), final, offset);
                Buffer.BlockCopy(buffer, consumed, buffer, 0, count - consumed);
                count -= consumed;
                offset += consumed;
                if (_phase != 3 && consumed == 0 && count == buffer.Length)
                {
                    // One element does not fit: grow the buffer, up to the element cap.
                    if (buffer.Length >= MaxElementBytes)
                    {
                        throw new ConversionException(string.Create(CultureInfo.InvariantCulture,
                            $"{dataset._source}: the element starting at byte {offset} is larger than {MaxElementBytes} bytes; one COCO image, category or annotation that large is refused."));
                    }

                    Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxElementBytes));
                }
                else if (final && consumed == 0 && _phase != 3)
                {
                    throw new ConversionException(string.Create(CultureInfo.InvariantCulture, $"{dataset._source}: the file ends at byte {offset + count} inside the COCO object."));
                }
            }

            // Only whitespace may follow the root object.
            for (var i = 0; i < count; i++)
            {
                if (buffer[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                {
                    throw new ConversionException(string.Create(CultureInfo.InvariantCulture, $"{dataset._source}: unexpected content at byte {offset + i} after the COCO object."));
                }
            }

            var rest = new byte[4096];
            var position = offset + count;
            int read;
            while ((read = await RandomAccess.ReadAsync(dataset._file, rest, position, cancellationToken).ConfigureAwait(false)) > 0)
            {
                for (var i = 0; i < read; i++)
                {
                    if (rest[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                    {
                        throw new ConversionException(string.Create(CultureInfo.InvariantCulture, $"{dataset._source}: unexpected content at byte {position + i} after the COCO object."));
                    }
                }

                position += read;
            }
        }

        /// <summary>Handles every complete step in <paramref name="data"/>; returns the bytes consumed.</summary>
        private int Feed(ReadOnlySpan<byte> data, bool final, long offset)
        {
            var reader = new Utf8JsonReader(data, final, _state);
            var checkpoint = reader;
            try
            {
                while (_phase != 3)
                {
                    checkpoint = reader;
                    if (!Step(ref reader, offset))
                    {
                        reader = checkpoint;
                        break;
                    }
                }
            }
            catch (JsonException exception)
            {
                throw new ConversionException(string.Create(CultureInfo.InvariantCulture,
                    $"{dataset._source}: invalid JSON at line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1} of the line (near byte {offset + checkpoint.BytesConsumed} of the file): {exception.Message}"), exception);
            }

            _state = reader.CurrentState;
            return (int)reader.BytesConsumed;
        }

        private bool Step(ref Utf8JsonReader reader, long offset)
        {
            switch (_phase)
            {
                case 0:
                    if (!reader.Read())
                    {
                        return false;
                    }

                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw Invalid(dataset._source, "$", "a JSON object with images, categories and annotations", offset + reader.TokenStartIndex);
                    }

                    _phase = 1;
                    return true;
                case 1:
                    if (!reader.Read())
                    {
                        return false;
                    }

                    if (reader.TokenType == JsonTokenType.EndObject)
                    {
                        _phase = 3;
                        return true;
                    }

                    var name = reader.GetString();
                    if (name is "categories" or "images" or "annotations")
                    {
                        if (!reader.Read())
                        {
                            return false;
                        }

                        if (reader.TokenType != JsonTokenType.StartArray)
                        {
                            throw Invalid(dataset._source, "$." + name, "an array", offset + reader.TokenStartIndex);
                        }

                        _section = name;
                        _index = 0;
                        _phase = 2;
                        return true;
                    }

                    return reader.TrySkip();
                default:
                    if (!reader.Read())
                    {
                        return false;
                    }

                    if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        MarkSeen();
                        _phase = 1;
                        return true;
                    }

                    var start = offset + reader.TokenStartIndex;
                    var element = reader;
                    if (!reader.TrySkip())
                    {
                        return false;
                    }

                    var length = offset + reader.BytesConsumed - start;
                    using (var document = JsonDocument.ParseValue(ref element))
                    {
                        Handle(document.RootElement, start, (int)length);
                    }

                    _index++;
                    return true;
            }
        }

        private void MarkSeen()
        {
            switch (_section)
            {
                case "categories":
                    SawCategories = true;
                    break;
                case "images":
                    SawImages = true;
                    break;
                default:
                    SawAnnotations = true;
                    break;
            }
        }

        private void Handle(JsonElement element, long start, int length)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"$.{_section}[{_index}]");
            switch (_section)
            {
                case "categories":
                    if (element.ValueKind != JsonValueKind.Object || !CocoImporter.TryGetLong(element, "id", out var id))
                    {
                        throw Invalid(dataset._source, path + ".id", "an integer category id", start);
                    }

                    if (!element.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
                    {
                        throw Invalid(dataset._source, path + ".name", "a string category name", start);
                    }

                    var name = nameElement.GetString()!;
                    if (options.UseSuperCategories && element.TryGetProperty("supercategory", out var super) && super.ValueKind == JsonValueKind.String)
                    {
                        name = super.GetString() + ":" + name;
                    }

                    // Later duplicates replace earlier ones, as in the official importer's dict.
                    dataset.Categories[id] = name;
                    break;
                case "images":
                    if (element.ValueKind != JsonValueKind.Object || !TryGetKey(element, "id", out var key))
                    {
                        throw Invalid(dataset._source, path + ".id", "an image id (integer or string)", start);
                    }

                    if (!element.TryGetProperty("file_name", out var fileName) || fileName.ValueKind != JsonValueKind.String)
                    {
                        throw Invalid(dataset._source, path + ".file_name", "a string file name", start);
                    }

                    report.TaskRead();
                    var entry = new CocoImage
                    {
                        Index = _imageIndex,
                        FileName = fileName.GetString()!,
                        Width = Size(element, "width"),
                        Height = Size(element, "height"),
                    };
                    if (ImagesById.TryGetValue(key, out var previous))
                    {
                        report.Add(new ConversionIssue(ConversionIssueKind.DroppedTask, "duplicate-image-id",
                            $"{path}: image id {key} repeats images[{previous.Index}] ({previous.FileName}); the later entry replaces it, as in the official importer.") { TaskIndex = previous.Index });
                    }

                    ImagesById[key] = entry;
                    _imageIndex++;
                    break;
                default:
                    if (element.ValueKind != JsonValueKind.Object)
                    {
                        throw Invalid(dataset._source, path, "an annotation object", start);
                    }

                    var kinds = GeometryKinds.None;
                    kinds |= element.TryGetProperty("bbox", out _) ? GeometryKinds.Bbox : GeometryKinds.None;
                    kinds |= element.TryGetProperty("segmentation", out _) ? GeometryKinds.Segmentation : GeometryKinds.None;
                    kinds |= element.TryGetProperty("keypoints", out _) ? GeometryKinds.Keypoints : GeometryKinds.None;
                    dataset.AnnotationRefs.Add(new AnnotationRef(TryGetKey(element, "image_id", out var imageId) ? imageId : null, start, length, kinds));
                    break;
            }
        }
    }
}

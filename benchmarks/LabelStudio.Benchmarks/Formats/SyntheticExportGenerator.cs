using System.Globalization;
using System.Text.Json;

namespace LabelStudio.Benchmarks.Formats;

/// <summary>
/// Writes a deterministic synthetic Label Studio image export following the profile of reference/formats.md §13:
/// images with 1-6 boxes (15 % rotated), 0-3 polygons, keypoints on 30 % of boxes, a scene Choices; 1-3
/// annotations per task, 3 % cancelled, 5 % of tasks unannotated, 30 % with a prediction; server fields as a real
/// export has them, compact JSON; about 5.9 KB per task. Same seed, same bytes.
/// Written with Utf8JsonWriter directly so the benchmark input does not depend on the code it measures.
/// </summary>
internal static class SyntheticExportGenerator
{
    private static readonly string[] BoxLabels = ["Car", "Person", "Bicycle", "Traffic Light", "Truck", "Bus"];
    private static readonly string[] PolygonLabels = ["Road", "Sidewalk", "Building", "Vegetation"];
    private static readonly string[] KeyPointLabels = ["Head", "Wheel", "Lamp"];
    private static readonly string[] Scenes = ["Urban", "Highway", "Rural", "Indoor"];
    private static readonly (int Width, int Height)[] Sizes = [(640, 480), (1920, 1080), (4032, 3024), (1280, 720)];
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";

    public static void Write(Stream output, int tasks, int seed = 7)
    {
        var random = new Random(seed);
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions());
        var start = new DateTimeOffset(2024, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var annotationId = 0;
        var predictionId = 0;
        writer.WriteStartArray();
        for (var id = 1; id <= tasks; id++)
        {
            var created = start.AddSeconds(id * 37);
            var size = Sizes[random.Next(Sizes.Length)];
            var annotationCount = random.NextDouble() < 0.05 ? 0 : random.Next(1, 4);
            var hasPrediction = random.NextDouble() < 0.30;
            var cancelled = 0;

            writer.WriteStartObject();
            writer.WriteNumber("id", id);
            writer.WriteStartArray("annotations");
            for (var a = 0; a < annotationCount; a++)
            {
                var wasCancelled = random.NextDouble() < 0.03;
                cancelled += wasCancelled ? 1 : 0;
                writer.WriteStartObject();
                writer.WriteNumber("id", ++annotationId);
                writer.WriteNumber("completed_by", random.Next(1, 6));
                writer.WriteStartArray("result");
                if (!wasCancelled)
                {
                    WriteRegions(writer, random, size, withScore: false);
                }

                writer.WriteEndArray();
                writer.WriteBoolean("was_cancelled", wasCancelled);
                writer.WriteBoolean("ground_truth", false);
                WriteTime(writer, "created_at", created.AddMinutes(5 + a));
                WriteTime(writer, "updated_at", created.AddMinutes(7 + a));
                writer.WriteNull("draft_created_at");
                writer.WriteNumber("lead_time", Math.Round(random.NextDouble() * 300, 3));
                writer.WriteStartObject("prediction");
                writer.WriteEndObject();
                writer.WriteNumber("result_count", 0);
                writer.WriteString("unique_id", Guid(random));
                writer.WriteNull("import_id");
                writer.WriteNull("last_action");
                writer.WriteBoolean("bulk_created", false);
                writer.WriteNumber("task", id);
                writer.WriteNumber("project", 7);
                writer.WriteNull("updated_by");
                writer.WriteNull("parent_prediction");
                writer.WriteNull("parent_annotation");
                writer.WriteNull("last_created_by");
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteNull("file_upload");
            writer.WriteStartArray("drafts");
            writer.WriteEndArray();
            writer.WriteStartArray("predictions");
            if (hasPrediction)
            {
                writer.WriteStartObject();
                writer.WriteNumber("id", ++predictionId);
                writer.WriteStartArray("result");
                WriteRegions(writer, random, size, withScore: true);
                writer.WriteEndArray();
                writer.WriteString("model_version", "yolo-v8");
                writer.WriteNumber("score", Math.Round(random.NextDouble(), 4));
                writer.WriteNull("cluster");
                writer.WriteNull("neighbors");
                writer.WriteNumber("mislabeling", 0.0);
                WriteTime(writer, "created_at", created.AddMinutes(1));
                WriteTime(writer, "updated_at", created.AddMinutes(1));
                writer.WriteNull("model");
                writer.WriteNull("model_run");
                writer.WriteNumber("task", id);
                writer.WriteNumber("project", 7);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartObject("data");
            writer.WriteString("image", string.Create(CultureInfo.InvariantCulture, $"/data/upload/7/{random.Next():x8}-img_{id:D7}.jpg"));
            writer.WriteEndObject();
            writer.WriteStartObject("meta");
            writer.WriteEndObject();
            WriteTime(writer, "created_at", created);
            WriteTime(writer, "updated_at", created.AddHours(1));
            writer.WriteNumber("inner_id", id);
            writer.WriteNumber("total_annotations", annotationCount - cancelled);
            writer.WriteNumber("cancelled_annotations", cancelled);
            writer.WriteNumber("total_predictions", hasPrediction ? 1 : 0);
            writer.WriteNumber("comment_count", 0);
            writer.WriteNumber("unresolved_comment_count", 0);
            writer.WriteNull("last_comment_updated_at");
            writer.WriteNumber("project", 7);
            writer.WriteNull("updated_by");
            writer.WriteStartArray("comment_authors");
            writer.WriteEndArray();
            writer.WriteEndObject();
            if (writer.BytesPending > 1 << 16)
            {
                writer.Flush();
            }
        }

        writer.WriteEndArray();
        writer.Flush();
    }

    private static void WriteRegions(Utf8JsonWriter writer, Random random, (int Width, int Height) size, bool withScore)
    {
        var boxes = random.Next(1, 7);
        for (var b = 0; b < boxes; b++)
        {
            var boxId = RegionId(random);
            var x = random.NextDouble() * 80;
            var y = random.NextDouble() * 80;
            var rotation = random.NextDouble() < 0.15 ? Math.Round(random.NextDouble() * 360, 4) : 0;
            WriteRegionStart(writer, size);
            writer.WriteNumber("x", Round(x));
            writer.WriteNumber("y", Round(y));
            writer.WriteNumber("width", Round(random.NextDouble() * (100 - x) * 0.5 + 1));
            writer.WriteNumber("height", Round(random.NextDouble() * (100 - y) * 0.5 + 1));
            writer.WriteNumber("rotation", rotation);
            WriteLabels(writer, "rectanglelabels", BoxLabels[random.Next(BoxLabels.Length)]);
            WriteRegionEnd(writer, boxId, "label", "rectanglelabels", withScore ? random.NextDouble() : null, parent: null);

            if (random.NextDouble() < 0.30)
            {
                WriteRegionStart(writer, size);
                writer.WriteNumber("x", Round(x + random.NextDouble() * 5));
                writer.WriteNumber("y", Round(y + random.NextDouble() * 5));
                writer.WriteNumber("width", 0.5);
                WriteLabels(writer, "keypointlabels", KeyPointLabels[random.Next(KeyPointLabels.Length)]);
                WriteRegionEnd(writer, RegionId(random), "kp", "keypointlabels", withScore ? random.NextDouble() : null, parent: boxId);
            }
        }

        var polygons = random.Next(0, 4);
        for (var p = 0; p < polygons; p++)
        {
            WriteRegionStart(writer, size);
            writer.WriteStartArray("points");
            var cx = random.NextDouble() * 80 + 10;
            var cy = random.NextDouble() * 80 + 10;
            var n = random.Next(4, 9);
            for (var i = 0; i < n; i++)
            {
                var angle = 2 * Math.PI * i / n;
                var radius = random.NextDouble() * 8 + 2;
                writer.WriteStartArray();
                writer.WriteNumberValue(Round(cx + radius * Math.Cos(angle)));
                writer.WriteNumberValue(Round(cy + radius * Math.Sin(angle)));
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteBoolean("closed", true);
            WriteLabels(writer, "polygonlabels", PolygonLabels[random.Next(PolygonLabels.Length)]);
            WriteRegionEnd(writer, RegionId(random), "poly", "polygonlabels", withScore ? random.NextDouble() : null, parent: null);
        }

        writer.WriteStartObject();
        writer.WriteStartObject("value");
        WriteLabels(writer, "choices", Scenes[random.Next(Scenes.Length)]);
        writer.WriteEndObject();
        writer.WriteString("id", RegionId(random));
        writer.WriteString("from_name", "scene");
        writer.WriteString("to_name", "image");
        writer.WriteString("type", "choices");
        writer.WriteString("origin", withScore ? "prediction" : "manual");
        writer.WriteEndObject();
    }

    private static void WriteRegionStart(Utf8JsonWriter writer, (int Width, int Height) size)
    {
        writer.WriteStartObject();
        writer.WriteNumber("original_width", size.Width);
        writer.WriteNumber("original_height", size.Height);
        writer.WriteNumber("image_rotation", 0);
        writer.WriteStartObject("value");
    }

    private static void WriteRegionEnd(Utf8JsonWriter writer, string id, string fromName, string type, double? score, string? parent)
    {
        writer.WriteEndObject();
        writer.WriteString("id", id);
        writer.WriteString("from_name", fromName);
        writer.WriteString("to_name", "image");
        writer.WriteString("type", type);
        writer.WriteString("origin", score is null ? "manual" : "prediction");
        if (score is { } s)
        {
            writer.WriteNumber("score", Round(s));
        }

        if (parent is not null)
        {
            writer.WriteString("parentID", parent);
        }

        writer.WriteEndObject();
    }

    private static void WriteLabels(Utf8JsonWriter writer, string name, string label)
    {
        writer.WriteStartArray(name);
        writer.WriteStringValue(label);
        writer.WriteEndArray();
    }

    private static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset time) =>
        writer.WriteString(name, time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'", CultureInfo.InvariantCulture));

    // Label Studio's coordinates carry up to 15 significant digits; 12 decimals keep the file near the profiled size.
    private static double Round(double value) => Math.Round(value, 12);

    private static string RegionId(Random random) =>
        string.Create(10, random, static (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = IdAlphabet[r.Next(IdAlphabet.Length)];
            }
        });

    private static string Guid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new System.Guid(bytes).ToString();
    }
}

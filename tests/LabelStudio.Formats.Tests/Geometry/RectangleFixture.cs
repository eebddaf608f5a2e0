using System.Globalization;
using System.Text.Json;
using LabelStudio.Testing;

namespace LabelStudio.Formats.Tests.Geometry;

/// <summary>A rectangle of the yolo_obb_rotated fixture and the lines the official YOLO and YOLO_OBB exports wrote for it.</summary>
public sealed record FixtureRectangle(
    string Name, double X, double Y, double Width, double Height, double Rotation, double ImageWidth, double ImageHeight,
    double[] YoloLine, double[] ObbLine)
{
    public override string ToString() => Name;
}

internal static class RectangleFixture
{
    public static IEnumerable<TestCaseData> Cases() => Load().Select(r => new TestCaseData(r).SetName($"{{m}}({r.Name})"));

    private static List<FixtureRectangle> Load()
    {
        var folder = Path.Combine(RepositoryPaths.TestData, "Formats", "yolo_obb_rotated");
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "export.json")));
        var rectangles = new List<FixtureRectangle>();
        foreach (var task in document.RootElement.EnumerateArray())
        {
            // Each task has one annotation whose rectangles (one label each, all with rotation) map one-to-one
            // to the lines of labels/<md5 prefix>__<image basename>.txt (formats.md 5.8).
            var basename = Path.GetFileName(task.GetProperty("data").GetProperty("image").GetString()!);
            var yolo = ReadLines(Directory.GetFiles(Path.Combine(folder, "expected", "YOLO", "labels"), $"*__{basename}.txt").Single());
            var obb = ReadLines(Directory.GetFiles(Path.Combine(folder, "expected", "YOLO_OBB", "labels"), $"*__{basename}.txt").Single());
            var index = 0;
            foreach (var result in task.GetProperty("annotations")[0].GetProperty("result").EnumerateArray())
            {
                var value = result.GetProperty("value");
                rectangles.Add(new FixtureRectangle(
                    $"{basename} region {index}",
                    value.GetProperty("x").GetDouble(),
                    value.GetProperty("y").GetDouble(),
                    value.GetProperty("width").GetDouble(),
                    value.GetProperty("height").GetDouble(),
                    value.GetProperty("rotation").GetDouble(),
                    result.GetProperty("original_width").GetDouble(),
                    result.GetProperty("original_height").GetDouble(),
                    yolo[index],
                    obb[index]));
                index++;
            }
        }

        return rectangles;
    }

    private static double[][] ReadLines(string path) =>
        File.ReadAllLines(path)
            .Where(line => line.Length > 0)
            .Select(line => line.Split(' ').Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
}

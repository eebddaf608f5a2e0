using System.Text;
using System.Text.Json;
using LabelStudio.Testing;

namespace LabelStudio.Formats.Tests.Masks;

/// <summary>One brush region of the brush_rle fixture export, with the file names the official converter gave its outputs.</summary>
public sealed record BrushRegion(
    int TaskId, int AnnotationId, int ItemIndex, string RegionId, string FileStem, byte[] Rle, int Width, int Height)
{
    public override string ToString() => $"{RegionId} ({FileStem})";
}

/// <summary>Reads tests/TestData/Formats/brush_rle with plain JsonDocument (independent of the library's models).</summary>
internal static class BrushFixture
{
    public static string Folder => Path.Combine(RepositoryPaths.TestData, "Formats", "brush_rle");

    public static IReadOnlyList<BrushRegion> Regions { get; } = Load();

    public static IEnumerable<TestCaseData> Cases() =>
        Regions.Select(region => new TestCaseData(region).SetName($"{{m}}({region.RegionId})"));

    private static List<BrushRegion> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, "export.json")));
        var regions = new List<BrushRegion>();
        var item = 0;
        foreach (var task in document.RootElement.EnumerateArray())
        {
            var taskId = task.GetProperty("id").GetInt32();
            if (!task.TryGetProperty("annotations", out var annotations))
            {
                continue;
            }

            foreach (var annotation in annotations.EnumerateArray())
            {
                // Naming rule of BRUSH_TO_PNG/NUMPY (formats.md 5.9): task-<task>-annotation-<id>-by-<user>-<from_name>-<labels>-<n>,
                // user = e-mail (objects) or str(id) filtered to letters, digits, '@' and '.', '/' in labels -> '-',
                // n counting regions with the same from_name + labels inside one annotation.
                var completedBy = annotation.GetProperty("completed_by");
                var user = completedBy.ValueKind == JsonValueKind.Object
                    ? completedBy.GetProperty("email").GetString() ?? string.Empty
                    : completedBy.GetRawText();
                user = new string(user.Where(c => char.IsLetterOrDigit(c) || c is '@' or '.').ToArray());
                var counters = new Dictionary<string, int>();
                foreach (var result in annotation.GetProperty("result").EnumerateArray())
                {
                    var value = result.GetProperty("value");
                    var labels = string.Join("-", value.GetProperty("brushlabels").EnumerateArray().Select(l => l.GetString()));
                    var name = result.GetProperty("from_name").GetString() + "-" + labels;
                    var n = counters.GetValueOrDefault(name);
                    counters[name] = n + 1;
                    var stem = $"task-{taskId}-annotation-{annotation.GetProperty("id").GetInt32()}-by-{user}-{name}-{n}"
                        .Replace('/', '-').Replace('\\', '-');
                    var rle = value.GetProperty("rle").EnumerateArray().Select(b => checked((byte)b.GetInt32())).ToArray();
                    regions.Add(new BrushRegion(
                        taskId,
                        annotation.GetProperty("id").GetInt32(),
                        item,
                        result.GetProperty("id").GetString()!,
                        stem,
                        rle,
                        result.GetProperty("original_width").GetInt32(),
                        result.GetProperty("original_height").GetInt32()));
                }

                item++;
            }
        }

        return regions;
    }

    /// <summary>Builds bytes from a string of '0'/'1' (spaces ignored): expected encoder output written out by hand.</summary>
    public static byte[] Bits(string bits)
    {
        var clean = new StringBuilder();
        foreach (var c in bits)
        {
            if (c is '0' or '1')
            {
                clean.Append(c);
            }
        }

        clean.Length.Should().Be(clean.Length / 8 * 8, "the hand-written bit string must fill whole bytes");
        var bytes = new byte[clean.Length / 8];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = Convert.ToByte(clean.ToString(i * 8, 8), 2);
        }

        return bytes;
    }
}

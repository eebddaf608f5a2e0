using System.Globalization;
using System.Text.Json;
using LabelStudio.Formats.Conversion;

namespace LabelStudio.Formats.Import;

/// <summary>
/// Class names of a YOLO dataset, index = class id: <c>classes.txt</c> (one per line) as the official importer reads
/// it, else the <c>names</c> of an Ultralytics <c>data.yaml</c>, else the categories of a Label Studio <c>notes.json</c>.
/// </summary>
internal static class YoloClassNames
{
    public static IReadOnlyList<string> Read(string directory)
    {
        var classesTxt = Path.Combine(directory, "classes.txt");
        if (File.Exists(classesTxt))
        {
            var lines = File.ReadAllLines(classesTxt).Select(l => l.Trim()).ToList();
            while (lines.Count > 0 && lines[^1].Length == 0)
            {
                lines.RemoveAt(lines.Count - 1);
            }

            return lines;
        }

        foreach (var yaml in new[] { "data.yaml", "data.yml", "dataset.yaml" })
        {
            var path = Path.Combine(directory, yaml);
            if (File.Exists(path))
            {
                return ReadYamlNames(path);
            }
        }

        var notes = Path.Combine(directory, "notes.json");
        if (File.Exists(notes))
        {
            return ReadNotes(notes);
        }

        throw new ConversionException($"{directory}: no classes.txt, data.yaml or notes.json naming the classes.");
    }

    // The three shapes data.yaml files use for names: [a, b], a "- a" block list, or a "0: a" block mapping.
    // Only the top-level names key is read, so no general YAML parser is needed.
    private static List<string> ReadYamlNames(string path)
    {
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("names:", StringComparison.Ordinal))
            {
                continue;
            }

            var rest = StripComment(lines[i]["names:".Length..]).Trim();
            if (rest.StartsWith('['))
            {
                if (!rest.EndsWith(']'))
                {
                    throw new ConversionException(string.Create(CultureInfo.InvariantCulture, $"{path}: line {i + 1}: expected names: [a, b, ...] on one line."));
                }

                return rest[1..^1].Split(',').Select(Unquote).Where(n => n.Length > 0).ToList();
            }

            var names = new SortedDictionary<int, string>();
            var next = 0;
            for (var j = i + 1; j < lines.Length; j++)
            {
                var line = StripComment(lines[j]);
                if (line.Trim().Length == 0)
                {
                    continue;
                }

                if (!char.IsWhiteSpace(line[0]) && !line.StartsWith('-'))
                {
                    break;
                }

                var item = line.Trim();
                if (item.StartsWith('-'))
                {
                    names[next++] = Unquote(item[1..]);
                    continue;
                }

                var colon = item.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0 || !int.TryParse(item[..colon], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) || id < 0)
                {
                    throw new ConversionException(string.Create(CultureInfo.InvariantCulture, $"{path}: line {j + 1}: expected '- name' or 'id: name' under names."));
                }

                names[id] = Unquote(item[(colon + 1)..]);
            }

            return Dense(names, path);
        }

        throw new ConversionException($"{path}: no top-level names: key.");
    }

    private static List<string> ReadNotes(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        if (!document.RootElement.TryGetProperty("categories", out var categories) || categories.ValueKind != JsonValueKind.Array)
        {
            throw new ConversionException($"{path}: $.categories: expected an array of {{id, name}}.");
        }

        var names = new SortedDictionary<int, string>();
        var index = 0;
        foreach (var category in categories.EnumerateArray())
        {
            if (category.ValueKind != JsonValueKind.Object
                || !category.TryGetProperty("id", out var id) || !id.TryGetInt32(out var number) || number < 0
                || !category.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
            {
                throw new ConversionException(string.Create(CultureInfo.InvariantCulture, $"{path}: $.categories[{index}]: expected {{\"id\": integer, \"name\": string}}."));
            }

            names[number] = name.GetString()!;
            index++;
        }

        return Dense(names, path);
    }

    private static List<string> Dense(SortedDictionary<int, string> names, string path)
    {
        var list = new List<string>(names.Count);
        foreach (var (id, name) in names)
        {
            if (id != list.Count)
            {
                throw new ConversionException(string.Create(CultureInfo.InvariantCulture, $"{path}: class ids must be 0, 1, 2, ... without gaps; id {list.Count} is missing."));
            }

            list.Add(name);
        }

        return list;
    }

    private static string StripComment(string line)
    {
        var hash = line.IndexOf(" #", StringComparison.Ordinal);
        return hash >= 0 ? line[..hash] : line;
    }

    private static string Unquote(string value)
    {
        var trimmed = value.Trim();
        return trimmed.Length >= 2 && (trimmed[0] == '\'' || trimmed[0] == '"') && trimmed[^1] == trimmed[0] ? trimmed[1..^1] : trimmed;
    }
}

using System.Globalization;
using System.Text.Json.Nodes;

namespace LabelStudio.Config.Building;

/// <summary>
/// Generates a sample task for any config: a value for every data key, shaped for the object that reads it
/// (a URL for Image, text for Text, a message list for Chat, Repeater lists with their item paths, dynamic label lists).
/// </summary>
public static class SampleTasks
{
    private const int RepeatCount = 2;

    /// <summary>The sample <c>data</c> object for <paramref name="config"/>.</summary>
    /// <param name="config">The parsed config.</param>
    /// <param name="preferEmbedded">When true and the config embeds a sample (<c>&lt;!-- {...} --&gt;</c>), return a copy of that instead.</param>
    public static JsonObject CreateData(LabelConfig config, bool preferEmbedded = false)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (preferEmbedded && config.Sample is { } sample && JsonNode.Parse(sample.Data.GetRawText()) is JsonObject embedded)
        {
            return embedded;
        }

        var data = new JsonObject();
        foreach (var key in config.DataKeys)
        {
            var tokens = Tokenize(key.Expression);
            Assign(data, tokens, 0, key);
        }

        return data;
    }

    /// <summary>A whole task as JSON text: <c>{"data": {...}}</c>, ready to import into Label Studio.</summary>
    public static string CreateTaskJson(LabelConfig config, bool preferEmbedded = false) =>
        new JsonObject { ["data"] = CreateData(config, preferEmbedded) }.ToJsonString();

    private static List<string> Tokenize(string expression)
    {
        // "document[{{idx}}].page" -> ["document", "[]", "page"]
        var tokens = new List<string>();
        var start = 0;
        for (var i = 0; i <= expression.Length; i++)
        {
            if (i == expression.Length || expression[i] is '.' or '[')
            {
                if (i > start)
                {
                    tokens.Add(expression[start..i]);
                }

                if (i < expression.Length && expression[i] == '[')
                {
                    var close = expression.IndexOf(']', i);
                    tokens.Add("[]");
                    i = close < 0 ? expression.Length : close;
                }

                start = i + 1;
            }
        }

        return tokens;
    }

    private static void Assign(JsonNode container, List<string> tokens, int index, DataKey key)
    {
        var token = tokens[index];
        var last = index == tokens.Count - 1;
        if (token == "[]")
        {
            if (container is not JsonArray array)
            {
                return;
            }

            while (array.Count < RepeatCount)
            {
                array.Add(last ? ValueFor(key, array.Count) : NextContainer(tokens, index));
            }

            if (!last)
            {
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        Assign(item, tokens, index + 1, key);
                    }
                }
            }

            return;
        }

        if (container is not JsonObject obj)
        {
            return;
        }

        if (last)
        {
            if (!obj.ContainsKey(token))
            {
                obj[token] = ValueFor(key, 0);
            }

            return;
        }

        if (!obj.TryGetPropertyValue(token, out var child) || child is null)
        {
            child = NextContainer(tokens, index);
            obj[token] = child;
        }

        Assign(child, tokens, index + 1, key);
    }

    private static JsonNode NextContainer(List<string> tokens, int index) =>
        tokens[index + 1] == "[]" ? new JsonArray() : new JsonObject();

    private static JsonNode ValueFor(DataKey key, int item)
    {
        var n = (item + 1).ToString(CultureInfo.InvariantCulture);
        switch (key.Kind)
        {
            case DataKeyKind.DynamicLabels:
                return new JsonArray(new JsonObject { ["value"] = "Label 1" }, new JsonObject { ["value"] = "Label 2" });
            case DataKeyKind.RepeaterList:
                return new JsonArray(new JsonObject(), new JsonObject());
            case DataKeyKind.ObjectValueList:
                return new JsonArray(JsonValue.Create("/static/samples/sample.jpg"), JsonValue.Create("/static/samples/sample.jpg"));
            default:
                break;
        }

        if (key.Attribute == "audioUrl")
        {
            return JsonValue.Create("/static/samples/game.wav");
        }

        return key.Tag.TagName switch
        {
            "Image" => JsonValue.Create("/static/samples/sample.jpg"),
            "Audio" or "AudioPlus" => JsonValue.Create("/static/samples/game.wav"),
            "Video" => JsonValue.Create("/static/samples/opossum_snow.mp4"),
            "Pdf" => JsonValue.Create("/static/samples/sample.pdf"),
            "HyperText" => JsonValue.Create("<div><h1>Sample</h1><p>Some <b>HTML</b> text " + n + ".</p></div>"),
            "Markdown" => JsonValue.Create("# Sample\n\nSome *markdown* text " + n + "."),
            "Text" => JsonValue.Create("To have faith is to trust yourself to the water. Sample text " + n + "."),
            "Paragraphs" => Paragraphs(key.Tag),
            "TimeSeries" => TimeSeries(key.Tag),
            "Table" => new JsonObject { ["name"] = "Sample", ["value"] = 42 },
            "List" => new JsonArray(
                new JsonObject { ["id"] = 1, ["title"] = "Item 1", ["body"] = "First item" },
                new JsonObject { ["id"] = 2, ["title"] = "Item 2", ["body"] = "Second item" }),
            "Chat" => new JsonArray(
                new JsonObject { ["role"] = "user", ["content"] = "Hello!" },
                new JsonObject { ["role"] = "assistant", ["content"] = "Hi! How can I help?" }),
            _ => JsonValue.Create("Sample " + key.Key + " " + n),
        };
    }

    private static JsonArray Paragraphs(ConfigTag tag)
    {
        var nameKey = tag.GetAttribute("nameKey") ?? "author";
        var textKey = tag.GetAttribute("textKey") ?? "text";
        return new JsonArray(
            new JsonObject { [nameKey] = "Alice", [textKey] = "Hi, how are you?" },
            new JsonObject { [nameKey] = "Bob", [textKey] = "Fine, thanks." });
    }

    private static JsonNode TimeSeries(ConfigTag tag)
    {
        if (!string.Equals(tag.GetAttribute("valueType"), "json", StringComparison.Ordinal))
        {
            return JsonValue.Create("/static/samples/time-series.csv");
        }

        var series = new JsonObject();
        var timeColumn = tag.GetAttribute("timeColumn");
        if (timeColumn is not null)
        {
            series[timeColumn] = new JsonArray(0, 1, 2, 3, 4);
        }

        foreach (var channel in tag.Children.Where(c => c.TagName == "Channel"))
        {
            if (channel.GetAttribute("column") is { } column && !series.ContainsKey(column))
            {
                series[column] = new JsonArray(0.5, 1.5, 1.0, 2.5, 2.0);
            }
        }

        return series;
    }
}

using System.Globalization;
using System.Security;
using System.Text;
using System.Text.Json;

namespace LabelStudio.Formats.Tests.Conversion;

/// <summary>
/// Turns a fixture's config.json (the official converter's already parsed schema dict:
/// <c>{control name: {type, to_name[], inputs[{type, value}], labels[], regex?}}</c>) into the labeling config XML
/// it was parsed from, for our <see cref="LabelStudio.Config.LabelConfig"/>: one control tag per entry with its
/// labels, one object tag per (to_name, input) pair, and entries with a <c>regex</c> for <c>{{idx}}</c> inside a
/// <c>Repeater</c> over the list their input values index. A <c>chatmessage</c> entry is a <c>Chat</c> tag, which is
/// object and control at once.
/// </summary>
internal static class SchemaDictConfig
{
    public static string ToXml(string json)
    {
        using var document = JsonDocument.Parse(json);
        var plain = new StringBuilder();
        var repeated = new StringBuilder();
        var objects = new HashSet<string>(StringComparer.Ordinal);
        string? list = null;
        foreach (var control in document.RootElement.EnumerateObject())
        {
            var type = control.Value.GetProperty("type").GetString()!;
            var inRepeater = control.Value.TryGetProperty("regex", out _);
            var target = inRepeater ? repeated : plain;
            var inputs = control.Value.GetProperty("inputs").EnumerateArray().ToList();
            if (type == "chatmessage")
            {
                target.Append(CultureInfo.InvariantCulture, $"<Chat name=\"{Escape(control.Name)}\" value=\"${Escape(inputs[0].GetProperty("value").GetString()!)}\"/>\n");
                continue;
            }

            var toNames = control.Value.GetProperty("to_name").EnumerateArray().Select(t => t.GetString()!).ToList();
            for (var i = 0; i < toNames.Count && i < inputs.Count; i++)
            {
                var value = inputs[i].GetProperty("value").GetString()!;
                if (objects.Add(toNames[i]))
                {
                    target.Append(CultureInfo.InvariantCulture, $"<{inputs[i].GetProperty("type").GetString()} name=\"{Escape(toNames[i])}\" value=\"${Escape(value)}\"/>\n");
                }

                if (inRepeater)
                {
                    list ??= value[..value.IndexOf('[', StringComparison.Ordinal)];
                }
            }

            var labelTag = type is "Taxonomy" or "Choices" ? "Choice" : "Label";
            target.Append(CultureInfo.InvariantCulture, $"<{type} name=\"{Escape(control.Name)}\" toName=\"{Escape(string.Join(",", toNames))}\">\n");
            foreach (var label in control.Value.GetProperty("labels").EnumerateArray())
            {
                target.Append(CultureInfo.InvariantCulture, $"  <{labelTag} value=\"{Escape(label.GetString()!)}\"/>\n");
            }

            target.Append(CultureInfo.InvariantCulture, $"</{type}>\n");
        }

        var xml = new StringBuilder("<View>\n").Append(plain);
        if (repeated.Length > 0)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<Repeater on=\"${Escape(list ?? "items")}\" indexFlag=\"{{{{idx}}}}\">\n").Append(repeated).Append("</Repeater>\n");
        }

        return xml.Append("</View>\n").ToString();
    }

    private static string Escape(string text) => SecurityElement.Escape(text);
}

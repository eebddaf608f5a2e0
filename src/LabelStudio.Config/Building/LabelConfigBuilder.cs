using System.Text;
using System.Xml;
using LabelStudio.Config.Tags;

namespace LabelStudio.Config.Building;

/// <summary>
/// Builds a labeling config in code and writes XML that parses back to the same model.
/// </summary>
/// <example>
/// <code>
/// var config = new LabelConfigBuilder()
///     .AddObject("Image", "image", "$image")
///     .AddControl("RectangleLabels", "label", "image", ["Cat", "Dog"])
///     .Build();
/// </code>
/// </example>
public sealed class LabelConfigBuilder
{
    private readonly List<Element> _elements = [];

    /// <summary>Adds a header line (<c>&lt;Header value="..."/&gt;</c>).</summary>
    public LabelConfigBuilder AddHeader(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _elements.Add(new Element("Header", new Dictionary<string, string> { ["value"] = text }, []));
        return this;
    }

    /// <summary>Adds an object tag.</summary>
    /// <param name="tagName">The tag (<c>Image</c>, <c>Text</c>, <c>Audio</c>, ...).</param>
    /// <param name="name">The unique name.</param>
    /// <param name="value">The value, normally <c>$key</c> for task data.</param>
    /// <param name="attributes">More attributes, or null.</param>
    public LabelConfigBuilder AddObject(string tagName, string name, string value, IReadOnlyDictionary<string, string>? attributes = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(tagName);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        var all = new Dictionary<string, string> { ["name"] = name, ["value"] = value };
        Merge(all, attributes);
        _elements.Add(new Element(Canonical(tagName), all, []));
        return this;
    }

    /// <summary>Adds a control tag with its labels or choices.</summary>
    /// <param name="tagName">The tag (<c>RectangleLabels</c>, <c>Choices</c>, <c>Taxonomy</c>, <c>TextArea</c>, ...).</param>
    /// <param name="name">The unique name.</param>
    /// <param name="toName">The object name it annotates (comma-separated for several).</param>
    /// <param name="labels">Its labels or choices (nested for Taxonomy), or null.</param>
    /// <param name="attributes">More attributes (<c>choice</c>, <c>perRegion</c>, ...), or null.</param>
    public LabelConfigBuilder AddControl(string tagName, string name, string toName, IEnumerable<LabelNode>? labels = null, IReadOnlyDictionary<string, string>? attributes = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(tagName);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(toName);
        var canonical = Canonical(tagName);
        var all = new Dictionary<string, string> { ["name"] = name, ["toName"] = toName };
        Merge(all, attributes);
        var labelTag = TagCatalog.TryGet(canonical, out var spec) && spec.LabelTagName is not null ? spec.LabelTagName : "Label";
        var children = labels?.Select(l => ToElement(l, labelTag)).ToList() ?? [];
        _elements.Add(new Element(canonical, all, children));
        return this;
    }

    /// <summary>Adds a Choices control.</summary>
    /// <param name="name">The unique name.</param>
    /// <param name="toName">The object it annotates.</param>
    /// <param name="choices">The choices.</param>
    /// <param name="multiple">True for <c>choice="multiple"</c>.</param>
    public LabelConfigBuilder AddChoices(string name, string toName, IEnumerable<string> choices, bool multiple = false)
    {
        ArgumentNullException.ThrowIfNull(choices);
        return AddControl("Choices", name, toName, choices.Select(LabelNode.FromString), new Dictionary<string, string> { ["choice"] = multiple ? "multiple" : "single" });
    }

    /// <summary>Adds a Taxonomy control with nested choices.</summary>
    public LabelConfigBuilder AddTaxonomy(string name, string toName, IEnumerable<LabelNode> tree) => AddControl("Taxonomy", name, toName, tree);

    /// <summary>Writes the config as indented XML with a <c>&lt;View&gt;</c> root.</summary>
    public string ToXml()
    {
        var builder = new StringBuilder();
        var settings = new XmlWriterSettings { OmitXmlDeclaration = true, Indent = true, IndentChars = "  ", NewLineChars = "\n" };
        using (var writer = XmlWriter.Create(builder, settings))
        {
            writer.WriteStartElement("View");
            foreach (var element in _elements)
            {
                Write(writer, element);
            }

            writer.WriteEndElement();
        }

        return builder.ToString();
    }

    /// <summary>Writes the XML and parses it.</summary>
    /// <exception cref="Validation.LabelConfigException">The built config has errors (an unknown tag, a dangling toName, ...).</exception>
    public LabelConfig Build(LabelConfigOptions? options = null) => LabelConfig.Parse(ToXml(), options);

    private static string Canonical(string tagName) => TagCatalog.TryGet(tagName, out var spec) ? spec.Name : tagName;

    private static void Merge(Dictionary<string, string> target, IReadOnlyDictionary<string, string>? extra)
    {
        if (extra is null)
        {
            return;
        }

        foreach (var (key, value) in extra)
        {
            target[key] = value;
        }
    }

    private static Element ToElement(LabelNode node, string tagName)
    {
        var attributes = new Dictionary<string, string> { ["value"] = node.Value };
        if (node.Background is not null)
        {
            attributes["background"] = node.Background;
        }

        return new Element(tagName, attributes, node.Children?.Select(c => ToElement(c, tagName)).ToList() ?? []);
    }

    private static void Write(XmlWriter writer, Element element)
    {
        writer.WriteStartElement(element.TagName);
        foreach (var (key, value) in element.Attributes)
        {
            writer.WriteAttributeString(key, value);
        }

        foreach (var child in element.Children)
        {
            Write(writer, child);
        }

        writer.WriteEndElement();
    }

    private sealed record Element(string TagName, Dictionary<string, string> Attributes, List<Element> Children);
}

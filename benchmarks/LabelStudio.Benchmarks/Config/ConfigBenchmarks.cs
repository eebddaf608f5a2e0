using System.Text;
using System.Xml;
using AngleSharp.Xml.Parser;
using BenchmarkDotNet.Attributes;
using LabelStudio.Config;
using LabelStudio.Config.Parsing;

namespace LabelStudio.Benchmarks.Config;

/// <summary>
/// Parse + validate of labeling configs (issue goals: a template ≤ 0.25 ms on average, a 10,000-label config ≤ 20 ms).
/// LabelConfig.Parse reads well-formed configs with the fast reader (System.Xml's streaming reader, no DOM) and falls
/// back to AngleSharp.Xml (the reference); the *Reference rows force the AngleSharp path, the XmlReaderOnly row is the
/// fast reader's floor (the reader as configured, every element and attribute read, no model). The AngleSharp-only rows
/// are the reference path's DOM floor, driven in the ways one can drive it: a new default parser per call, one parser
/// reused, a parser configured as LabelConfig configures it (limits and the OnCreated position callback), and the same
/// config without indentation (no whitespace text nodes).
/// </summary>
[MemoryDiagnoser]
public class ConfigBenchmarks
{
    private const int TemplateCount = 55;
    private readonly XmlParser _reusedParser = new();
    private string _tenThousandLabels = string.Empty;
    private string _tenThousandLabelsUnindented = string.Empty;
    private string[] _templates = [];

    [GlobalSetup]
    public void Setup()
    {
        _tenThousandLabels = BuildTenThousandLabels();
        _tenThousandLabelsUnindented = string.Concat(_tenThousandLabels.Split('\n').Select(line => line.Trim()));
        _templates = ReadTemplates();
    }

    /// <summary>A RectangleLabels config with 10,000 labels (about 490,000 characters).</summary>
    internal static string BuildTenThousandLabels()
    {
        var builder = new StringBuilder("<View>\n  <Image name=\"image\" value=\"$image\"/>\n  <RectangleLabels name=\"label\" toName=\"image\">\n");
        for (var i = 0; i < 10_000; i++)
        {
            builder.Append("    <Label value=\"Label ").Append(i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)).Append("\" background=\"#ff0000\"/>\n");
        }

        builder.Append("  </RectangleLabels>\n</View>\n");
        return builder.ToString();
    }

    /// <summary>The official templates copied under tests/TestData/Config/templates.</summary>
    internal static string[] ReadTemplates()
    {
        var folder = Path.Combine(FindRepositoryRoot(), "tests", "TestData", "Config", "templates");
        string[] templates = [.. Directory.GetFiles(folder, "*.xml").Order(StringComparer.Ordinal).Select(File.ReadAllText)];
        return templates.Length == TemplateCount
            ? templates
            : throw new InvalidOperationException($"Expected {TemplateCount} templates in {folder}, found {templates.Length}.");
    }

    /// <summary>A parser configured as LabelConfig configures its own (limits, OnCreated callback).</summary>
    internal static XmlParser CreateConfiguredParser(Action<AngleSharp.Dom.IElement, AngleSharp.Text.TextPosition> onCreated) => new(new XmlParserOptions
    {
        IsSuppressingErrors = false,
        MaximumDepth = LabelConfigOptions.DefaultMaxDepth,
        MaxCharactersFromEntities = 1,
        OnCreated = onCreated,
    });

    /// <summary>Parse + validate a RectangleLabels config with 10,000 labels (about 500 KB).</summary>
    [Benchmark]
    public int TenThousandLabels() => LabelConfig.Parse(_tenThousandLabels).GetControl("label").Labels.Count;

    /// <summary>Parse + validate of the same config through the reference (AngleSharp) path, as before the fast reader.</summary>
    [Benchmark]
    public int TenThousandLabelsReference() => ConfigParser.Parse(_tenThousandLabels, null, ConfigParserPath.ReferenceOnly).Config!.GetControl("label").Labels.Count;

    /// <summary>The fast reader's floor: System.Xml's reader as the fast path configures it, every element and attribute read, no model.</summary>
    [Benchmark]
    public int TenThousandLabelsXmlReaderOnly() => ReadAllWithXmlReader(_tenThousandLabels);

    /// <summary>AngleSharp.Xml building the DOM of the same config, with no validation: the reference path's floor.</summary>
    [Benchmark]
    public int TenThousandLabelsAngleSharpDomOnly() => new XmlParser().ParseDocument(_tenThousandLabels).DocumentElement!.ChildElementCount;

    /// <summary>The DOM floor with one parser instance reused for every call (no browsing context per call).</summary>
    [Benchmark]
    public int TenThousandLabelsDomReusedParser() => _reusedParser.ParseDocument(_tenThousandLabels).DocumentElement!.ChildElementCount;

    /// <summary>The DOM floor with the options LabelConfig uses: depth limit, no entity expansion, an OnCreated callback.</summary>
    [Benchmark]
    public int TenThousandLabelsDomAsConfigured()
    {
        var created = 0;
        CreateConfiguredParser((_, _) => created++).ParseDocument(_tenThousandLabels);
        return created;
    }

    /// <summary>The DOM floor for the same elements without indentation: what the 10,000 whitespace text nodes cost.</summary>
    [Benchmark]
    public int TenThousandLabelsDomUnindented() => _reusedParser.ParseDocument(_tenThousandLabelsUnindented).DocumentElement!.ChildElementCount;

    /// <summary>Parse + validate of the unindented config (compare with <see cref="TenThousandLabels"/>).</summary>
    [Benchmark]
    public int TenThousandLabelsUnindented() => LabelConfig.Parse(_tenThousandLabelsUnindented).GetControl("label").Labels.Count;

    /// <summary>Parse + validate every official template; the reported time is per template.</summary>
    [Benchmark(OperationsPerInvoke = TemplateCount)]
    public int OfficialTemplates()
    {
        var controls = 0;
        foreach (var template in _templates)
        {
            controls += LabelConfig.Parse(template).Controls.Count;
        }

        return controls;
    }

    /// <summary>Parse + validate every official template through the reference (AngleSharp) path; time per template.</summary>
    [Benchmark(OperationsPerInvoke = TemplateCount)]
    public int OfficialTemplatesReference()
    {
        var controls = 0;
        foreach (var template in _templates)
        {
            controls += ConfigParser.Parse(template, null, ConfigParserPath.ReferenceOnly).Config!.Controls.Count;
        }

        return controls;
    }

    /// <summary>The fast reader's floor for the templates: every element and attribute read, no model; time per template.</summary>
    [Benchmark(OperationsPerInvoke = TemplateCount)]
    public int OfficialTemplatesXmlReaderOnly()
    {
        var count = 0;
        foreach (var template in _templates)
        {
            count += ReadAllWithXmlReader(template);
        }

        return count;
    }

    /// <summary>Reads every element, its position and its attributes as the fast reader does, and builds nothing.</summary>
    internal static int ReadAllWithXmlReader(string text)
    {
        using var reader = new XmlTextReader(new StringReader(text))
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            Normalization = false,
            EntityHandling = EntityHandling.ExpandEntities,
            WhitespaceHandling = WhitespaceHandling.None,
        };
        var sum = 0;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                sum += reader.LineNumber + reader.LinePosition + reader.LocalName.Length;
                if (reader.MoveToFirstAttribute())
                {
                    do
                    {
                        sum += reader.Name.Length + reader.Value.Length;
                    }
                    while (reader.MoveToNextAttribute());

                    reader.MoveToElement();
                }
            }
        }

        return sum;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LabelStudio.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("LabelStudio.slnx not found above " + AppContext.BaseDirectory);
    }
}

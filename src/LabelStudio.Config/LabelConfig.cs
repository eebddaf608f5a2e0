using System.Diagnostics.CodeAnalysis;
using LabelStudio.Config.Parsing;
using LabelStudio.Config.Validation;

namespace LabelStudio.Config;

/// <summary>
/// A parsed Label Studio labeling config: its objects, controls, labels and data keys. Parse once and share: instances are
/// immutable and safe to use from several threads, so callers that see one config repeatedly (an ML backend, per request)
/// should cache it by content.
/// </summary>
public sealed class LabelConfig
{
    private readonly IReadOnlyDictionary<string, ConfigTag> _names;
    private readonly Dictionary<string, ObjectTag> _objectsByName;
    private readonly Dictionary<string, ControlTag> _controlsByName;

    internal LabelConfig(
        string xml,
        ConfigTag root,
        List<ConfigTag> tags,
        List<ControlTag> controls,
        List<ObjectTag> objects,
        List<LabelTag> relations,
        List<DataKey> dataKeys,
        Dictionary<string, ConfigTag> names,
        EmbeddedSample? sample,
        List<ConfigDiagnostic> diagnostics)
    {
        Xml = xml;
        Root = root;
        // Read-only views: the lists cannot be changed through a cast, so a shared config stays as parsed.
        Tags = tags.AsReadOnly();
        Controls = controls.AsReadOnly();
        Objects = objects.AsReadOnly();
        RelationLabels = relations.AsReadOnly();
        DataKeys = dataKeys.AsReadOnly();
        _names = names;
        Sample = sample;
        Diagnostics = diagnostics.AsReadOnly();
        _objectsByName = new Dictionary<string, ObjectTag>(objects.Count, StringComparer.Ordinal);
        foreach (var tag in objects)
        {
            if (tag.Name is not null)
            {
                _objectsByName.TryAdd(tag.Name, tag);
            }
        }

        _controlsByName = new Dictionary<string, ControlTag>(controls.Count, StringComparer.Ordinal);
        foreach (var control in controls)
        {
            if (control.Name is not null)
            {
                _controlsByName.TryAdd(control.Name, control);
            }
        }
    }

    /// <summary>The config text as given.</summary>
    public string Xml { get; }

    /// <summary>The root element (normally <c>&lt;View&gt;</c>).</summary>
    public ConfigTag Root { get; }

    /// <summary>Every element in document order (markup inside HyperText and Style excluded).</summary>
    public IReadOnlyList<ConfigTag> Tags { get; }

    /// <summary>The control tags in document order (Chat and ReactCode included: they are objects and controls).</summary>
    public IReadOnlyList<ControlTag> Controls { get; }

    /// <summary>The object tags in document order.</summary>
    public IReadOnlyList<ObjectTag> Objects { get; }

    /// <summary>The <c>Relation</c> labels of <c>&lt;Relations&gt;</c>, used to label relations between regions.</summary>
    public IReadOnlyList<LabelTag> RelationLabels { get; }

    /// <summary>The task-data keys the config reads, in document order (a key read by two tags appears twice).</summary>
    public IReadOnlyList<DataKey> DataKeys { get; }

    /// <summary>The distinct top-level task-data keys, in order of first use.</summary>
    public IEnumerable<string> DataKeyNames => DataKeys.Select(k => k.Key).Distinct(StringComparer.Ordinal);

    /// <summary>The sample task embedded as <c>&lt;!-- { ... } --&gt;</c>, or null.</summary>
    public EmbeddedSample? Sample { get; }

    /// <summary>The warnings found while parsing (a parsed config has no errors).</summary>
    public IReadOnlyList<ConfigDiagnostic> Diagnostics { get; }

    /// <summary>Label values per control name, for controls with a vocabulary (Python's <c>labels</c>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Labels =>
        Controls.Where(c => c.Name is not null && c.Spec?.LabelTagName is not null).ToDictionary(c => c.Name!, c => c.LabelValues, StringComparer.Ordinal);

    /// <summary>Controls with <c>perRegion="true"</c>.</summary>
    public IEnumerable<ControlTag> PerRegionControls => Controls.Where(c => c.IsPerRegion);

    /// <summary>Controls shown only under a condition (whenTagName, whenLabelValue, whenChoiceValue, visibleWhen).</summary>
    public IEnumerable<ControlTag> ConditionalControls => Controls.Where(c => c.IsConditional);

    /// <summary>Parses a config; throws <see cref="LabelConfigException"/> carrying every diagnostic when it has errors.</summary>
    /// <param name="xml">The config text.</param>
    /// <param name="options">Strictness and limits; <see cref="LabelConfigOptions.Default"/> when null.</param>
    /// <exception cref="LabelConfigException">The config has at least one error.</exception>
    public static LabelConfig Parse(string xml, LabelConfigOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var (config, diagnostics) = ConfigParser.Parse(xml, options);
        if (config is null || diagnostics.Any(d => d.IsError))
        {
            throw new LabelConfigException(diagnostics);
        }

        return config;
    }

    /// <summary>Parses a config without throwing for bad input.</summary>
    /// <param name="xml">The config text.</param>
    /// <param name="config">The parsed config when there is no error; otherwise null.</param>
    /// <param name="diagnostics">Every error and warning, in document order.</param>
    /// <returns>True when the config has no error.</returns>
    public static bool TryParse(string xml, [NotNullWhen(true)] out LabelConfig? config, out IReadOnlyList<ConfigDiagnostic> diagnostics) =>
        TryParse(xml, null, out config, out diagnostics);

    /// <summary>Parses a config with options, without throwing for bad input.</summary>
    /// <param name="xml">The config text.</param>
    /// <param name="options">Strictness and limits; <see cref="LabelConfigOptions.Default"/> when null.</param>
    /// <param name="config">The parsed config when there is no error; otherwise null.</param>
    /// <param name="diagnostics">Every error and warning, in document order.</param>
    /// <returns>True when the config has no error.</returns>
    public static bool TryParse(string xml, LabelConfigOptions? options, [NotNullWhen(true)] out LabelConfig? config, out IReadOnlyList<ConfigDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var (parsed, found) = ConfigParser.Parse(xml, options);
        diagnostics = found;
        config = parsed is not null && !found.Any(d => d.IsError) ? parsed : null;
        return config is not null;
    }

    /// <summary>Checks a config and reports every problem; never throws for bad input.</summary>
    /// <param name="xml">The config text.</param>
    /// <param name="options">Strictness and limits; <see cref="LabelConfigOptions.Default"/> when null.</param>
    public static ConfigValidationResult Validate(string xml, LabelConfigOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var (_, diagnostics) = ConfigParser.Parse(xml, options);
        return new ConfigValidationResult(diagnostics);
    }

    /// <summary>Finds any named tag (object, control, Bucket, ...).</summary>
    public bool TryGetTag(string name, [NotNullWhen(true)] out ConfigTag? tag)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _names.TryGetValue(name, out tag);
    }

    /// <summary>The tag with this name.</summary>
    /// <exception cref="KeyNotFoundException">No tag has this name; the message lists the names there are.</exception>
    public ConfigTag GetTag(string name) =>
        TryGetTag(name, out var tag) ? tag : throw new KeyNotFoundException($"The config has no tag named \"{name}\". Names: {string.Join(", ", _names.Keys)}.");

    /// <summary>Finds a control by name.</summary>
    public bool TryGetControl(string name, [NotNullWhen(true)] out ControlTag? control)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _controlsByName.TryGetValue(name, out control);
    }

    /// <summary>Finds an object by name.</summary>
    public bool TryGetObject(string name, [NotNullWhen(true)] out ObjectTag? objectTag)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _objectsByName.TryGetValue(name, out objectTag);
    }

    /// <summary>The control with this name, or the only control when <paramref name="name"/> is null.</summary>
    /// <exception cref="KeyNotFoundException">No control has this name.</exception>
    /// <exception cref="InvalidOperationException">No name was given and the config has zero or several controls.</exception>
    public ControlTag GetControl(string? name = null)
    {
        if (name is null)
        {
            return Controls.Count == 1
                ? Controls[0]
                : throw new InvalidOperationException($"The config has {Controls.Count} controls; give the name of one: {string.Join(", ", Controls.Select(c => c.Name))}.");
        }

        return TryGetControl(name, out var control)
            ? control
            : throw new KeyNotFoundException($"The config has no control named \"{name}\". Controls: {string.Join(", ", Controls.Select(c => c.Name))}.");
    }

    /// <summary>The object with this name, or the only object when <paramref name="name"/> is null.</summary>
    /// <exception cref="KeyNotFoundException">No object has this name.</exception>
    /// <exception cref="InvalidOperationException">No name was given and the config has zero or several objects.</exception>
    public ObjectTag GetObject(string? name = null)
    {
        if (name is null)
        {
            return Objects.Count == 1
                ? Objects[0]
                : throw new InvalidOperationException($"The config has {Objects.Count} objects; give the name of one: {string.Join(", ", Objects.Select(o => o.Name))}.");
        }

        return TryGetObject(name, out var objectTag)
            ? objectTag
            : throw new KeyNotFoundException($"The config has no object named \"{name}\". Objects: {string.Join(", ", Objects.Select(o => o.Name))}.");
    }

    /// <summary>The controls whose toName names the given object.</summary>
    public IReadOnlyList<ControlTag> GetControlsFor(string objectName) =>
        TryGetObject(objectName, out var objectTag) ? objectTag.Controls : [];

    /// <summary>Controls of one tag type (<c>RectangleLabels</c>, ignoring case) or result type (<c>rectanglelabels</c>).</summary>
    public IEnumerable<ControlTag> FindControls(string tagOrResultType)
    {
        ArgumentNullException.ThrowIfNull(tagOrResultType);
        return Controls.Where(c => string.Equals(c.TagName, tagOrResultType, StringComparison.OrdinalIgnoreCase)
            || string.Equals(c.ResultType, tagOrResultType, StringComparison.Ordinal));
    }

    /// <summary>
    /// The first (control, object) pair where the control has the given tag type and, when given, the object too
    /// (Python's <c>get_first_tag_occurence</c>); null when there is none.
    /// </summary>
    public (ControlTag Control, ObjectTag Object)? FindFirstPair(string controlTagName, string? objectTagName = null)
    {
        foreach (var control in FindControls(controlTagName))
        {
            foreach (var objectTag in control.Objects)
            {
                if (objectTagName is null || string.Equals(objectTag.TagName, objectTagName, StringComparison.OrdinalIgnoreCase))
                {
                    return (control, objectTag);
                }
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => $"LabelConfig: {Objects.Count} object(s), {Controls.Count} control(s)";
}

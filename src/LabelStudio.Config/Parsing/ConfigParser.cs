using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using LabelStudio.Config.Tags;
using LabelStudio.Config.Validation;

namespace LabelStudio.Config.Parsing;

/// <summary>
/// Turns config text into the tag model and every diagnostic in one pass over the elements: each element is classified,
/// its attributes typed and checked, its name registered; cross-references (toName, whenTagName) are resolved by
/// dictionary afterwards. The elements come from one of two readers that feed the same calls (<see cref="AddAttribute"/>,
/// <see cref="StartElement"/>, <see cref="EndElement"/>): <see cref="FastConfigReader"/> (System.Xml's streaming reader, no
/// DOM) for the configs it reads exactly as the reference does, and <see cref="AngleSharpConfigReader"/> (the reference,
/// AngleSharp.Xml) for everything else.
/// </summary>
internal sealed class ConfigParser
{
    private const string DefaultIndexFlag = "{{idx}}";

    private readonly string _text;
    private readonly LabelConfigOptions _options;
    private readonly List<ConfigDiagnostic> _diagnostics = [];
    private Level[] _open = new Level[16];
    private int _openCount;
    private ConfigTag? _root;
    private KeyValuePair<string, string>[] _attributeBuffer = new KeyValuePair<string, string>[8];
    private int _attributeCount;
    private readonly List<ConfigTag> _filterTags = [];
    private readonly Dictionary<string, ConfigTag> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ObjectTag> _objectsByName = new(StringComparer.Ordinal);
    private readonly List<ConfigTag> _tags;
    private readonly List<ControlTag> _controls = [];
    private readonly List<ObjectTag> _objects = [];
    private readonly List<LabelTag> _relations = [];
    private readonly List<DataKey> _dataKeys = [];
    private readonly List<ConfigTag> _conditionTags = [];
    private readonly List<(string Code, DiagnosticSeverity Severity, string Message, string? Hint)> _pending = [];
    private EmbeddedSample? _sample;

    private ConfigParser(string text, LabelConfigOptions options)
    {
        _text = text;
        _options = options;

        // Every element starts with '<', so this bounds the element count and spares list regrowth on big configs.
        var estimate = text.Length <= options.MaxLength ? Math.Min(text.AsSpan().Count('<'), 1 << 20) : 0;
        _tags = new(estimate);
    }

    /// <summary>The config text as given; the model's positions and the sample comment refer to it.</summary>
    public string Text => _text;

    /// <summary>Strictness and limits, read by both readers (depth cap).</summary>
    public LabelConfigOptions Options => _options;

    /// <summary>True once the root element has been started.</summary>
    public bool HasRoot => _root is not null;

    /// <summary>True when the innermost open element is markup inside HyperText or Style, whose elements make no tags.</summary>
    public bool InOpaqueContent => _openCount > 0 && _open[_openCount - 1].Opaque;

    public static (LabelConfig? Config, IReadOnlyList<ConfigDiagnostic> Diagnostics) Parse(string text, LabelConfigOptions? options)
    {
        var outcome = Parse(text, options, ConfigParserPath.Auto);
        return (outcome.Config, outcome.Diagnostics);
    }

    /// <summary>Parses along the given path; <see cref="ConfigParserPath.Auto"/> tries the fast reader and falls back to the reference.</summary>
    public static ParseOutcome Parse(string text, LabelConfigOptions? options, ConfigParserPath path)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= LabelConfigOptions.Default;
        var parser = new ConfigParser(text, options);
        LabelConfig? config = null;
        var usedFastPath = false;
        if (parser.Precheck())
        {
            if (path != ConfigParserPath.ReferenceOnly && FastConfigReader.TryRead(parser))
            {
                usedFastPath = true;
                config = parser.Complete();
            }
            else if (path == ConfigParserPath.FastOnly)
            {
                return new ParseOutcome(null, [], UsedFastPath: false);
            }
            else
            {
                // The fast reader may have got part-way: start from a clean model so nothing it built leaks into the result.
                parser = new ConfigParser(text, options);
                config = AngleSharpConfigReader.Read(parser) ? parser.Complete() : null;
            }
        }

        var diagnostics = parser._diagnostics;
        diagnostics.Sort(static (a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column));
        return new ParseOutcome(config, diagnostics, usedFastPath);
    }

    /// <summary>The checks made before any XML parser sees the text: size cap, empty input, DTDs. False when one failed.</summary>
    private bool Precheck()
    {
        if (_text.Length > _options.MaxLength)
        {
            Report(DiagnosticCodes.InputTooLarge, DiagnosticSeverity.Error, 0, 0, string.Empty,
                $"the config is {_text.Length.ToString(CultureInfo.InvariantCulture)} characters long; the limit is {_options.MaxLength.ToString(CultureInfo.InvariantCulture)}",
                "raise LabelConfigOptions.MaxLength if such a config is expected");
            return false;
        }

        if (string.IsNullOrWhiteSpace(_text))
        {
            Report(DiagnosticCodes.MalformedXml, DiagnosticSeverity.Error, 1, 1, string.Empty, "the config is empty", "a labeling config is XML such as <View>...</View>");
            return false;
        }

        var doctype = Prescan.FindDoctype(_text);
        if (doctype >= 0)
        {
            var (line, column) = Prescan.PositionOf(_text, doctype);
            Report(DiagnosticCodes.DoctypeForbidden, DiagnosticSeverity.Error, line, column, string.Empty,
                "DTDs (<!DOCTYPE ...>) are forbidden in labeling configs; Label Studio's server rejects them and entity declarations can expand without bound",
                "remove the <!DOCTYPE ...> declaration");
            return false;
        }

        return true;
    }

    /// <summary>Reports that the document has no root element, replacing whatever was reported before.</summary>
    public void ReportNoRoot()
    {
        _diagnostics.Clear();
        Report(DiagnosticCodes.MalformedXml, DiagnosticSeverity.Error, 1, 1, string.Empty, "the config has no root element", "a labeling config is XML such as <View>...</View>");
    }

    /// <summary>Reports a syntax error alone: whatever the elements before it produced is moot.</summary>
    public void ReportSyntaxError(string code, int line, int column, string message, string? hint)
    {
        _diagnostics.Clear();
        Report(code, DiagnosticSeverity.Error, line, column, string.Empty, message, hint);
    }

    /// <summary>The tags whose text content the model keeps (<see cref="ConfigTag.Text"/>).</summary>
    public static bool KeepsText(ConfigTag tag) => tag.Spec is { Name: "Header" or "Style" or "HyperText" };

    /// <summary>Finishes the model once every element has been read: children, vocabularies, references, sample.</summary>
    public LabelConfig Complete()
    {
        // Children and vocabularies go into arrays of the size counted during the parse; _tags is in document order.
        foreach (var tag in _tags)
        {
            tag.Parent?.PlaceChild(tag);
            if (tag is LabelTag { Control: { } control } label && !control.PlaceLabel(label) && !control.HasNestedLabels)
            {
                ReportDuplicateLabel(control, label);
            }
        }

        ResolveReferences();
        ReadSampleComment();
        return new LabelConfig(_text, _root!, _tags, _controls, _objects, _relations, _dataKeys, _names, _sample, _diagnostics);
    }

    private readonly record struct Frame(ConfigTag? Parent, ControlTag? Control, LabelTag? Label, ConfigTag? Repeater, int SiblingIndex);

    /// <summary>One open element: the context its children inherit. A struct in an array, so leaves cost no allocation.</summary>
    private struct Level
    {
        public ConfigTag? Tag;
        public ControlTag? Control;
        public LabelTag? Label;
        public ConfigTag? Repeater;
        public bool Opaque;

        /// <summary>Same-named sibling counts (for paths); created with the first child, most parents have few distinct child tags.</summary>
        public List<(string Name, int Count)>? Counters;

        /// <summary>1-based position among same-named siblings.</summary>
        public int CountSibling(string name)
        {
            Counters ??= [];
            for (var c = 0; c < Counters.Count; c++)
            {
                if (string.Equals(Counters[c].Name, name, StringComparison.Ordinal))
                {
                    var next = Counters[c].Count + 1;
                    Counters[c] = (name, next);
                    return next;
                }
            }

            Counters.Add((name, 1));
            return 1;
        }
    }

    /// <summary>Adds an attribute of the element that the next <see cref="StartElement"/> starts, in document order.</summary>
    public void AddAttribute(string name, string value)
    {
        if (_attributeCount == _attributeBuffer.Length)
        {
            Array.Resize(ref _attributeBuffer, _attributeBuffer.Length * 2);
        }

        _attributeBuffer[_attributeCount++] = new KeyValuePair<string, string>(name, value);
    }

    /// <summary>
    /// Starts an element whose attributes were just added; its children follow until <see cref="EndElement"/>.
    /// Returns its tag, or null for markup inside HyperText or Style (not config: it inherits the container's context).
    /// </summary>
    public ConfigTag? StartElement(string name, int line, int column)
    {
        var attributeCount = _attributeCount;
        _attributeCount = 0;
        if (_openCount == _open.Length)
        {
            Array.Resize(ref _open, _open.Length * 2);
        }

        if (_openCount > 0 && _open[_openCount - 1].Opaque)
        {
            _open[_openCount] = _open[_openCount - 1];
            _openCount++;
            return null;
        }

        Frame frame;
        if (_openCount == 0)
        {
            frame = new Frame(null, null, null, null, 1);
        }
        else
        {
            ref var level = ref _open[_openCount - 1];
            frame = new Frame(level.Tag, level.Control, level.Label, level.Repeater, level.CountSibling(name));
        }

        var tag = CreateTag(name, Math.Max(1, line), Math.Max(1, column), attributeCount, frame);
        _root ??= tag;
        _open[_openCount++] = new Level
        {
            Tag = tag,
            Control = tag as ControlTag ?? frame.Control,
            Label = tag as LabelTag ?? (tag is ControlTag ? null : frame.Label),
            Repeater = string.Equals(tag.TagName, "Repeater", StringComparison.Ordinal) ? tag : frame.Repeater,
            Opaque = tag.Spec?.HasOpaqueContent ?? false,
        };
        return tag;
    }

    /// <summary>Ends the innermost open element.</summary>
    public void EndElement() => _open[--_openCount] = default;

    private ConfigTag CreateTag(string writtenName, int line, int column, int attributeCount, in Frame frame)
    {
        TagCatalog.TryGet(writtenName, out var spec);
        _pending.Clear();
        var attributes = ReadAttributes(writtenName, spec, attributeCount);

        ConfigTag tag;
        var category = spec is null ? ClassifyUnknown(attributes) : spec.Category;
        if (spec is { IsSelfReferencing: true })
        {
            category = TagCategory.Control;
        }

        switch (category)
        {
            case TagCategory.Object:
                var objectTag = new ObjectTag(writtenName, spec, frame.Parent, line, column, attributes);
                _objects.Add(objectTag);
                tag = objectTag;
                break;
            case TagCategory.Control:
                var control = new ControlTag(writtenName, spec, frame.Parent, line, column, attributes);
                _controls.Add(control);
                tag = control;
                if (spec is { IsSelfReferencing: true })
                {
                    // Chat and ReactCode show data and produce results: the object twin carries the data side.
                    var twin = new ObjectTag(writtenName, spec, frame.Parent, line, column, attributes) { Repeater = frame.Repeater };
                    twin.SiblingIndex = frame.SiblingIndex;
                    _objects.Add(twin);
                }

                break;
            case TagCategory.Label:
                var label = new LabelTag(writtenName, spec, frame.Parent, line, column, attributes);
                tag = label;
                break;
            default:
                tag = new ConfigTag(writtenName, spec, frame.Parent, line, column, attributes);
                break;
        }

        tag.SiblingIndex = frame.SiblingIndex;
        tag.Repeater = frame.Repeater;
        frame.Parent?.CountChild();
        _tags.Add(tag);
        foreach (var (code, severity, message, hint) in _pending)
        {
            Report(code, severity, tag, message, hint);
        }

        if (spec is null)
        {
            var suggestion = Suggestions.Closest(writtenName, TagCatalog.All.Select(s => s.Name));
            Report(DiagnosticCodes.UnknownTag, _options.UnknownTagSeverity, tag,
                $"<{writtenName}> is not a Label Studio tag",
                suggestion is null ? "check the tag list in the Label Studio documentation" : $"did you mean <{suggestion}>?");
        }
        else if (!string.Equals(writtenName, spec.Name, StringComparison.Ordinal))
        {
            Report(DiagnosticCodes.TagNameCase, DiagnosticSeverity.Warning, tag,
                $"<{writtenName}> is written in a different case than <{spec.Name}>; Label Studio matches tag names ignoring case but Python tools do not",
                $"write <{spec.Name}>");
        }

        CheckTag(tag, frame);
        return tag;
    }

    private static TagCategory ClassifyUnknown(KeyValuePair<string, string>[] attributes)
    {
        // As Python does for tags it does not know: name + toName is a control, name + value an object.
        if (AttributeMap.Find(attributes, "name") is null)
        {
            return TagCategory.Unknown;
        }

        if (AttributeMap.Find(attributes, "toName") is not null)
        {
            return TagCategory.Control;
        }

        return AttributeMap.Find(attributes, "value") is not null || AttributeMap.Find(attributes, "valueList") is not null ? TagCategory.Object : TagCategory.Unknown;
    }

    private KeyValuePair<string, string>[] ReadAttributes(string elementName, TagSpec? spec, int sourceCount)
    {
        if (sourceCount == 0)
        {
            return [];
        }

        var items = new KeyValuePair<string, string>[sourceCount];
        var count = 0;
        for (var i = 0; i < sourceCount; i++)
        {
            var (written, value) = _attributeBuffer[i];
            var key = written;
            if (spec is not null && spec.Attributes.TryGetValue(written, out var attributeSpec))
            {
                key = attributeSpec.Name;
                if (!string.Equals(written, attributeSpec.Name, StringComparison.Ordinal))
                {
                    var serverChecked = spec.ServerCheckedAttributes.Contains(attributeSpec.Name, StringComparer.Ordinal);
                    Pend(DiagnosticCodes.AttributeNameCase, serverChecked ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
                        serverChecked
                            ? $"<{spec.Name}> attribute '{written}' must be written '{attributeSpec.Name}': Label Studio's server matches it case-sensitively and rejects the config"
                            : $"<{spec.Name}> attribute '{written}' is written in a different case than '{attributeSpec.Name}'; the editor accepts it, Python tools do not",
                        $"write {attributeSpec.Name}=\"...\"");
                }

                CheckValue(spec, attributeSpec, value);
            }
            else if (spec is not null && !written.Contains(':', StringComparison.Ordinal))
            {
                var suggestion = Suggestions.Closest(written, spec.Attributes.Keys);
                if (suggestion is not null)
                {
                    Pend(DiagnosticCodes.UnknownAttribute, DiagnosticSeverity.Warning,
                        $"<{spec.Name}> has no attribute '{written}'; it is kept but Label Studio ignores it",
                        $"did you mean '{suggestion}'?");
                }
            }

            var duplicate = false;
            for (var j = 0; j < count; j++)
            {
                duplicate |= string.Equals(items[j].Key, key, StringComparison.OrdinalIgnoreCase);
            }

            if (!duplicate)
            {
                items[count++] = new KeyValuePair<string, string>(key, value);
            }
            else
            {
                Pend(DiagnosticCodes.DuplicateAttribute, DiagnosticSeverity.Warning,
                    $"<{elementName}> has attribute '{key}' twice (as '{written}' too); the first one is used", $"remove '{written}'");
            }
        }

        if (count < items.Length)
        {
            Array.Resize(ref items, count);
        }

        return items;
    }

    private void CheckValue(TagSpec spec, AttributeSpec attribute, string value)
    {
        if (value.StartsWith('$'))
        {
            // Label Studio fills $key attribute values from task data; their type is only known at run time.
            return;
        }

        switch (attribute.Kind)
        {
            case AttributeKind.Boolean:
                if (!bool.TryParse(value.AsSpan().Trim(), out _))
                {
                    Pend(DiagnosticCodes.InvalidBoolean, DiagnosticSeverity.Error,
                        $"<{spec.Name}> attribute {attribute.Name}=\"{value}\" has invalid type: expected true or false", $"write {attribute.Name}=\"true\" or {attribute.Name}=\"false\"");
                }

                break;
            case AttributeKind.Enum:
                if (!attribute.AllowedValues.Contains(value, StringComparer.Ordinal))
                {
                    var suggestion = Suggestions.Closest(value, attribute.AllowedValues);
                    Pend(DiagnosticCodes.InvalidEnumValue, DiagnosticSeverity.Error,
                        $"<{spec.Name}> attribute {attribute.Name}=\"{value}\" has invalid value; valid values are {string.Join(", ", attribute.AllowedValues)}",
                        suggestion is null ? null : $"did you mean \"{suggestion}\"?");
                }

                break;
            case AttributeKind.Number:
            case AttributeKind.Integer:
                var style = attribute.Kind == AttributeKind.Integer ? NumberStyles.Integer : NumberStyles.Float;
                if (!double.TryParse(value, style, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
                {
                    Pend(DiagnosticCodes.InvalidNumber, DiagnosticSeverity.Error,
                        $"<{spec.Name}> attribute {attribute.Name} must be {(attribute.Kind == AttributeKind.Integer ? "a whole number" : "a number")}, got \"{value}\"");
                }
                else if ((attribute.Minimum is { } min && number < min) || (attribute.Maximum is { } max && number > max))
                {
                    var range = attribute.Maximum is null
                        ? $"at least {attribute.Minimum!.Value.ToString(CultureInfo.InvariantCulture)}"
                        : $"between {(attribute.Minimum ?? double.MinValue).ToString(CultureInfo.InvariantCulture)} and {attribute.Maximum.Value.ToString(CultureInfo.InvariantCulture)}";
                    Pend(DiagnosticCodes.InvalidNumber, DiagnosticSeverity.Error,
                        $"<{spec.Name}> attribute {attribute.Name} must be {range}, got {value}");
                }

                break;
            default:
                break;
        }
    }

    private void CheckTag(ConfigTag tag, in Frame frame)
    {
        var spec = tag.Spec;
        var category = tag switch
        {
            ControlTag => TagCategory.Control,
            ObjectTag => TagCategory.Object,
            LabelTag => TagCategory.Label,
            _ => spec?.Category ?? TagCategory.Unknown,
        };

        if (tag.Name is { } name)
        {
            RegisterName(tag, name);
        }
        else if (category is TagCategory.Object or TagCategory.Control)
        {
            Report(DiagnosticCodes.MissingName, DiagnosticSeverity.Error, tag,
                $"<{tag.TagName}> has no name; every {(category == TagCategory.Object ? "object" : "control")} tag needs a unique name",
                $"add name=\"...\" to <{tag.TagName}>");
        }

        if (spec?.RequiredAncestors is { } ancestors && !HasAncestor(tag, spec))
        {
            Report(DiagnosticCodes.MisplacedTag, DiagnosticSeverity.Error, tag,
                $"<{tag.TagName}> must be inside one of: {string.Join(", ", ancestors)}",
                $"move <{tag.TagName}> inside <{ancestors[0]}>");
        }

        if (tag.HasAttribute("whenTagName"))
        {
            _conditionTags.Add(tag);
        }

        if (tag is not ControlTag && spec is { Name: "Filter" } && tag.HasAttribute("toName"))
        {
            _filterTags.Add(tag);
        }

        switch (tag)
        {
            case ControlTag control:
                CheckControl(control);
                break;
            case ObjectTag objectTag:
                CheckObject(objectTag);
                break;
            case LabelTag label:
                AttachLabel(label, frame);
                break;
            default:
                break;
        }

        if (spec is { Name: "Repeater" })
        {
            var on = tag.GetAttribute("on");
            if (on is null || DataKeys.KeyOf(on) is not { } key)
            {
                Report(DiagnosticCodes.RepeaterWithoutList, DiagnosticSeverity.Error, tag, "<Repeater> needs on=\"$list\" naming the task-data list to repeat over", "add on=\"$pages\"");
            }
            else
            {
                _dataKeys.Add(new DataKey(key, on[1..], DataKeyKind.RepeaterList, tag, "on"));
            }
        }
        else if (category is TagCategory.Visual or TagCategory.Unknown && tag.GetAttribute("value") is { } value && DataKeys.KeyOf(value) is { } key)
        {
            _dataKeys.Add(new DataKey(key, value[1..], DataKeyKind.Other, tag, "value"));
        }
    }

    private static bool HasAncestor(ConfigTag tag, TagSpec spec)
    {
        for (var parent = tag.Parent; parent is not null; parent = parent.Parent)
        {
            if (spec.IsAllowedAncestor(parent.TagName))
            {
                return true;
            }
        }

        return false;
    }

    private void RegisterName(ConfigTag tag, string name)
    {
        if (IsNumberOrBoolean(name))
        {
            Report(DiagnosticCodes.NonStringName, DiagnosticSeverity.Error, tag,
                $"<{tag.TagName}> name=\"{name}\" is a number or boolean; Label Studio's server reads it as such and rejects it (name is not of type 'string')",
                $"use a name that starts with a letter, such as \"{tag.TagName.ToLowerInvariant()}_{name}\"");
        }

        if (tag.Repeater is { } repeater)
        {
            var flag = repeater.GetAttribute("indexFlag") ?? DefaultIndexFlag;
            if (!name.Contains(flag, StringComparison.Ordinal))
            {
                Report(DiagnosticCodes.RepeaterNameNotIndexed, DiagnosticSeverity.Error, tag,
                    $"<{tag.TagName}> name=\"{name}\" is inside a Repeater but does not contain {flag}, so every repetition gets the same name",
                    $"write name=\"{name}_{flag}\"");
            }
        }

        if (!_names.TryAdd(name, tag))
        {
            var first = _names[name];
            Report(DiagnosticCodes.DuplicateName, DiagnosticSeverity.Error, tag,
                $"Label config contains non-unique names: <{tag.TagName}> name=\"{name}\" is already used by <{first.TagName}> at line {first.Line.ToString(CultureInfo.InvariantCulture)}",
                "give every tag its own name");
        }
    }

    private static bool IsNumberOrBoolean(string name) =>
        bool.TryParse(name, out _) || double.TryParse(name, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private void CheckControl(ControlTag control)
    {
        var spec = control.Spec;
        if (control.GetAttribute("toName") is null && !control.IsSelfReferencing)
        {
            var serverChecked = spec is not null && spec.ServerCheckedAttributes.Contains("toName", StringComparer.Ordinal);
            Report(DiagnosticCodes.MissingToName, serverChecked ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, control,
                serverChecked
                    ? $"<{control.TagName} name=\"{control.Name}\"> has no toName; Label Studio's server requires it"
                    : $"<{control.TagName} name=\"{control.Name}\"> has no toName, so it is linked to no object and Python tools do not treat it as a control",
                "add toName=\"...\" naming the object it annotates");
        }

        if (control.IsPerRegion && control.IsPerItem)
        {
            Report(DiagnosticCodes.PerRegionWithPerItem, DiagnosticSeverity.Error, control,
                $"<{control.TagName} name=\"{control.Name}\">: attribute perItem is incompatible with attribute perRegion", "keep only one of perRegion and perItem");
        }

        if (control.DynamicLabelsKey is { } key)
        {
            _dataKeys.Add(new DataKey(key, control.GetAttribute("value")![1..], DataKeyKind.DynamicLabels, control, "value"));
        }

        if (control.IsSelfReferencing && control.GetAttribute("value") is { } value && DataKeys.KeyOf(value) is { } dataKey)
        {
            _dataKeys.Add(new DataKey(dataKey, value[1..], DataKeyKind.ObjectValue, control, "value"));
        }
    }

    private void CheckObject(ObjectTag tag)
    {
        if (tag.Value is null && tag.ValueList is null)
        {
            Report(DiagnosticCodes.MissingValue, DiagnosticSeverity.Error, tag,
                $"<{tag.TagName} name=\"{tag.Name}\"> has no value or valueList, so it has no data to show",
                $"add value=\"${tag.Name ?? "data"}\" naming the task-data key");
        }

        if (tag.DataKey is { } key)
        {
            var isList = tag.ValueList is not null;
            var expression = (isList ? tag.ValueList : tag.Value)!;
            _dataKeys.Add(new DataKey(key, expression[1..], isList ? DataKeyKind.ObjectValueList : DataKeyKind.ObjectValue, tag, isList ? "valueList" : "value"));
        }

        if (tag.GetAttribute("audioUrl") is { } audio && DataKeys.KeyOf(audio) is { } audioKey)
        {
            _dataKeys.Add(new DataKey(audioKey, audio[1..], DataKeyKind.Other, tag, "audioUrl"));
        }

        if (tag.Spec is { Name: "Video" })
        {
            var defaultSpeed = tag.GetNumber("defaultPlaybackSpeed");
            var minSpeed = tag.GetNumber("minPlaybackSpeed");
            if (defaultSpeed is { } d && minSpeed is { } m && m > d)
            {
                Report(DiagnosticCodes.InvalidNumber, DiagnosticSeverity.Error, tag,
                    $"Video tag \"{tag.Name}\": minPlaybackSpeed ({m.ToString(CultureInfo.InvariantCulture)}) must not exceed defaultPlaybackSpeed ({d.ToString(CultureInfo.InvariantCulture)})");
            }
        }
    }

    private void AttachLabel(LabelTag label, in Frame frame)
    {
        if (label.Value is null)
        {
            Report(DiagnosticCodes.MissingValue, DiagnosticSeverity.Error, label,
                $"<{label.TagName}> has no value; Label Studio's server requires 'value' on every {label.TagName}",
                $"add value=\"...\" to <{label.TagName}>{(label.Alias is null ? string.Empty : " (alias only renames it in results)")}");
        }

        if (string.Equals(label.TagName, "Relation", StringComparison.Ordinal))
        {
            _relations.Add(label);
            return;
        }

        if (frame.Control is { } control)
        {
            label.Control = control;
            control.CountLabel();
            if (frame.Label is { } parentLabel && parentLabel.Control == control)
            {
                label.ParentLabel = parentLabel;
                control.HasNestedLabels = true;
                parentLabel.AddChildLabel(label);
            }
        }
    }

    private void ResolveReferences()
    {
        foreach (var control in _controls)
        {
            ResolveControl(control);
        }

        foreach (var tag in _filterTags)
        {
            foreach (var name in ControlTag.SplitNames(tag.GetAttribute("toName")!))
            {
                if (!_names.ContainsKey(name))
                {
                    ReportUnknownName(tag, "toName", name);
                }
            }
        }

        foreach (var tag in _conditionTags)
        {
            foreach (var name in ControlTag.SplitNames(tag.GetAttribute("whenTagName")!))
            {
                if (!_names.ContainsKey(name))
                {
                    var suggestion = Suggestions.Closest(name, _names.Keys);
                    Report(DiagnosticCodes.UnknownConditionTag, DiagnosticSeverity.Error, tag,
                        $"<{tag.TagName}> whenTagName=\"{name}\" names no tag",
                        suggestion is null ? null : $"did you mean \"{suggestion}\"?");
                }
            }
        }
    }

    private void ResolveControl(ControlTag control)
    {
        if (control.IsSelfReferencing && control.ToNames.Count == 0)
        {
            LinkSelf(control);
        }

        foreach (var name in control.ToNames)
        {
            if (!_names.TryGetValue(name, out var target))
            {
                ReportUnknownName(control, "toName", name);
                continue;
            }

            if (target == control && control.IsSelfReferencing)
            {
                LinkSelf(control);
                continue;
            }

            var targetObject = target as ObjectTag ?? (target is ControlTag { IsSelfReferencing: true } ? FindTwin(target) : null);
            if (targetObject is null)
            {
                Report(DiagnosticCodes.UncontrollableTarget, DiagnosticSeverity.Error, control,
                    $"<{control.TagName} name=\"{control.Name}\"> toName=\"{name}\" names <{target.TagName}>, which is not an object tag",
                    "toName must name an object tag such as <Image> or <Text>");
                continue;
            }

            if (control.Spec?.ControllableTags is { } allowed && !allowed.Contains(targetObject.TagName, StringComparer.OrdinalIgnoreCase))
            {
                Report(DiagnosticCodes.UncontrollableTarget, DiagnosticSeverity.Error, control,
                    $"<{control.TagName} name=\"{control.Name}\"> can only control {string.Join(", ", allowed)}, but toName=\"{name}\" is <{targetObject.TagName}>",
                    $"point toName at an <{allowed[0]}>, or use a control made for <{targetObject.TagName}>");
                continue;
            }

            control.AddObject(targetObject);
            targetObject.AddControl(control);
        }

        if (control.Spec is { LabelTagName: { } labelTag } spec && !control.IsDynamic)
        {
            var serverChecked = spec.ServerCheckedAttributes.Contains("toName", StringComparer.Ordinal);
            if (serverChecked && !control.HasAttribute("value"))
            {
                // The server's schema matches child tags case-sensitively: <choice> does not count.
                var exact = control.Labels.Any(l => string.Equals(l.WrittenName, labelTag, StringComparison.Ordinal));
                if (!exact)
                {
                    Report(DiagnosticCodes.NoLabels, DiagnosticSeverity.Error, control,
                        control.Labels.Count == 0
                            ? $"<{control.TagName} name=\"{control.Name}\"> has no <{labelTag}> children and no dynamic value=\"$field\""
                            : $"<{control.TagName} name=\"{control.Name}\"> has no <{labelTag}> children spelled in that case; Label Studio's server requires '{labelTag}'",
                        $"add <{labelTag} value=\"...\"/> children, or value=\"$field\" for labels from task data");
                }
            }
            else if (spec.RequiresLabels && control.Labels.Count == 0)
            {
                Report(DiagnosticCodes.NoLabels, DiagnosticSeverity.Error, control,
                    $"<{control.TagName} name=\"{control.Name}\"> defines no labels, so nothing can be annotated with it",
                    $"add <{labelTag} value=\"...\"/> children, or value=\"$field\" for labels from task data");
            }
        }

        if (control.HasNestedLabels)
        {
            CheckNestedDuplicates(control);
        }
    }

    private ObjectTag? FindTwin(ConfigTag control)
    {
        foreach (var candidate in _objects)
        {
            if (candidate.Line == control.Line && candidate.Column == control.Column && candidate.Name == control.Name)
            {
                return candidate;
            }
        }

        return null;
    }

    private void LinkSelf(ControlTag control)
    {
        if (FindTwin(control) is { } twin && !control.Objects.Contains(twin))
        {
            control.AddObject(twin);
            twin.AddControl(control);
        }
    }

    /// <summary>For nested vocabularies (Taxonomy), duplicates among siblings: a value may repeat under two parents.</summary>
    private void CheckNestedDuplicates(ControlTag control)
    {
        var labels = control.Labels;
        var siblings = new HashSet<(LabelTag? Parent, string Value)>(labels.Count, SiblingValueComparer.Instance);
        foreach (var label in labels)
        {
            if (label.ResultValue is { } value && !siblings.Add((label.ParentLabel, value)))
            {
                ReportDuplicateLabel(control, label);
            }
        }
    }

    private void ReportDuplicateLabel(ControlTag control, LabelTag label) =>
        Report(DiagnosticCodes.DuplicateLabelValue, DiagnosticSeverity.Warning, label,
            $"<{control.TagName} name=\"{control.Name}\"> has the value \"{label.ResultValue}\" twice; results cannot tell them apart",
            "remove the duplicate or give it another value");

    /// <summary>(parent label by reference, value by ordinal) without the generic tuple comparer's per-item dispatch.</summary>
    private sealed class SiblingValueComparer : IEqualityComparer<(LabelTag? Parent, string Value)>
    {
        public static readonly SiblingValueComparer Instance = new();

        public bool Equals((LabelTag? Parent, string Value) x, (LabelTag? Parent, string Value) y) =>
            ReferenceEquals(x.Parent, y.Parent) && string.Equals(x.Value, y.Value, StringComparison.Ordinal);

        public int GetHashCode((LabelTag? Parent, string Value) obj) =>
            HashCode.Combine(obj.Parent is null ? 0 : RuntimeHelpers.GetHashCode(obj.Parent), StringComparer.Ordinal.GetHashCode(obj.Value));
    }

    private void ReportUnknownName(ConfigTag tag, string attribute, string name)
    {
        var suggestion = Suggestions.Closest(name, _names.Keys);
        var known = string.Join(", ", _names.Keys.Order(StringComparer.Ordinal).Take(20));
        Report(DiagnosticCodes.UnknownToName, DiagnosticSeverity.Error, tag,
            $"<{tag.TagName} name=\"{tag.Name}\"> {attribute}=\"{name}\" not found in names: [{known}]",
            suggestion is null ? "names are case-sensitive" : $"did you mean \"{suggestion}\"?");
    }

    private void ReadSampleComment()
    {
        // Read from the source text: AngleSharp.Xml drops single '-' characters from comment data, which would corrupt URLs.
        var index = 0;
        while ((index = _text.IndexOf("<!--", index, StringComparison.Ordinal)) >= 0)
        {
            var end = _text.IndexOf("-->", index + 4, StringComparison.Ordinal);
            if (end < 0)
            {
                return;
            }

            var data = _text.AsSpan(index + 4, end - index - 4);
            var trimmed = data.TrimStart();
            if (!trimmed.IsEmpty && trimmed[0] == '{')
            {
                var (line, column) = Prescan.PositionOf(_text, index);
                try
                {
                    using var document = JsonDocument.Parse(data.ToString(), new JsonDocumentOptions { AllowTrailingCommas = true, MaxDepth = 64 });
                    _sample = new EmbeddedSample(document.RootElement.Clone(), line);
                }
                catch (JsonException exception)
                {
                    Report(DiagnosticCodes.InvalidSampleData, DiagnosticSeverity.Warning, line, column, string.Empty,
                        $"the sample-data comment is not valid JSON: {exception.Message}", "fix the JSON or turn the comment into plain text");
                }

                return;
            }

            index = end + 3;
        }
    }

    private void Report(string code, DiagnosticSeverity severity, ConfigTag tag, string message, string? hint = null) =>
        _diagnostics.Add(new ConfigDiagnostic(code, severity, tag.Line, tag.Column, tag.Path, message, hint));

    private void Pend(string code, DiagnosticSeverity severity, string message, string? hint = null) => _pending.Add((code, severity, message, hint));

    public void Report(string code, DiagnosticSeverity severity, int line, int column, string path, string message, string? hint = null) =>
        _diagnostics.Add(new ConfigDiagnostic(code, severity, line, column, path, message, hint));
}

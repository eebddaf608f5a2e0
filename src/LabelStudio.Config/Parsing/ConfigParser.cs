using System.Globalization;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Text;
using AngleSharp.Xml.Parser;
using LabelStudio.Config.Tags;
using LabelStudio.Config.Validation;

namespace LabelStudio.Config.Parsing;

/// <summary>
/// Turns config text into the tag model and every diagnostic in one pass over the DOM: each element is classified,
/// its attributes typed and checked, its name registered; cross-references (toName, whenTagName) are resolved by
/// dictionary afterwards.
/// </summary>
internal sealed class ConfigParser
{
    private const string DefaultIndexFlag = "{{idx}}";

    private readonly string _text;
    private readonly LabelConfigOptions _options;
    private readonly List<ConfigDiagnostic> _diagnostics = [];
    private readonly List<(IElement Element, TextPosition Position)> _positions;
    private Dictionary<IElement, TextPosition>? _positionsByElement;
    private int _nextPosition;
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
        _positions = new(estimate);
        _tags = new(estimate);
    }

    public static (LabelConfig? Config, IReadOnlyList<ConfigDiagnostic> Diagnostics) Parse(string text, LabelConfigOptions? options)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new ConfigParser(text, options ?? LabelConfigOptions.Default);
        var config = parser.Run();
        var diagnostics = parser._diagnostics;
        diagnostics.Sort(static (a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column));
        return (config, diagnostics);
    }

    private LabelConfig? Run()
    {
        if (_text.Length > _options.MaxLength)
        {
            Report(DiagnosticCodes.InputTooLarge, DiagnosticSeverity.Error, 0, 0, string.Empty,
                $"the config is {_text.Length.ToString(CultureInfo.InvariantCulture)} characters long; the limit is {_options.MaxLength.ToString(CultureInfo.InvariantCulture)}",
                "raise LabelConfigOptions.MaxLength if such a config is expected");
            return null;
        }

        if (string.IsNullOrWhiteSpace(_text))
        {
            Report(DiagnosticCodes.MalformedXml, DiagnosticSeverity.Error, 1, 1, string.Empty, "the config is empty", "a labeling config is XML such as <View>...</View>");
            return null;
        }

        var doctype = Prescan.FindDoctype(_text);
        if (doctype >= 0)
        {
            var (line, column) = Prescan.PositionOf(_text, doctype);
            Report(DiagnosticCodes.DoctypeForbidden, DiagnosticSeverity.Error, line, column, string.Empty,
                "DTDs (<!DOCTYPE ...>) are forbidden in labeling configs; Label Studio's server rejects them and entity declarations can expand without bound",
                "remove the <!DOCTYPE ...> declaration");
            return null;
        }

        IDocument document;
        try
        {
            var parser = new XmlParser(new XmlParserOptions
            {
                IsSuppressingErrors = false,
                MaximumDepth = Math.Max(1, _options.MaxDepth),
                MaxCharactersFromEntities = 1,
                OnCreated = (element, position) => _positions.Add((element, position)),
            });
            document = parser.ParseDocument(_text);
        }
        catch (XmlParseException exception)
        {
            ReportSyntaxError(exception);
            return null;
        }

        if (document.DocumentElement is null)
        {
            Report(DiagnosticCodes.MalformedXml, DiagnosticSeverity.Error, 1, 1, string.Empty, "the config has no root element", "a labeling config is XML such as <View>...</View>");
            return null;
        }

        var root = Walk(document);
        if (root is null)
        {
            return null;
        }

        ResolveReferences();
        ReadSampleComment();
        return new LabelConfig(_text, root, _tags, _controls, _objects, _relations, _dataKeys, _names, _sample, _diagnostics);
    }

    private void ReportSyntaxError(XmlParseException exception)
    {
        var position = exception.Position;
        var line = Math.Max(1, position.Line);
        var column = Math.Max(1, position.Column);
        if (exception.Code == XmlErrors.MaximumDepthExceeded)
        {
            Report(DiagnosticCodes.NestingTooDeep, DiagnosticSeverity.Error, line, column, string.Empty,
                $"elements are nested deeper than {_options.MaxDepth.ToString(CultureInfo.InvariantCulture)} levels",
                "raise LabelConfigOptions.MaxDepth if such a config is expected");
            return;
        }

        var index = position.Position > 0 ? position.Position - 1 : 0;
        var (message, hint) = XmlErrors.Describe(exception.Code, _text, index);
        Report(DiagnosticCodes.MalformedXml, DiagnosticSeverity.Error, line, column, string.Empty, message, hint);
    }

    private readonly record struct Frame(ConfigTag? Parent, ControlTag? Control, LabelTag? Label, ConfigTag? Repeater, int SiblingIndex);

    /// <summary>One open element during the walk: its children, the next one to visit and the context they inherit.</summary>
    private sealed class Level(INodeList children, ConfigTag? parent, ControlTag? control, LabelTag? label, ConfigTag? repeater, bool opaque)
    {
        public INodeList Children { get; } = children;

        public int Next { get; set; }

        public ConfigTag? Parent { get; } = parent;

        public ControlTag? Control { get; } = control;

        public LabelTag? Label { get; } = label;

        public ConfigTag? Repeater { get; } = repeater;

        public bool Opaque { get; } = opaque;

        private List<(string Name, int Count)>? _counters;

        /// <summary>1-based position among same-named siblings (for paths); most parents have few distinct child tags.</summary>
        public int CountSibling(string name)
        {
            _counters ??= [];
            for (var c = 0; c < _counters.Count; c++)
            {
                if (string.Equals(_counters[c].Name, name, StringComparison.Ordinal))
                {
                    var next = _counters[c].Count + 1;
                    _counters[c] = (name, next);
                    return next;
                }
            }

            _counters.Add((name, 1));
            return 1;
        }
    }

    private ConfigTag? Walk(IDocument document)
    {
        // Iterative pre-order walk, one Level per open element: memory grows with depth, not with sibling count.
        ConfigTag? root = null;
        var levels = new Stack<Level>();
        levels.Push(new Level(document.ChildNodes, null, null, null, null, opaque: false));
        while (levels.Count > 0)
        {
            var level = levels.Peek();
            if (level.Next >= level.Children.Length)
            {
                levels.Pop();
                continue;
            }

            if (level.Children[level.Next++] is not IElement element)
            {
                continue;
            }

            if (level.Opaque)
            {
                // Markup inside HyperText or Style is not config; walk it only to keep element positions in step.
                TakePosition(element);
                if (element.ChildElementCount > 0)
                {
                    levels.Push(new Level(element.ChildNodes, level.Parent, level.Control, level.Label, level.Repeater, opaque: true));
                }

                continue;
            }

            var frame = new Frame(level.Parent, level.Control, level.Label, level.Repeater, level.CountSibling(element.LocalName));
            var tag = CreateTag(element, frame);
            root ??= tag;
            if (element.ChildElementCount > 0)
            {
                var control = tag as ControlTag ?? frame.Control;
                var label = tag as LabelTag ?? (tag is ControlTag ? null : frame.Label);
                var repeater = string.Equals(tag.TagName, "Repeater", StringComparison.Ordinal) ? tag : frame.Repeater;
                levels.Push(new Level(element.ChildNodes, tag, control, label, repeater, tag.Spec?.HasOpaqueContent ?? false));
            }
        }

        return root;
    }

    private ConfigTag CreateTag(IElement element, in Frame frame)
    {
        var writtenName = element.LocalName;
        var position = TakePosition(element);
        var line = Math.Max(1, position.Line);
        var column = Math.Max(1, position.Column);
        TagCatalog.TryGet(writtenName, out var spec);
        _pending.Clear();
        var attributes = ReadAttributes(element, spec);

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
        frame.Parent?.AddChild(tag);
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

        if (spec is { Name: "Header" or "Style" })
        {
            tag.Text = element.TextContent;
        }
        else if (spec is { Name: "HyperText" } && element.ChildElementCount > 0)
        {
            tag.Text = element.InnerHtml;
        }

        CheckTag(tag, frame);
        return tag;
    }

    private TextPosition TakePosition(IElement element)
    {
        // AngleSharp reports elements in creation order, which is document order: the order of this walk.
        if (_positionsByElement is null && _nextPosition < _positions.Count && ReferenceEquals(_positions[_nextPosition].Element, element))
        {
            return _positions[_nextPosition++].Position;
        }

        if (_positionsByElement is null)
        {
            _positionsByElement = new Dictionary<IElement, TextPosition>(_positions.Count, ReferenceEqualityComparer.Instance);
            foreach (var (created, position) in _positions)
            {
                _positionsByElement.TryAdd(created, position);
            }
        }

        return _positionsByElement.TryGetValue(element, out var found) ? found : default;
    }

    private static TagCategory ClassifyUnknown(AttributeMap attributes)
    {
        // As Python does for tags it does not know: name + toName is a control, name + value an object.
        if (!attributes.ContainsKey("name"))
        {
            return TagCategory.Unknown;
        }

        if (attributes.ContainsKey("toName"))
        {
            return TagCategory.Control;
        }

        return attributes.ContainsKey("value") || attributes.ContainsKey("valueList") ? TagCategory.Object : TagCategory.Unknown;
    }

    private AttributeMap ReadAttributes(IElement element, TagSpec? spec)
    {
        var source = element.Attributes;
        if (source.Length == 0)
        {
            return AttributeMap.Empty;
        }

        var items = new KeyValuePair<string, string>[source.Length];
        var count = 0;
        for (var i = 0; i < source.Length; i++)
        {
            var attribute = source[i]!;
            var written = attribute.Name;
            var value = attribute.Value;
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
                    $"<{element.LocalName}> has attribute '{key}' twice (as '{written}' too); the first one is used", $"remove '{written}'");
            }
        }

        return new AttributeMap(items, count);
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
            control.AddLabel(label);
            if (frame.Label is { } parentLabel && parentLabel.Control == control)
            {
                label.ParentLabel = parentLabel;
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

        foreach (var tag in _tags)
        {
            if (tag is not ControlTag && tag.Spec is { Name: "Filter" } && tag.GetAttribute("toName") is { } filterTarget)
            {
                foreach (var name in ControlTag.SplitNames(filterTarget))
                {
                    if (!_names.ContainsKey(name))
                    {
                        ReportUnknownName(tag, "toName", name);
                    }
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

        CheckDuplicateLabels(control);
        control.Freeze();
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

    private void CheckDuplicateLabels(ControlTag control)
    {
        if (control.Labels.Count < 2)
        {
            return;
        }

        var seen = new HashSet<(LabelTag?, string)>(control.Labels.Count);
        foreach (var label in control.Labels)
        {
            if (label.ResultValue is { } value && !seen.Add((label.ParentLabel, value)))
            {
                Report(DiagnosticCodes.DuplicateLabelValue, DiagnosticSeverity.Warning, label,
                    $"<{control.TagName} name=\"{control.Name}\"> has the value \"{value}\" twice; results cannot tell them apart",
                    "remove the duplicate or give it another value");
            }
        }
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

    private void Report(string code, DiagnosticSeverity severity, int line, int column, string path, string message, string? hint = null) =>
        _diagnostics.Add(new ConfigDiagnostic(code, severity, line, column, path, message, hint));
}

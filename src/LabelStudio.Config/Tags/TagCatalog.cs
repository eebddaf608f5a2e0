using System.Collections.ObjectModel;

namespace LabelStudio.Config.Tags;

/// <summary>
/// Every tag of the Label Studio config language (reference: the tag doc pages and the editor's tag models),
/// with its attributes typed. Lookups are case-insensitive, as in the editor.
/// </summary>
public static class TagCatalog
{
    private static readonly string[] ImageOnly = ["Image"];
    private static readonly string[] VideoOnly = ["Video"];

    private static readonly string[] LabelParents =
    [
        "Labels", "EllipseLabels", "RectangleLabels", "PolygonLabels", "KeyPointLabels", "BrushLabels", "HyperTextLabels",
        "TimeSeriesLabels", "ParagraphLabels", "VectorLabels", "OcrLabels", "TimelineLabels", "BitmaskLabels",
        "VideoVectorLabels", "CubeLabels",
    ];

    private static readonly string[] _serverObject = ["name", "value", "valueList"];
    private static readonly string[] _serverControl = ["name", "toName"];

    // The catalog's tags in the order All lists them; Create makes the spec of each by index.
    private static readonly string[] _names =
    [
        "Image", "Text", "HyperText", "Audio", "AudioPlus", "Video", "TimeSeries", "Paragraphs", "Table", "List",
        "Pdf", "Markdown", "Object3D", "Cube", "Chat", "ReactCode", "Choices", "Taxonomy", "Labels", "HyperTextLabels",
        "ParagraphLabels", "RectangleLabels", "PolygonLabels", "EllipseLabels", "KeyPointLabels", "BrushLabels",
        "VectorLabels", "BitmaskLabels", "OcrLabels", "TimeSeriesLabels", "TimelineLabels", "VideoVectorLabels",
        "CubeLabels", "Rectangle", "Polygon", "Ellipse", "KeyPoint", "Brush", "MagicWand", "Vector", "Bitmask",
        "VideoRectangle", "VideoVector", "TextArea", "Rating", "Number", "DateTime", "Pairwise", "Ranker", "Label",
        "Choice", "Relation", "View", "Header", "Style", "Collapse", "Panel", "Filter", "Repeater", "PagedView",
        "Shortcut", "Bucket", "Channel", "Relations",
    ];

    // Each tag's spec is made on first lookup, by its own small method: a config names a handful of the 64 tags, and
    // making them all (one very large method, some 1,500 attribute objects) was a visible part of every process's first
    // parse (a dictionary of 64 lazily created entries still compiled to 20 KB of tier-0 code). _made is a write-once
    // memo: every slot goes from null to the one spec all callers then share.
    private static readonly Dictionary<string, int> _indexByName = BuildIndex();

    private static readonly TagSpec?[] _made = new TagSpec?[_names.Length];

    private static readonly Lazy<ReadOnlyCollection<TagSpec>> _allSpecs = new(() =>
    {
        var all = new TagSpec[_names.Length];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = Get(i);
        }

        return Array.AsReadOnly(all);
    });

    /// <summary>All known tags, by canonical name.</summary>
    public static IReadOnlyCollection<TagSpec> All => _allSpecs.Value;

    /// <summary>Finds a tag by name, ignoring case; returns false for tags the catalog does not know.</summary>
    public static bool TryGet(string tagName, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TagSpec? spec)
    {
        ArgumentNullException.ThrowIfNull(tagName);
        if (_indexByName.TryGetValue(tagName, out var index))
        {
            spec = Get(index);
            return true;
        }

        spec = null;
        return false;
    }

    private static TagSpec Get(int index)
    {
        if (Volatile.Read(ref _made[index]) is { } made)
        {
            return made;
        }

        // Two threads may both make a spec; the first one stored is the one everybody gets.
        var spec = Create(index);
        return Interlocked.CompareExchange(ref _made[index], spec, null) ?? spec;
    }

    private static Dictionary<string, int> BuildIndex()
    {
        var index = new Dictionary<string, int>(_names.Length, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < _names.Length; i++)
        {
            index.Add(_names[i], i);
        }

        return index;
    }

    private static AttributeSpec S(string name) => new(name, AttributeKind.String);

    private static AttributeSpec B(string name) => new(name, AttributeKind.Boolean);

    private static AttributeSpec N(string name, double? min = null, double? max = null) => new(name, AttributeKind.Number, null, min, max);

    private static AttributeSpec I(string name, double? min = null) => new(name, AttributeKind.Integer, null, min);

    private static AttributeSpec E(string name, params string[] values) => new(name, AttributeKind.Enum, values);

    private static AttributeSpec[] Common() =>
    [
        S("name"), S("value"), S("style"), S("className"), E("visibleWhen", "region-selected", "no-region-selected", "choice-selected", "choice-unselected"),
        S("whenTagName"), S("whenLabelValue"), S("whenChoiceValue"), S("whenRole"),
    ];

    private static AttributeSpec[] ObjectCommon() => [.. Common(), S("valueList"), B("inline")];

    private static AttributeSpec[] ControlCommon() =>
    [
        .. Common(), S("toName"), B("required"), S("requiredMessage"), B("perRegion"), B("perItem"), S("hotkey"), B("smart"), B("smartOnly"),
    ];

    private static AttributeSpec[] LabelsCommon() =>
    [
        .. ControlCommon(), E("choice", "single", "multiple"), I("maxUsages", 0), B("showInline"), N("opacity", 0, 1), S("fillColor"),
        S("strokeColor"), N("strokeWidth", 0), N("fillOpacity", 0, 1), S("allowEmpty"), S("apiUrl"),
    ];

    private static AttributeSpec[] GeometryCommon() =>
    [
        N("opacity", 0, 1), S("fillColor"), S("strokeColor"), N("strokeWidth", 0), N("fillOpacity", 0, 1), B("canRotate"),
        E("pointSize", "small", "medium", "large"), E("pointStyle", "circle", "rectangle"), S("snap"), N("minWidth"), N("minHeight"),
        S("brushSize"), B("closed"),
    ];

    private static TagSpec Create(int index) => index switch
    {
        0 => ImageSpec(),
        1 => TextSpec(),
        2 => HyperTextSpec(),
        3 => AudioSpec(),
        4 => AudioPlusSpec(),
        5 => VideoSpec(),
        6 => TimeSeriesSpec(),
        7 => ParagraphsSpec(),
        8 => TableSpec(),
        9 => ListSpec(),
        10 => PdfSpec(),
        11 => MarkdownSpec(),
        12 => Object3DSpec(),
        13 => CubeSpec(),
        14 => ChatSpec(),
        15 => ReactCodeSpec(),
        16 => ChoicesSpec(),
        17 => TaxonomySpec(),
        18 => LabelsSpec(),
        19 => HyperTextLabelsSpec(),
        20 => ParagraphLabelsSpec(),
        21 => RectangleLabelsSpec(),
        22 => PolygonLabelsSpec(),
        23 => EllipseLabelsSpec(),
        24 => KeyPointLabelsSpec(),
        25 => BrushLabelsSpec(),
        26 => VectorLabelsSpec(),
        27 => BitmaskLabelsSpec(),
        28 => OcrLabelsSpec(),
        29 => TimeSeriesLabelsSpec(),
        30 => TimelineLabelsSpec(),
        31 => VideoVectorLabelsSpec(),
        32 => CubeLabelsSpec(),
        33 => RectangleSpec(),
        34 => PolygonSpec(),
        35 => EllipseSpec(),
        36 => KeyPointSpec(),
        37 => BrushSpec(),
        38 => MagicWandSpec(),
        39 => VectorSpec(),
        40 => BitmaskSpec(),
        41 => VideoRectangleSpec(),
        42 => VideoVectorSpec(),
        43 => TextAreaSpec(),
        44 => RatingSpec(),
        45 => NumberSpec(),
        46 => DateTimeSpec(),
        47 => PairwiseSpec(),
        48 => RankerSpec(),
        49 => LabelSpec(),
        50 => ChoiceSpec(),
        51 => RelationSpec(),
        52 => ViewSpec(),
        53 => HeaderSpec(),
        54 => StyleSpec(),
        55 => CollapseSpec(),
        56 => PanelSpec(),
        57 => FilterSpec(),
        58 => RepeaterSpec(),
        59 => PagedViewSpec(),
        60 => ShortcutSpec(),
        61 => BucketSpec(),
        62 => ChannelSpec(),
        63 => RelationsSpec(),
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "No such tag index."),
    };

    private static TagSpec ImageSpec() => new("Image", TagCategory.Object,
    [
        .. ObjectCommon(), B("zoom"), B("zoomControl"), B("negativeZoom"), N("zoomBy", 0), B("rotateControl"), B("brightnessControl"),
        B("contrastControl"), B("crosshair"), B("grid"), N("gridSize", 1), S("width"), S("height"), S("maxWidth"), S("maxHeight"),
        E("horizontalAlignment", "left", "center", "right"), E("verticalAlignment", "top", "center", "bottom"),
        E("defaultZoom", "auto", "original", "fit"), S("crossOrigin"), B("smoothing"), S("sync"), S("maxZoom"),
    ], serverRequired: _serverObject);

    private static TagSpec TextSpec() => new("Text", TagCategory.Object,
    [
        .. ObjectCommon(), E("valueType", "text", "url"), B("saveTextResult"), E("encoding", "none", "base64", "base64unicode"),
        B("selectionEnabled"), S("highlightColor"), B("showLabels"), E("granularity", "symbol", "word", "sentence", "paragraph"),
    ], serverRequired: _serverObject);

    private static TagSpec HyperTextSpec() => new("HyperText", TagCategory.Object,
    [
        .. ObjectCommon(), E("valueType", "text", "url"), B("saveTextResult"), E("encoding", "none", "base64", "base64unicode"),
        B("selectionEnabled"), B("clickableLinks"), S("highlightColor"), B("showLabels"), E("granularity", "symbol", "word", "sentence", "paragraph"),
    ], serverRequired: _serverObject, opaqueContent: true);

    private static TagSpec AudioSpec() => Audio("Audio");

    private static TagSpec AudioPlusSpec() => Audio("AudioPlus");

    private static TagSpec VideoSpec() => new("Video", TagCategory.Object,
    [
        .. ObjectCommon(), N("frameRate", 0), S("sync"), B("muted"), N("height", 0), N("defaultPlaybackSpeed", 0.05, 10),
        N("minPlaybackSpeed", 0.05, 10), S("timelineHeight"), S("defaultZoom"), S("defaultVolume"),
    ]);

    private static TagSpec TimeSeriesSpec() => new("TimeSeries", TagCategory.Object,
    [
        .. ObjectCommon(), E("valueType", "url", "json"), S("sep"), S("timeColumn"), S("timeFormat"), S("timeDisplayFormat"),
        S("overviewChannels"), S("overviewWidth"), B("fixedScale"), S("sync"), S("cursorColor"),
    ]);

    private static TagSpec ParagraphsSpec() => new("Paragraphs", TagCategory.Object,
    [
        .. ObjectCommon(), E("valueType", "json", "url"), E("layout", "none", "dialogue"), S("nameKey"), S("textKey"), S("audioUrl"),
        S("sync"), B("showPlayer"), B("contextScroll"), B("saveTextResult"), E("granularity", "symbol", "word", "sentence", "paragraph", "paragraphs"),
    ]);

    private static TagSpec TableSpec() => new("Table", TagCategory.Object, [.. ObjectCommon(), S("valueType")]);

    private static TagSpec ListSpec() => new("List", TagCategory.Object, [.. ObjectCommon(), S("title")]);

    private static TagSpec PdfSpec() => new("Pdf", TagCategory.Object, [.. ObjectCommon()]);

    private static TagSpec MarkdownSpec() => new("Markdown", TagCategory.Object, [.. ObjectCommon()]);

    private static TagSpec Object3DSpec() => new("Object3D", TagCategory.Object, [.. ObjectCommon()]);

    private static TagSpec CubeSpec() => new("Cube", TagCategory.Object, [.. ObjectCommon()]);

    private static TagSpec ChatSpec() => new("Chat", TagCategory.Object,
    [
        .. ControlCommon(), S("messageroles"), B("editable"), I("minMessages", 0), I("maxMessages", 0), S("llm"),
    ], resultType: "chatmessage", isSelfReferencing: true);

    private static TagSpec ReactCodeSpec() => new("ReactCode", TagCategory.Object, [.. ControlCommon(), S("code"), S("outputs"), S("src")], resultType: "reactcode", isSelfReferencing: true);

    private static TagSpec ChoicesSpec() => new("Choices", TagCategory.Control,
    [
        .. ControlCommon(), E("choice", "single", "single-radio", "multiple"), E("layout", "select", "inline", "vertical", "horizontal"),
        B("showInline"), B("allowNested"), I("maxUsages", 0), S("selection"), S("apiUrl"),
    ], "choices", labelTag: "Choice", serverRequired: _serverControl);

    private static TagSpec TaxonomySpec() => new("Taxonomy", TagCategory.Control,
    [
        .. ControlCommon(), S("apiUrl"), B("leafsOnly"), B("showFullPath"), S("pathSeparator"), I("maxUsages", 0), S("placeholder"),
        B("legacy"), N("minWidth"), N("maxWidth"), B("isEditable"), B("userLabels"),
    ], "taxonomy", labelTag: "Choice", requiresLabels: true);

    private static TagSpec LabelsSpec() => new("Labels", TagCategory.Control, [.. LabelsCommon()], "labels", labelTag: "Label", serverRequired: _serverControl);

    private static TagSpec HyperTextLabelsSpec() => new("HyperTextLabels", TagCategory.Control, [.. LabelsCommon()], "hypertextlabels", ["HyperText"], labelTag: "Label", requiresLabels: true);

    private static TagSpec ParagraphLabelsSpec() => new("ParagraphLabels", TagCategory.Control, [.. LabelsCommon()], "paragraphlabels", ["Paragraphs"], labelTag: "Label", requiresLabels: true);

    private static TagSpec RectangleLabelsSpec() => Geometry("RectangleLabels", "rectanglelabels", ImageOnly, true);

    private static TagSpec PolygonLabelsSpec() => Geometry("PolygonLabels", "polygonlabels", ImageOnly, true);

    private static TagSpec EllipseLabelsSpec() => Geometry("EllipseLabels", "ellipselabels", ImageOnly, true);

    private static TagSpec KeyPointLabelsSpec() => Geometry("KeyPointLabels", "keypointlabels", ImageOnly, true);

    private static TagSpec BrushLabelsSpec() => Geometry("BrushLabels", "brushlabels", ImageOnly, true);

    private static TagSpec VectorLabelsSpec() => Geometry("VectorLabels", "vectorlabels", ImageOnly, true);

    private static TagSpec BitmaskLabelsSpec() => Geometry("BitmaskLabels", "bitmasklabels", ImageOnly, true);

    private static TagSpec OcrLabelsSpec() => Geometry("OcrLabels", "ocrlabels", null, true);

    private static TagSpec TimeSeriesLabelsSpec() => Geometry("TimeSeriesLabels", "timeserieslabels", ["TimeSeries"], true);

    private static TagSpec TimelineLabelsSpec() => Geometry("TimelineLabels", "timelinelabels", VideoOnly, true);

    private static TagSpec VideoVectorLabelsSpec() => Geometry("VideoVectorLabels", "videovectorlabels", VideoOnly, true);

    private static TagSpec CubeLabelsSpec() => Geometry("CubeLabels", "cubelabels", null, true);

    private static TagSpec RectangleSpec() => Geometry("Rectangle", "rectangle", ImageOnly, false);

    private static TagSpec PolygonSpec() => Geometry("Polygon", "polygon", ImageOnly, false);

    private static TagSpec EllipseSpec() => Geometry("Ellipse", "ellipse", ImageOnly, false);

    private static TagSpec KeyPointSpec() => Geometry("KeyPoint", "keypoint", ImageOnly, false);

    private static TagSpec BrushSpec() => Geometry("Brush", "brush", ImageOnly, false);

    private static TagSpec MagicWandSpec() => Geometry("MagicWand", "brush", ImageOnly, false);

    private static TagSpec VectorSpec() => Geometry("Vector", "vector", ImageOnly, false);

    private static TagSpec BitmaskSpec() => Geometry("Bitmask", "bitmask", ImageOnly, false);

    private static TagSpec VideoRectangleSpec() => Geometry("VideoRectangle", "videorectangle", VideoOnly, false);

    private static TagSpec VideoVectorSpec() => Geometry("VideoVector", "videovector", VideoOnly, false);

    private static TagSpec TextAreaSpec() => new("TextArea", TagCategory.Control,
    [
        .. ControlCommon(), I("rows", 1), B("editable"), I("maxSubmissions", 0), S("placeholder"), B("transcription"),
        B("showSubmitButton"), B("skipDuplicates"), E("displayMode", "tag", "region-list"), S("label"),
    ], "textarea", serverRequired: _serverControl);

    private static TagSpec RatingSpec() => new("Rating", TagCategory.Control,
    [
        .. ControlCommon(), I("maxRating", 1), E("icon", "star", "heart", "fire", "smile"), E("size", "small", "medium", "large"),
        I("defaultValue", 0),
    ], "rating");

    private static TagSpec NumberSpec() => new("Number", TagCategory.Control,
    [
        .. ControlCommon(), N("min"), N("max"), N("step"), N("defaultValue"), B("slider"),
    ], "number", serverRequired: _serverControl);

    private static TagSpec DateTimeSpec() => new("DateTime", TagCategory.Control, [.. ControlCommon(), S("only"), S("format"), S("min"), S("max")], "datetime");

    private static TagSpec PairwiseSpec() => new("Pairwise", TagCategory.Control, [.. ControlCommon(), S("selectionStyle"), S("leftClassName"), S("rightClassName")], "pairwise");

    private static TagSpec RankerSpec() => new("Ranker", TagCategory.Control, [.. ControlCommon()], "ranker", ["List"]);

    private static TagSpec LabelSpec() => new("Label", TagCategory.Label,
    [
        S("value"), S("alias"), S("background"), S("selectedColor"), S("hotkey"), S("hint"), I("maxUsages", 0), B("selected"),
        B("showAlias"), S("aliasStyle"), S("size"), E("granularity", "symbol", "word", "sentence", "paragraph"), S("html"),
        B("smart"), B("showInline"), S("category"),
    ], ancestors: LabelParents, serverRequired: ["value"]);

    private static TagSpec ChoiceSpec() => new("Choice", TagCategory.Label,
    [
        S("value"), S("alias"), B("selected"), S("hotkey"), S("html"), S("hint"), S("style"), S("color"), S("background"),
        S("visibleWhen"), S("whenTagName"), S("whenLabelValue"), S("whenChoiceValue"), S("className"),
    ], ancestors: ["Choices", "Taxonomy"], serverRequired: ["value"]);

    private static TagSpec RelationSpec() => new("Relation", TagCategory.Label, [S("value"), S("background"), S("hotkey")], ancestors: ["Relations"]);

    private static TagSpec ViewSpec() => new("View", TagCategory.Visual,
    [
        .. Common(), S("idAttr"), E("display", "block", "inline"),
    ]);

    private static TagSpec HeaderSpec() => new("Header", TagCategory.Visual, [.. Common(), S("size"), B("underline")]);

    private static TagSpec StyleSpec() => new("Style", TagCategory.Visual, [], opaqueContent: true);

    private static TagSpec CollapseSpec() => new("Collapse", TagCategory.Visual, [.. Common(), B("accordion"), B("bordered")]);

    private static TagSpec PanelSpec() => new("Panel", TagCategory.Visual, [.. Common()], ancestors: ["Collapse"]);

    private static TagSpec FilterSpec() => new("Filter", TagCategory.Visual, [.. Common(), S("toName"), S("placeholder"), N("minlength", 0), S("hotkey"), S("cleanup"), S("caseSensitive")]);

    private static TagSpec RepeaterSpec() => new("Repeater", TagCategory.Visual, [S("on"), S("indexFlag"), E("mode", "pagination"), S("name")]);

    private static TagSpec PagedViewSpec() => new("PagedView", TagCategory.Visual, [.. Common()]);

    private static TagSpec ShortcutSpec() => new("Shortcut", TagCategory.Visual, [S("value"), S("alias"), S("hotkey"), S("background")], ancestors: ["TextArea"]);

    private static TagSpec BucketSpec() => new("Bucket", TagCategory.Visual, [S("name"), S("title"), B("default")], ancestors: ["Ranker"]);

    private static TagSpec ChannelSpec() => new("Channel", TagCategory.Visual,
    [
        S("column"), S("units"), S("displayFormat"), S("strokeColor"), S("legend"), N("height", 0), N("strokeWidth", 0),
        S("markerColor"), N("markerSize", 0), S("markerSymbol"), S("dataRange"), B("showAxis"), B("fixedScale"), S("timeRange"),
    ], ancestors: ["TimeSeries"]);

    private static TagSpec RelationsSpec() => new("Relations", TagCategory.Visual, [E("choice", "single", "multiple")], resultType: "relation", labelTag: "Relation");

    private static TagSpec Audio(string name) => new(name, TagCategory.Object,
    [
        .. ObjectCommon(), S("hotkey"), S("sync"), B("speed"), B("zoom"), B("volume"), N("defaultspeed", 0), N("defaultzoom", 0),
        N("defaultvolume", 0, 1), N("defaultscale", 0), N("height", 0), N("waveheight", 0), B("splitchannels"), E("decoder", "webaudio", "ffmpeg"),
        E("player", "html5", "webaudio"), N("cursorwidth", 0), S("cursorcolor"), B("spectrogram"),
    ]);

    private static TagSpec Geometry(string name, string resultType, string[]? controls, bool labels) => new(
        name,
        TagCategory.Control,
        labels ? [.. LabelsCommon(), .. GeometryCommon()] : [.. ControlCommon(), .. GeometryCommon()],
        resultType,
        controls,
        labelTag: labels ? "Label" : null,
        requiresLabels: labels);
}

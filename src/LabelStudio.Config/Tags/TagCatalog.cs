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

    private static readonly string[] ServerObject = ["name", "value", "valueList"];
    private static readonly string[] ServerControl = ["name", "toName"];

    // Each tag's spec is made on first lookup, by its own small method: a config names a handful of the ~80 tags, and
    // making them all (one very large method, some 2,000 attribute objects) was a visible part of every process's first
    // parse. The dictionary is built once and never changed.
    private static readonly Dictionary<string, Lazy<TagSpec>> Specs = BuildSpecs();

    private static readonly Lazy<TagSpec[]> AllSpecs = new(() => [.. Specs.Values.Select(spec => spec.Value)]);

    /// <summary>All known tags, by canonical name.</summary>
    public static IReadOnlyCollection<TagSpec> All => AllSpecs.Value;

    /// <summary>Finds a tag by name, ignoring case; returns false for tags the catalog does not know.</summary>
    public static bool TryGet(string tagName, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TagSpec? spec)
    {
        ArgumentNullException.ThrowIfNull(tagName);
        if (Specs.TryGetValue(tagName, out var lazy))
        {
            spec = lazy.Value;
            return true;
        }

        spec = null;
        return false;
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

    private static Dictionary<string, Lazy<TagSpec>> BuildSpecs() => new(StringComparer.OrdinalIgnoreCase)
    {
        // Object tags.
        { "Image", new(static () => new("Image", TagCategory.Object,
        [
            .. ObjectCommon(), B("zoom"), B("zoomControl"), B("negativeZoom"), N("zoomBy", 0), B("rotateControl"), B("brightnessControl"),
            B("contrastControl"), B("crosshair"), B("grid"), N("gridSize", 1), S("width"), S("height"), S("maxWidth"), S("maxHeight"),
            E("horizontalAlignment", "left", "center", "right"), E("verticalAlignment", "top", "center", "bottom"),
            E("defaultZoom", "auto", "original", "fit"), S("crossOrigin"), B("smoothing"), S("sync"), S("maxZoom"),
        ], serverRequired: ServerObject)) },
        { "Text", new(static () => new("Text", TagCategory.Object,
        [
            .. ObjectCommon(), E("valueType", "text", "url"), B("saveTextResult"), E("encoding", "none", "base64", "base64unicode"),
            B("selectionEnabled"), S("highlightColor"), B("showLabels"), E("granularity", "symbol", "word", "sentence", "paragraph"),
        ], serverRequired: ServerObject)) },
        { "HyperText", new(static () => new("HyperText", TagCategory.Object,
        [
            .. ObjectCommon(), E("valueType", "text", "url"), B("saveTextResult"), E("encoding", "none", "base64", "base64unicode"),
            B("selectionEnabled"), B("clickableLinks"), S("highlightColor"), B("showLabels"), E("granularity", "symbol", "word", "sentence", "paragraph"),
        ], serverRequired: ServerObject, opaqueContent: true)) },
        { "Audio", new(static () => Audio("Audio")) },
        { "AudioPlus", new(static () => Audio("AudioPlus")) },
        { "Video", new(static () => new("Video", TagCategory.Object,
        [
            .. ObjectCommon(), N("frameRate", 0), S("sync"), B("muted"), N("height", 0), N("defaultPlaybackSpeed", 0.05, 10),
            N("minPlaybackSpeed", 0.05, 10), S("timelineHeight"), S("defaultZoom"), S("defaultVolume"),
        ])) },
        { "TimeSeries", new(static () => new("TimeSeries", TagCategory.Object,
        [
            .. ObjectCommon(), E("valueType", "url", "json"), S("sep"), S("timeColumn"), S("timeFormat"), S("timeDisplayFormat"),
            S("overviewChannels"), S("overviewWidth"), B("fixedScale"), S("sync"), S("cursorColor"),
        ])) },
        { "Paragraphs", new(static () => new("Paragraphs", TagCategory.Object,
        [
            .. ObjectCommon(), E("valueType", "json", "url"), E("layout", "none", "dialogue"), S("nameKey"), S("textKey"), S("audioUrl"),
            S("sync"), B("showPlayer"), B("contextScroll"), B("saveTextResult"), E("granularity", "symbol", "word", "sentence", "paragraph", "paragraphs"),
        ])) },
        { "Table", new(static () => new("Table", TagCategory.Object, [.. ObjectCommon(), S("valueType")])) },
        { "List", new(static () => new("List", TagCategory.Object, [.. ObjectCommon(), S("title")])) },
        { "Pdf", new(static () => new("Pdf", TagCategory.Object, [.. ObjectCommon()])) },
        { "Markdown", new(static () => new("Markdown", TagCategory.Object, [.. ObjectCommon()])) },
        { "Object3D", new(static () => new("Object3D", TagCategory.Object, [.. ObjectCommon()])) },
        { "Cube", new(static () => new("Cube", TagCategory.Object, [.. ObjectCommon()])) },
        { "Chat", new(static () => new("Chat", TagCategory.Object,
        [
            .. ControlCommon(), S("messageroles"), B("editable"), I("minMessages", 0), I("maxMessages", 0), S("llm"),
        ], resultType: "chatmessage", isSelfReferencing: true)) },
        { "ReactCode", new(static () => new("ReactCode", TagCategory.Object, [.. ControlCommon(), S("code"), S("outputs"), S("src")], resultType: "reactcode", isSelfReferencing: true)) },
        // Control tags with a vocabulary.
        { "Choices", new(static () => new("Choices", TagCategory.Control,
        [
            .. ControlCommon(), E("choice", "single", "single-radio", "multiple"), E("layout", "select", "inline", "vertical", "horizontal"),
            B("showInline"), B("allowNested"), I("maxUsages", 0), S("selection"), S("apiUrl"),
        ], "choices", labelTag: "Choice", serverRequired: ServerControl)) },
        { "Taxonomy", new(static () => new("Taxonomy", TagCategory.Control,
        [
            .. ControlCommon(), S("apiUrl"), B("leafsOnly"), B("showFullPath"), S("pathSeparator"), I("maxUsages", 0), S("placeholder"),
            B("legacy"), N("minWidth"), N("maxWidth"), B("isEditable"), B("userLabels"),
        ], "taxonomy", labelTag: "Choice", requiresLabels: true)) },
        { "Labels", new(static () => new("Labels", TagCategory.Control, [.. LabelsCommon()], "labels", labelTag: "Label", serverRequired: ServerControl)) },
        { "HyperTextLabels", new(static () => new("HyperTextLabels", TagCategory.Control, [.. LabelsCommon()], "hypertextlabels", ["HyperText"], labelTag: "Label", requiresLabels: true)) },
        { "ParagraphLabels", new(static () => new("ParagraphLabels", TagCategory.Control, [.. LabelsCommon()], "paragraphlabels", ["Paragraphs"], labelTag: "Label", requiresLabels: true)) },
        { "RectangleLabels", new(static () => Geometry("RectangleLabels", "rectanglelabels", ImageOnly, true)) },
        { "PolygonLabels", new(static () => Geometry("PolygonLabels", "polygonlabels", ImageOnly, true)) },
        { "EllipseLabels", new(static () => Geometry("EllipseLabels", "ellipselabels", ImageOnly, true)) },
        { "KeyPointLabels", new(static () => Geometry("KeyPointLabels", "keypointlabels", ImageOnly, true)) },
        { "BrushLabels", new(static () => Geometry("BrushLabels", "brushlabels", ImageOnly, true)) },
        { "VectorLabels", new(static () => Geometry("VectorLabels", "vectorlabels", ImageOnly, true)) },
        { "BitmaskLabels", new(static () => Geometry("BitmaskLabels", "bitmasklabels", ImageOnly, true)) },
        { "OcrLabels", new(static () => Geometry("OcrLabels", "ocrlabels", null, true)) },
        { "TimeSeriesLabels", new(static () => Geometry("TimeSeriesLabels", "timeserieslabels", ["TimeSeries"], true)) },
        { "TimelineLabels", new(static () => Geometry("TimelineLabels", "timelinelabels", VideoOnly, true)) },
        { "VideoVectorLabels", new(static () => Geometry("VideoVectorLabels", "videovectorlabels", VideoOnly, true)) },
        { "CubeLabels", new(static () => Geometry("CubeLabels", "cubelabels", null, true)) },
        // Geometry tools without a vocabulary.
        { "Rectangle", new(static () => Geometry("Rectangle", "rectangle", ImageOnly, false)) },
        { "Polygon", new(static () => Geometry("Polygon", "polygon", ImageOnly, false)) },
        { "Ellipse", new(static () => Geometry("Ellipse", "ellipse", ImageOnly, false)) },
        { "KeyPoint", new(static () => Geometry("KeyPoint", "keypoint", ImageOnly, false)) },
        { "Brush", new(static () => Geometry("Brush", "brush", ImageOnly, false)) },
        { "MagicWand", new(static () => Geometry("MagicWand", "brush", ImageOnly, false)) },
        { "Vector", new(static () => Geometry("Vector", "vector", ImageOnly, false)) },
        { "Bitmask", new(static () => Geometry("Bitmask", "bitmask", ImageOnly, false)) },
        { "VideoRectangle", new(static () => Geometry("VideoRectangle", "videorectangle", VideoOnly, false)) },
        { "VideoVector", new(static () => Geometry("VideoVector", "videovector", VideoOnly, false)) },
        // Other controls.
        { "TextArea", new(static () => new("TextArea", TagCategory.Control,
        [
            .. ControlCommon(), I("rows", 1), B("editable"), I("maxSubmissions", 0), S("placeholder"), B("transcription"),
            B("showSubmitButton"), B("skipDuplicates"), E("displayMode", "tag", "region-list"), S("label"),
        ], "textarea", serverRequired: ServerControl)) },
        { "Rating", new(static () => new("Rating", TagCategory.Control,
        [
            .. ControlCommon(), I("maxRating", 1), E("icon", "star", "heart", "fire", "smile"), E("size", "small", "medium", "large"),
            I("defaultValue", 0),
        ], "rating")) },
        { "Number", new(static () => new("Number", TagCategory.Control,
        [
            .. ControlCommon(), N("min"), N("max"), N("step"), N("defaultValue"), B("slider"),
        ], "number", serverRequired: ServerControl)) },
        { "DateTime", new(static () => new("DateTime", TagCategory.Control, [.. ControlCommon(), S("only"), S("format"), S("min"), S("max")], "datetime")) },
        { "Pairwise", new(static () => new("Pairwise", TagCategory.Control, [.. ControlCommon(), S("selectionStyle"), S("leftClassName"), S("rightClassName")], "pairwise")) },
        { "Ranker", new(static () => new("Ranker", TagCategory.Control, [.. ControlCommon()], "ranker", ["List"])) },
        // Label-like children.
        { "Label", new(static () => new("Label", TagCategory.Label,
        [
            S("value"), S("alias"), S("background"), S("selectedColor"), S("hotkey"), S("hint"), I("maxUsages", 0), B("selected"),
            B("showAlias"), S("aliasStyle"), S("size"), E("granularity", "symbol", "word", "sentence", "paragraph"), S("html"),
            B("smart"), B("showInline"), S("category"),
        ], ancestors: LabelParents, serverRequired: ["value"])) },
        { "Choice", new(static () => new("Choice", TagCategory.Label,
        [
            S("value"), S("alias"), B("selected"), S("hotkey"), S("html"), S("hint"), S("style"), S("color"), S("background"),
            S("visibleWhen"), S("whenTagName"), S("whenLabelValue"), S("whenChoiceValue"), S("className"),
        ], ancestors: ["Choices", "Taxonomy"], serverRequired: ["value"])) },
        { "Relation", new(static () => new("Relation", TagCategory.Label, [S("value"), S("background"), S("hotkey")], ancestors: ["Relations"])) },
        // Visual and structural tags.
        { "View", new(static () => new("View", TagCategory.Visual,
        [
            .. Common(), S("idAttr"), E("display", "block", "inline"),
        ])) },
        { "Header", new(static () => new("Header", TagCategory.Visual, [.. Common(), S("size"), B("underline")])) },
        { "Style", new(static () => new("Style", TagCategory.Visual, [], opaqueContent: true)) },
        { "Collapse", new(static () => new("Collapse", TagCategory.Visual, [.. Common(), B("accordion"), B("bordered")])) },
        { "Panel", new(static () => new("Panel", TagCategory.Visual, [.. Common()], ancestors: ["Collapse"])) },
        { "Filter", new(static () => new("Filter", TagCategory.Visual, [.. Common(), S("toName"), S("placeholder"), N("minlength", 0), S("hotkey"), S("cleanup"), S("caseSensitive")])) },
        { "Repeater", new(static () => new("Repeater", TagCategory.Visual, [S("on"), S("indexFlag"), E("mode", "pagination"), S("name")])) },
        { "PagedView", new(static () => new("PagedView", TagCategory.Visual, [.. Common()])) },
        { "Shortcut", new(static () => new("Shortcut", TagCategory.Visual, [S("value"), S("alias"), S("hotkey"), S("background")], ancestors: ["TextArea"])) },
        { "Bucket", new(static () => new("Bucket", TagCategory.Visual, [S("name"), S("title"), B("default")], ancestors: ["Ranker"])) },
        { "Channel", new(static () => new("Channel", TagCategory.Visual,
        [
            S("column"), S("units"), S("displayFormat"), S("strokeColor"), S("legend"), N("height", 0), N("strokeWidth", 0),
            S("markerColor"), N("markerSize", 0), S("markerSymbol"), S("dataRange"), B("showAxis"), B("fixedScale"), S("timeRange"),
        ], ancestors: ["TimeSeries"])) },
        { "Relations", new(static () => new("Relations", TagCategory.Visual, [E("choice", "single", "multiple")], resultType: "relation", labelTag: "Relation")) },
    };

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

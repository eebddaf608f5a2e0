namespace LabelStudio.Config.Tags;

/// <summary>What a tag does in a labeling config.</summary>
// Member names are Label Studio's own terms (object tag, string attribute), not CLR type names.
#pragma warning disable CA1720
public enum TagCategory
{
    /// <summary>A tag the catalog does not know (accepted only when unknown tags are downgraded to warnings).</summary>
    Unknown = 0,

    /// <summary>An object tag: shows task data (Image, Text, Audio, ...).</summary>
    Object,

    /// <summary>A control tag: produces annotation results (Choices, RectangleLabels, TextArea, ...).</summary>
    Control,

    /// <summary>A label-like child giving a control its vocabulary (Label, Choice, Relation).</summary>
    Label,

    /// <summary>A layout, styling or structural tag (View, Header, Style, Repeater, Channel, ...).</summary>
    Visual,
}
#pragma warning restore CA1720

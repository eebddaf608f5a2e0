namespace LabelStudio.Formats.Validation;

/// <summary>Stable codes of <see cref="ValidationDiagnostic"/>: a code never changes meaning.</summary>
public static class ValidationCodes
{
    /// <summary>A data key an object needs (<c>value="$image"</c>, <c>valueList</c>, a Repeater list) is missing from <c>task.data</c>.</summary>
    public const string MissingDataKey = "LSF0001";

    /// <summary>A nested, dotted or Repeater path (<c>$doc.pages[0].url</c>, <c>$images[{{idx}}].url</c>) does not resolve inside <c>task.data</c>.</summary>
    public const string MissingDataPath = "LSF0002";

    /// <summary>A data key used only by dynamic labels or another attribute is missing (warning).</summary>
    public const string MissingOptionalDataKey = "LSF0003";

    /// <summary>A result has no <c>from_name</c>.</summary>
    public const string MissingFromName = "LSF0010";

    /// <summary><c>from_name</c> names no control of the config.</summary>
    public const string UnknownFromName = "LSF0011";

    /// <summary><c>to_name</c> is missing or names no object of the config.</summary>
    public const string UnknownToName = "LSF0012";

    /// <summary><c>to_name</c> names an object that the <c>from_name</c> control does not control.</summary>
    public const string NameMismatch = "LSF0013";

    /// <summary>The result <c>type</c> is neither the control's type nor the merged labels + geometry form.</summary>
    public const string TypeMismatch = "LSF0014";

    /// <summary>The <c>value</c> is missing or its shape does not fit the result type.</summary>
    public const string InvalidValue = "LSF0015";

    /// <summary>A label, choice or taxonomy item is not in the control's vocabulary (and the control has no dynamic labels).</summary>
    public const string UnknownLabel = "LSF0020";

    /// <summary>A labels region carries no label (warning).</summary>
    public const string EmptyLabels = "LSF0021";

    /// <summary>More than one choice for a control with <c>choice="single"</c>.</summary>
    public const string TooManyChoices = "LSF0022";

    /// <summary>Geometry value out of its range (percent outside 0-100, negative size, radius above 50, too few points, not finite).</summary>
    public const string GeometryOutOfRange = "LSF0030";

    /// <summary>A region that sticks out of the image (<c>x + width</c> above 100, a rotated corner outside): a warning, Label Studio saves such regions.</summary>
    public const string RegionOutsideImage = "LSF0034";

    /// <summary>An image region without <c>original_width</c>/<c>original_height</c> (warning): converters cannot compute pixels.</summary>
    public const string MissingImageSize = "LSF0031";

    /// <summary>A brush value that is not a usable RLE (not <c>format: rle</c>, empty, or a length that does not fit the image).</summary>
    public const string InvalidBrush = "LSF0032";

    /// <summary>A span whose start is after its end or negative.</summary>
    public const string InvalidSpan = "LSF0033";

    /// <summary>A rating below 0 or above the control's <c>maxRating</c>.</summary>
    public const string RatingOutOfRange = "LSF0040";

    /// <summary>A number outside the control's <c>min</c>/<c>max</c>.</summary>
    public const string NumberOutOfRange = "LSF0041";

    /// <summary>More texts than the TextArea's <c>maxSubmissions</c>.</summary>
    public const string TooManySubmissions = "LSF0042";

    /// <summary>A pairwise <c>selected</c> that is not <c>left</c> or <c>right</c>.</summary>
    public const string InvalidPairwise = "LSF0043";

    /// <summary>A score (prediction or result) outside [0, 1].</summary>
    public const string ScoreOutOfRange = "LSF0050";

    /// <summary>A relation whose <c>from_id</c> or <c>to_id</c> is missing or names no region of the same result list.</summary>
    public const string UnknownRelationRegion = "LSF0060";

    /// <summary>A relation label not declared by a <c>Relation</c> of the config.</summary>
    public const string UnknownRelationLabel = "LSF0061";
}

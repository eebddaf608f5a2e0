namespace LabelStudio.Config.Validation;

/// <summary>The stable diagnostic codes. A code never changes meaning; new rules get new codes.</summary>
public static class DiagnosticCodes
{
    /// <summary>The text is not well-formed XML (or is empty).</summary>
    public const string MalformedXml = "LSC0001";

    /// <summary>The config has a DOCTYPE; DTDs are forbidden (entity bombs, external entities).</summary>
    public const string DoctypeForbidden = "LSC0002";

    /// <summary>The config is longer than <see cref="LabelConfigOptions.MaxLength"/>.</summary>
    public const string InputTooLarge = "LSC0003";

    /// <summary>Elements are nested deeper than <see cref="LabelConfigOptions.MaxDepth"/>.</summary>
    public const string NestingTooDeep = "LSC0004";

    /// <summary>A tag Label Studio does not know (an error unless downgraded by <see cref="LabelConfigOptions.UnknownTagSeverity"/>).</summary>
    public const string UnknownTag = "LSC0010";

    /// <summary>A tag name written in a non-canonical case (<c>&lt;label&gt;</c>); the editor and server accept it.</summary>
    public const string TagNameCase = "LSC0011";

    /// <summary>An attribute name written in a non-canonical case; an error where the server's schema checks the attribute.</summary>
    public const string AttributeNameCase = "LSC0012";

    /// <summary>An attribute the tag does not know, close to one it does (probably misspelled).</summary>
    public const string UnknownAttribute = "LSC0013";

    /// <summary>The same attribute written twice in different cases.</summary>
    public const string DuplicateAttribute = "LSC0014";

    /// <summary>An object or control tag without <c>name</c>.</summary>
    public const string MissingName = "LSC0020";

    /// <summary>A control tag without <c>toName</c>.</summary>
    public const string MissingToName = "LSC0021";

    /// <summary>An object without <c>value</c>/<c>valueList</c>, or a Label/Choice without <c>value</c>.</summary>
    public const string MissingValue = "LSC0022";

    /// <summary>Two tags share one <c>name</c>.</summary>
    public const string DuplicateName = "LSC0023";

    /// <summary>A name that is a number or a boolean, which Label Studio's server rejects.</summary>
    public const string NonStringName = "LSC0024";

    /// <summary>A <c>toName</c> entry that names no tag.</summary>
    public const string UnknownToName = "LSC0030";

    /// <summary>A <c>toName</c> entry naming a tag the control cannot control (for example RectangleLabels on Text).</summary>
    public const string UncontrollableTarget = "LSC0031";

    /// <summary>A control that needs labels or choices has none and no dynamic <c>value="$field"</c>.</summary>
    public const string NoLabels = "LSC0032";

    /// <summary>A tag outside the parent it must sit in (Label outside a labels control, Channel outside TimeSeries, ...).</summary>
    public const string MisplacedTag = "LSC0033";

    /// <summary><c>perRegion</c> and <c>perItem</c> on one control; they are mutually exclusive.</summary>
    public const string PerRegionWithPerItem = "LSC0034";

    /// <summary><c>whenTagName</c> names no tag.</summary>
    public const string UnknownConditionTag = "LSC0035";

    /// <summary>An attribute value outside its set of allowed values.</summary>
    public const string InvalidEnumValue = "LSC0040";

    /// <summary>A boolean attribute whose value is not <c>true</c> or <c>false</c>.</summary>
    public const string InvalidBoolean = "LSC0041";

    /// <summary>A numeric attribute that is not a number, or is out of range.</summary>
    public const string InvalidNumber = "LSC0042";

    /// <summary>Two labels of one control with the same value; only one can ever be told apart in results.</summary>
    public const string DuplicateLabelValue = "LSC0050";

    /// <summary>A named tag inside a Repeater whose name lacks the index placeholder, so expansion repeats the name.</summary>
    public const string RepeaterNameNotIndexed = "LSC0051";

    /// <summary>A Repeater without <c>on="$list"</c>.</summary>
    public const string RepeaterWithoutList = "LSC0052";

    /// <summary>The embedded sample-data comment <c>&lt;!-- { ... } --&gt;</c> is not valid JSON.</summary>
    public const string InvalidSampleData = "LSC0060";

    /// <summary>A config change would orphan existing annotations of a control (from_name, to_name, type).</summary>
    public const string ChangeBreaksAnnotations = "LSC0100";

    /// <summary>A config change removes labels that existing annotations use.</summary>
    public const string ChangeRemovesUsedLabels = "LSC0101";
}

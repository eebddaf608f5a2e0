namespace LabelStudio.Config;

/// <summary>Why a config needs a task-data key.</summary>
public enum DataKeyKind
{
    /// <summary>An object's <c>value="$key"</c>.</summary>
    ObjectValue = 0,

    /// <summary>An object's <c>valueList="$key"</c>: a list of items.</summary>
    ObjectValueList,

    /// <summary>A control's dynamic labels or choices, <c>value="$key"</c>: a list of label objects.</summary>
    DynamicLabels,

    /// <summary>A Repeater's <c>on="$key"</c>: the list repeated over.</summary>
    RepeaterList,

    /// <summary>Any other attribute that reads task data (Header <c>value="$title"</c>, Paragraphs <c>audioUrl</c>, ...).</summary>
    Other,
}

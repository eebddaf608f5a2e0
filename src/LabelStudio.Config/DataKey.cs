namespace LabelStudio.Config;

/// <summary>
/// A task-data key the config reads: <c>task.data[Key]</c> must exist for the editor to show the task.
/// </summary>
/// <param name="Key">The top-level key in <c>task.data</c> (<c>document</c> for <c>$document[{{idx}}].page</c>).</param>
/// <param name="Expression">The attribute value as written, without the leading <c>$</c> (<c>document[{{idx}}].page</c>).</param>
/// <param name="Kind">Why the config needs it.</param>
/// <param name="Tag">The tag that reads it.</param>
/// <param name="Attribute">The attribute that names it (<c>value</c>, <c>valueList</c>, <c>on</c>, ...).</param>
public sealed record DataKey(string Key, string Expression, DataKeyKind Kind, ConfigTag Tag, string Attribute)
{
    /// <summary>True when the expression is a path below the key (<c>[..]</c> or <c>.field</c>), as Repeater bodies write.</summary>
    public bool IsPath => Expression.Length != Key.Length;
}
